/**
 * The `expectations` command: the workspace's connectivity expectations (its YAML, in the
 * `membrane check --expect` format) evaluated against the current policies, live after every
 * edit. Pods named `ns/pod` resolve against the loaded capture, as `check --flows` does.
 */
import type { CompiledPolicySet, EndpointRef } from '../domain/engine/index.ts'
import type { ExpectationProblem, ExpectedVerdict } from '../domain/expectations/index.ts'
import { evaluateExpectation, parseExpectationsText } from '../domain/expectations/index.ts'
import type { Flow } from '../domain/flows/index.ts'
import type { FlowAdapter } from '../domain/replay/index.ts'
import type { PeerFacts } from '../domain/trace/index.ts'
import { decidingRule } from './flow-view.ts'
import type { DecidingRule } from './flow-view.ts'

export interface ExpectationRow {
  readonly name: string
  /** 1-based line of the entry in the expectations YAML. */
  readonly line: number
  readonly from: string
  readonly to: string
  readonly port: string
  readonly http?: string
  readonly dns?: string
  readonly expect: ExpectedVerdict
  readonly ok: boolean
  /** The verdict the policies give; absent when the expectation could not be evaluated. */
  readonly verdict?: 'allowed' | 'denied' | 'audit'
  readonly rule?: DecidingRule
  readonly error?: string
}

export interface ExpectationsAnswer {
  readonly problems: readonly ExpectationProblem[]
  readonly rows: readonly ExpectationRow[]
}

/** `ns/pod` → the pod's ref as the capture shows it. */
function observedPods(flows: readonly Flow[] | null, adapter: FlowAdapter): Map<string, EndpointRef> | undefined {
  if (!flows || flows.length === 0) return undefined
  const out = new Map<string, EndpointRef>()
  for (const f of flows) for (const e of [f.source, f.destination]) {
    if (e.isEndpoint && e.namespace && e.podName && !out.has(`${e.namespace}/${e.podName}`)) out.set(`${e.namespace}/${e.podName}`, adapter.ref(e))
  }
  return out
}

/**
 * `context`: the evaluator's flow adapter and what it knows of pods (an imported inventory), so an
 * expectation resolves its pods as `membrane check --expect --inventory` does.
 */
export function expectationsAnswer(
  set: CompiledPolicySet, text: string, flows: readonly Flow[] | null,
  context: { readonly adapter: FlowAdapter; readonly facts: PeerFacts },
): ExpectationsAnswer {
  const { expectations, problems } = parseExpectationsText(text)
  const observed = observedPods(flows, context.adapter)
  const facts: PeerFacts = { ...context.facts, ...(observed && { observed }) }
  const rows = expectations.map((e): ExpectationRow => {
    const o = evaluateExpectation(set, e, facts)
    const base = {
      name: e.name, line: e.line, from: e.from, to: e.to, port: e.port, expect: e.expect, ok: o.ok,
      ...(e.http !== undefined && { http: e.http }),
      ...(e.dns !== undefined && { dns: e.dns }),
    }
    if (o.error !== undefined) return { ...base, error: o.error }
    const rule = decidingRule(o.result)
    return { ...base, verdict: o.result.verdict, ...(rule && { rule }) }
  })
  return { problems, rows }
}
