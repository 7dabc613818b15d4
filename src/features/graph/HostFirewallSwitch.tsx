/**
 * The host firewall switch (§2.1): `auto` takes it to be on when the agent flag (Settings panel,
 * enable-host-firewall) is on or the workspace holds host (nodeSelector) policies, and says
 * which; `on`/`off` override both. Shown on the graph (by the legend) once host policies are in
 * the workspace, where the host nodes it concerns are drawn.
 */
import { hasHostPolicies, hostFirewallInForce } from '../../domain/engine/index.ts'
import type { HostFirewallChoice } from '../../domain/engine/index.ts'
import { useWorkspace } from '../../store/workspace-store.ts'

/** What `auto` stands for now, e.g. `auto (agent flag on)`. */
export function autoText(agentFlag: boolean, hostPolicies: boolean): string {
  if (agentFlag) return 'auto (agent flag on)'
  return hostPolicies ? 'auto (on)' : 'auto (off)'
}

export function HostFirewallSwitch(): React.JSX.Element | null {
  const choice = useWorkspace((s) => s.settings.hostFirewallChoice ?? 'auto')
  const agentFlag = useWorkspace((s) => s.settings.hostFirewall)
  const setSettings = useWorkspace((s) => s.setSettings)
  const hostPolicies = useWorkspace((s) => hasHostPolicies(s.model.good.policies))
  const on = useWorkspace((s) => hostFirewallInForce(choice, agentFlag, s.model.good.policies))
  // Only a workspace with host policies (or a choice made) needs it.
  if (!hostPolicies && choice === 'auto') return null
  const why =
    choice === 'auto'
      ? agentFlag
        ? ', because the agent flag (Settings: enable-host-firewall) is on'
        : hostPolicies
          ? ', because the workspace holds host policies'
          : ', as the workspace holds no host policies'
      : `, overriding the agent flag in Settings (${agentFlag ? 'on' : 'off'})`
  return (
    <label className="host-fw-switch" title={`Host firewall (enable-host-firewall): host policies (nodeSelector) apply to the nodes. Now ${on ? 'on' : 'off'}${why}.`}>
      Host firewall
      <select
        data-testid="host-firewall"
        data-on={on}
        value={choice}
        onChange={(e) => setSettings({ hostFirewallChoice: e.target.value as HostFirewallChoice })}
      >
        <option value="auto">{autoText(agentFlag, hostPolicies)}</option>
        <option value="on">on</option>
        <option value="off">off</option>
      </select>
    </label>
  )
}
