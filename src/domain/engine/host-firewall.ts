/**
 * Whether the host firewall is on for a workspace. Host (nodeSelector) policies are evaluated
 * only with the host firewall (§2.1); a workspace that holds them was written for a cluster that
 * runs it, so unless told otherwise the evaluator takes it to be on. The Trace panel, the graph's
 * edge verdicts and `membrane` all decide it here.
 */
import type { Policy } from '../policy/model.ts'

/** The graph's switch; `auto`: on when the agent flag is, or the workspace holds host policies. */
export type HostFirewallChoice = 'auto' | 'on' | 'off'

export function hasHostPolicies(policies: readonly Pick<Policy, 'rules'>[]): boolean {
  return policies.some((p) => p.rules.some((r) => r.subject.kind === 'nodes'))
}

/** Whether the host firewall is on: the switch overrides; `auto` (or unset) follows the agent flag and the policies. */
export function hostFirewallInForce(choice: HostFirewallChoice | undefined, agentFlag: boolean, policies: readonly Pick<Policy, 'rules'>[]): boolean {
  if (choice === 'on') return true
  if (choice === 'off') return false
  return agentFlag || hasHostPolicies(policies)
}
