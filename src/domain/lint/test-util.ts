/** Helpers for the lint tests: parse, lint, apply a finding's fix. */
import { applyEdits } from '../edits/text-edits.ts'
import { buildGraph } from '../graph/build-graph.ts'
import { parsePolicies } from '../policy/parse.ts'
import type { KnownEndpoint, LintFinding, LintInput } from './model.ts'
import { lintWorkspace } from './run.ts'
import { workloadIdentity } from './walk.ts'

export interface LintOptions {
  readonly endpoints?: readonly KnownEndpoint[]
  readonly usage?: LintInput['usage']
}

export function lint(text: string, o: LintOptions = {}): LintFinding[] {
  const parse = parsePolicies(text)
  return lintWorkspace({ text, parse, graph: buildGraph(parse), ...o })
}

/** A pod identity: `pod('shop', {app: 'frontend'})`. */
export const pod = (namespace: string, labels: Record<string, string>): KnownEndpoint => workloadIdentity(namespace, labels)

export function applyFix(text: string, f: LintFinding): string {
  if (!f.fix) throw new Error(`${f.code} has no fix`)
  return applyEdits(text, f.fix.edits)
}

export const codes = (fs: readonly LintFinding[]): string[] => fs.map((f) => f.code)

/** Joins YAML documents. */
export const docs = (...d: string[]): string => d.map((s) => s.trim() + '\n').join('---\n')
