/**
 * Structural keys for L3/L4 cache entries, so equal outcomes share one entry object. A capture
 * has tens of thousands of (source, destination, port) combinations but only a few hundred
 * distinct outcomes; sharing keeps the objects every flow reads hot in the CPU caches, and lets
 * the per-entry L7 memo serve every combination with the same plans.
 */
import type { SideResult } from './api.ts'
import type { L7Plan } from './internal-types.ts'

const objectIds = new WeakMap<object, number>()
let nextId = 0
/** Small ids for objects compared by identity (reasons, L7 lists, side results). */
export function idOf(o: object): number {
  let id = objectIds.get(o)
  if (id === undefined) objectIds.set(o, (id = nextId++))
  return id
}

// Reasons are compared by identity: compiled ones live as long as the policy set, and those made
// during evaluation are memoized (side.ts), so equal reasons are almost always the same object.
// Shared side results (unenforced, default-deny, …) come back often: their keys are kept.
const sideKeys = new WeakMap<SideResult, string>()
function sideKey(s: SideResult): string {
  let k = sideKeys.get(s)
  if (k === undefined) sideKeys.set(s, (k = `${s.verdict}:${s.reasons.map(idOf).join(',')}`))
  return k
}
const planKey = (p: L7Plan | null): string =>
  p === null ? '-' : `${p.unrestricted ? idOf(p.unrestricted) : ''}:${p.sets.map(idOf).join(',')}`

/** Equal keys mean equal verdicts and the very same reason objects and L7 lists. */
export function entryKey(verdict: string, egress: SideResult, ingress: SideResult,
  egressPlan: L7Plan | null, ingressPlan: L7Plan | null): string {
  return `${verdict}|${sideKey(egress)}|${sideKey(ingress)}|${planKey(egressPlan)}|${planKey(ingressPlan)}`
}
