/** What a replay reports per flow and in total: compact enough to send a hundred thousand of them. */
import type { EvalResult } from '../engine/index.ts'
import type { Flow } from '../flows/index.ts'

/** One replayed flow's verdict under the draft. */
export interface FlowVerdict {
  readonly index: number
  readonly verdict: 'allowed' | 'denied' | 'audit'
  /** What the cluster recorded (FORWARDED, DROPPED, AUDIT …), when the flow says. */
  readonly recorded?: string
}

export interface VerdictSummary {
  readonly allowed: number
  readonly denied: number
  readonly audit: number
}

/** A loaded capture: what ingest read or skipped, and the draft's verdicts in total. */
export interface FlowsLoaded {
  readonly flows: number
  /** Unreadable lines, skipped (and counted) rather than failing the whole file. */
  readonly skipped: number
  readonly skippedSamples: readonly { readonly line: number; readonly reason: string }[]
  /** Non-flow records (lost events, node status) that were left out. */
  readonly nonFlow: number
  readonly summary: VerdictSummary
}

/** The verdict of every flow (`results` by index, as `FlowEvaluator` gives them) and their counts. */
export function flowVerdicts(flows: readonly Flow[], results: readonly EvalResult[]): { summary: VerdictSummary; flows: FlowVerdict[] } {
  const summary = { allowed: 0, denied: 0, audit: 0 }
  const out: FlowVerdict[] = []
  for (let i = 0; i < results.length; i++) {
    const verdict = results[i].verdict
    summary[verdict]++
    const recorded = flows[i].verdict
    out.push(recorded === undefined ? { index: i, verdict } : { index: i, verdict, recorded })
  }
  return { summary, flows: out }
}
