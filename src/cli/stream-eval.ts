/**
 * Streaming evaluation for `evaluate` and `check`: flows are read in batches (load.ts
 * `streamFlows`) and each batch is evaluated by long-lived evaluators, so memory grows with the
 * distinct endpoints and ports (the evaluators' caches), not with the number of flows. Within a
 * batch flows are evaluated in time order (DNS answers teach toFQDNs before later flows); batches
 * follow file order — Hubble files are time-ordered per node, and a batch holds 65,536 flows.
 */
import type { CompiledPolicySet, EvalResult } from '../domain/engine/index.ts'
import { createSession } from '../domain/engine/index.ts'
import type { Flow, FlowEndpoint } from '../domain/flows/index.ts'
import { toColumns } from '../domain/flows/index.ts'
import { FlowEvaluator } from '../domain/replay/index.ts'
import type { Summary } from './format.ts'
import type { CliIo } from './io.ts'
import type { FlowPlace, StreamedFlows } from './load.ts'
import { streamFlows } from './load.ts'
import type { EvalContext } from './setup.ts'

export interface StreamEvaluation extends StreamedFlows {
  /** Verdict counts under the first policy set (the draft). */
  readonly summary: Summary
  /** Every distinct endpoint seen (interned, so this is small): for expectations' name lookups. */
  readonly endpoints: ReadonlySet<FlowEndpoint>
}

/**
 * Evaluates every flow of `inputs` under each of `sets` (the draft first), calling `onFlow` with
 * the flow, its result under each set, and where it was read.
 */
export function evaluateStream(io: CliIo, ctx: EvalContext, inputs: readonly string[], sets: readonly CompiledPolicySet[],
  onFlow: (flow: Flow, results: readonly EvalResult[], place: FlowPlace) => void): StreamEvaluation {
  const evaluators = sets.map((set) => new FlowEvaluator(createSession(set), ctx.adapter))
  const summary: Summary = { allowed: 0, denied: 0, audit: 0 }
  const endpoints = new Set<FlowEndpoint>()
  const streamed = streamFlows(io, inputs, (flows, places) => {
    const columns = toColumns(flows)
    const results = evaluators.map((e) => e.evaluateColumns(columns))
    const row: EvalResult[] = new Array<EvalResult>(sets.length)
    for (let i = 0; i < flows.length; i++) {
      for (let s = 0; s < results.length; s++) row[s] = results[s][i]
      summary[row[0].verdict]++
      endpoints.add(flows[i].source)
      endpoints.add(flows[i].destination)
      onFlow(flows[i], row, places[i])
    }
  })
  return { ...streamed, summary, endpoints }
}
