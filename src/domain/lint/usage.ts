/** Which rule elements decided at least one replayed flow (for `unused-rule`). */
import type { EvalResult, Reason } from '../engine/api.ts'

export function usedElements(results: Iterable<EvalResult>): Set<string> {
  const used = new Set<string>()
  const take = (reasons: readonly Reason[]): void => {
    for (const r of reasons) if (r.elementId !== undefined && (r.effect === 'allow' || r.effect === 'deny')) used.add(r.elementId)
  }
  for (const r of results) {
    take(r.egress.reasons)
    take(r.ingress.reasons)
    if (r.l7) take(r.l7.reasons)
  }
  return used
}
