/**
 * The observed flows of each namespace, judged by the namespace's own sides only: the egress of
 * its sources and the ingress of its destinations (a flow into another namespace's default deny
 * is that namespace's rollout, not this one's). Only traffic the capture shows getting through
 * counts as traffic to keep; what the cluster already dropped is counted apart.
 */
import type { EvalResult, SideResult } from '../engine/index.ts'
import type { Flow, FlowEndpoint } from '../flows/index.ts'
import { isReply } from '../flows/index.ts'

export interface ObservedCounts {
  observed: number
  from: number
  to: number
  covered: number
  uncovered: number
  audited: number
  denied: number
  /** Flows the cluster itself dropped: not traffic to keep, so not counted above. */
  dropped: number
  recordedAudit: number
}

const empty = (): ObservedCounts => ({ observed: 0, from: Infinity, to: -Infinity, covered: 0, uncovered: 0, audited: 0, denied: 0, dropped: 0, recordedAudit: 0 })

/** Recorded verdicts of traffic that got through: what the rollout must keep flowing (hubble-flows.md). */
const PASSED = new Set(['FORWARDED', 'REDIRECTED', 'AUDIT', 'TRANSLATED', 'TRACED'])

/** The namespace a flow endpoint's own policy belongs to, or null for non-endpoints (world, CIDRs). */
export function endpointNamespace(e: FlowEndpoint): string | null {
  return e.isEndpoint && e.namespace !== undefined && e.namespace !== '' ? e.namespace : null
}

type Outcome = 'covered' | 'uncovered' | 'audited' | 'denied'
const RANK: Record<Outcome, number> = { covered: 0, uncovered: 1, audited: 2, denied: 3 }

function outcomeOf(side: SideResult): Outcome {
  switch (side.verdict) {
    case 'denied':
      return 'denied'
    case 'audit':
      return 'audited'
    case 'unenforced':
      return 'uncovered'
    case 'allowed':
      // Allowed by a written rule, or by the local host's pass (§3.4), stays allowed under default deny;
      // allowed only because every selecting policy says enableDefaultDeny: false (§3.2) does not.
      return side.reasons.some((r) => (r.effect === 'allow' && r.policy !== '') || r.effect === 'localhost') ? 'covered' : 'uncovered'
    default:
      return 'covered'
  }
}

/** Per namespace: observed non-reply flows, their time window and how its sides judge them. */
export function observedByNamespace(flows: readonly Flow[], results: readonly EvalResult[]): Map<string, ObservedCounts> {
  const out = new Map<string, ObservedCounts>()
  const n = Math.min(flows.length, results.length)
  for (let i = 0; i < n; i++) {
    const f = flows[i]
    if (isReply(f)) continue
    const r = results[i]
    const sides = new Map<string, Outcome>()
    const note = (ns: string | null, side: SideResult): void => {
      if (ns === null) return
      const o = outcomeOf(side)
      const prev = sides.get(ns)
      if (prev === undefined || RANK[o] > RANK[prev]) sides.set(ns, o)
    }
    note(endpointNamespace(f.source), r.egress)
    note(endpointNamespace(f.destination), r.ingress)
    for (const [ns, o] of sides) {
      let c = out.get(ns)
      if (c === undefined) out.set(ns, (c = empty()))
      c.observed++
      if (Number.isFinite(f.time)) {
        c.from = Math.min(c.from, f.time)
        c.to = Math.max(c.to, f.time)
      }
      if (f.verdict === 'AUDIT') c.recordedAudit++
      if (PASSED.has(f.verdict)) c[o]++
      else c.dropped++
    }
  }
  return out
}
