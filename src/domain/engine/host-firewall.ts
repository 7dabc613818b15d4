/**
 * Whether the host firewall is on for a workspace. Host (nodeSelector) policies are evaluated
 * only with the host firewall (§2.1); a workspace that holds them was written for a cluster that
 * runs it, so unless told otherwise the evaluator takes it to be on. The Trace panel, the graph's
 * edge verdicts and `membrane` all decide it here.
 */
import type { Policy } from '../policy/model.ts'

/** `auto`: on exactly when the workspace holds host policies. */
export type HostFirewallChoice = 'auto' | 'on' | 'off'

export function hasHostPolicies(policies: readonly Pick<Policy, 'rules'>[]): boolean {
  return policies.some((p) => p.rules.some((r) => r.subject.kind === 'nodes'))
}

export function hostFirewallOn(choice: HostFirewallChoice, policies: readonly Pick<Policy, 'rules'>[]): boolean {
  return choice === 'auto' ? hasHostPolicies(policies) : choice === 'on'
}
