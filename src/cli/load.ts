/** Loading the CLI's inputs: policy files/directories, flows, inventory — with clear errors. */
import path from 'node:path'
import { createFlowParser } from '../domain/flows/index.ts'
import type { IngestResult } from '../domain/flows/index.ts'
import type { InventoryParseResult } from '../domain/inventory/index.ts'
import { parseInventory } from '../domain/inventory/index.ts'
import type { Reason } from '../domain/engine/index.ts'
import { LineIndex, aliasBudget, parsePolicies } from '../domain/policy/index.ts'
import type { CidrGroup, Diagnostic, Policy } from '../domain/policy/index.ts'
import type { CliIo } from './io.ts'
import { CliError, STDIN, STDIN_NAME, readText, resolvePath } from './io.ts'
import { ellipsize } from './safe-text.ts'

const POLICY_EXTENSIONS = ['.yaml', '.yml', '.json']

export interface FileDiagnostic extends Diagnostic {
  /** The path as the user gave it (or found under a directory they gave). */
  readonly file: string
}

export interface LoadedPolicies {
  readonly files: readonly string[]
  readonly policies: readonly Policy[]
  readonly cidrGroups: readonly CidrGroup[]
  readonly diagnostics: readonly FileDiagnostic[]
  /** Each file's text and policies, for mapping source ranges back to file:line:col. */
  readonly perFile: readonly { readonly file: string; readonly text: string; readonly policies: readonly Policy[] }[]
}

/** Expands files and directories (recursively, *.yaml|*.yml|*.json, sorted) into policy files. */
export function policyFiles(io: CliIo, inputs: readonly string[]): string[] {
  if (inputs.length === 0) throw new CliError('--policies needs at least one file or directory')
  const out: string[] = []
  const walk = (shown: string): void => {
    if (shown === STDIN) {
      out.push(STDIN)
      return
    }
    const abs = resolvePath(io, shown)
    const kind = io.kind(abs)
    if (kind === undefined) throw new CliError(`policy file or directory not found: ${shown}`)
    if (kind === 'file') {
      out.push(shown)
      return
    }
    for (const name of io.list(abs)) {
      if (name.startsWith('.')) continue
      const child = path.join(shown, name)
      const childKind = io.kind(resolvePath(io, child))
      if (childKind === 'dir') walk(child)
      else if (childKind === 'file' && POLICY_EXTENSIONS.includes(path.extname(name).toLowerCase())) out.push(child)
    }
  }
  for (const input of inputs) {
    const before = out.length
    walk(input)
    if (out.length === before) throw new CliError(`no *.yaml, *.yml or *.json files under ${input}`)
  }
  return [...new Set(out)]
}

export function loadPolicies(io: CliIo, inputs: readonly string[]): LoadedPolicies {
  const files = policyFiles(io, inputs)
  const policies: Policy[] = []
  const cidrGroups: CidrGroup[] = []
  const diagnostics: FileDiagnostic[] = []
  const seen = new Map<string, string>()
  const perFile: { file: string; text: string; policies: readonly Policy[] }[] = []
  const budget = aliasBudget() // one alias budget for all files: they are one workspace
  for (const input of files) {
    const text = readText(io, input, 'policy')
    const file = input === STDIN ? STDIN_NAME : input
    const parsed = parsePolicies(text, { aliasBudget: budget })
    perFile.push({ file, text, policies: parsed.policies })
    for (const d of parsed.diagnostics) diagnostics.push({ ...d, file })
    for (const p of parsed.policies) {
      const first = seen.get(p.key)
      if (first !== undefined) {
        diagnostics.push({ severity: 'warning', code: 'duplicate-policy', file, line: 1, column: 1, endLine: 1, endColumn: 1,
          range: p.origin.range, message: `${p.kind} ${p.namespace ? `${p.namespace}/` : ''}${p.name} is also defined in ${first}; both are evaluated` })
      } else seen.set(p.key, file)
      policies.push(p)
    }
    cidrGroups.push(...parsed.cidrGroups)
  }
  return { files: files.map((f) => (f === STDIN ? STDIN_NAME : f)), policies, cidrGroups, diagnostics, perFile }
}

export function formatDiagnostic(d: FileDiagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${ellipsize(d.message, 1000)} [${d.code}]`
}

const MAX_ERRORS_SHOWN = 20

/** Prints warnings, and stops with exit 2 when a policy file has errors (verdicts would be wrong). */
export function reportPolicyProblems(io: CliIo, loaded: LoadedPolicies): void {
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error')
  for (const d of loaded.diagnostics) if (d.severity === 'warning') io.stderr(`${formatDiagnostic(d)}\n`)
  if (errors.length > 0) {
    // The first few say what is wrong; thousands (a JSON capture passed as policies) would bury the message.
    for (const d of errors.slice(0, MAX_ERRORS_SHOWN)) io.stderr(`${formatDiagnostic(d)}\n`)
    if (errors.length > MAX_ERRORS_SHOWN) io.stderr(`… and ${errors.length - MAX_ERRORS_SHOWN} more error(s)\n`)
    throw new CliError(`${errors.length} error(s) in the policies; fix them first (membrane lint shows all problems)`)
  }
}

export interface LoadedFlows extends IngestResult {
  /** The file as messages and reports name it (`<stdin>` for `-`). */
  readonly file: string
  /** 1-based line of each flow by `index`: where a report points for it (the line that completed the record). */
  readonly lines: Int32Array
}

export function loadFlows(io: CliIo, input: string): LoadedFlows {
  const text = readText(io, input, 'flows')
  const file = input === STDIN ? STDIN_NAME : input
  const parser = createFlowParser({ keepFlows: true })
  // Fed line by line, so each flow the parser completes is known to end on that line.
  const lines: number[] = []
  let lineNo = 0
  for (let start = 0; start < text.length;) {
    const nl = text.indexOf('\n', start)
    const end = nl < 0 ? text.length : nl + 1
    lineNo++
    for (let n = parser.push(text.slice(start, end)).length; n > 0; n--) lines.push(lineNo)
    start = end
  }
  const result = parser.end()
  while (lines.length < result.flows.length) lines.push(lineNo)
  if (result.skipped > 0) {
    const first = result.skippedSamples.slice(0, 3).map((s) => `line ${s.line}: ${s.reason}`).join('; ')
    io.stderr(`${file}: skipped ${result.skipped} unreadable line(s) (${first})\n`)
  }
  if (result.flows.length === 0) io.stderr(`${file}: no flows found${result.nonFlow > 0 ? ` (${result.nonFlow} non-flow events)` : ''}\n`)
  return { ...result, file, lines: Int32Array.from(lines) }
}

export function loadInventory(io: CliIo, files: readonly string[], clusterName: string | undefined): InventoryParseResult | undefined {
  if (files.length === 0) return undefined
  const result = parseInventory(files.map((f) => readText(io, f, 'inventory')), { clusterName })
  for (const p of result.problems) {
    const where = p.line !== undefined ? `:${p.line}:${p.column ?? 1}` : ''
    io.stderr(`${p.input !== undefined ? files[p.input] : files.join(",")}${where}: ${p.severity}: ${p.message}\n`)
  }
  if (result.problems.some((p) => p.severity === 'error')) throw new CliError('the inventory could not be read')
  return result
}

/** Where the rule behind a reason is written (file:line:column), when it is a loaded policy's. */
export function reasonPlace(loaded: LoadedPolicies, reason: Reason): { file: string; line: number; column: number } | undefined {
  if (!reason.policy) return undefined
  for (const f of loaded.perFile) {
    const policy = f.policies.find((p) => p.kind === reason.kind && (p.namespace !== null ? `${p.namespace}/${p.name}` : p.name) === reason.policy)
    if (!policy) continue
    const at = new LineIndex(f.text).position((reason.origin ?? policy.origin).range.start)
    return { file: f.file, line: at.line, column: at.column }
  }
  return undefined
}
