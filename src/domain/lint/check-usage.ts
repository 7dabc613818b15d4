/** `unused-rule`: with flows loaded, rule elements no replayed flow was decided by. */
import type { LintContext } from './context.ts'
import { elements } from './walk.ts'

export function checkUnused(ctx: LintContext): void {
  const usage = ctx.input.usage
  if (usage === undefined || usage.flows === 0) return
  for (const { policy, element } of elements(ctx.input.parse)) {
    if (usage.used.has(element.id)) continue
    // Bare default-deny elements (`ingress: [{}]`, policyTypes) never decide a flow by design.
    if (element.peers.length === 0 && element.toPorts === null && element.icmps === null) continue
    ctx.add({
      code: 'unused-rule', policy, element,
      message: `No observed flow (of ${usage.flows}) was ${element.deny ? 'denied' : 'allowed'} by this rule: it may be stale, or the observation window too short to include it.`,
    })
  }
}
