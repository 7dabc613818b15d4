/**
 * The host firewall switch (§2.1): `auto` takes it to be on when the workspace holds host
 * (nodeSelector) policies, and says which it is. Shown on the graph (by the legend) once host
 * policies are in the workspace, where the host nodes it concerns are drawn.
 */
import { hasHostPolicies } from '../../domain/engine/index.ts'
import type { HostFirewallChoice } from '../../domain/engine/index.ts'
import { useWorkspace } from '../../store/workspace-store.ts'

export function HostFirewallSwitch(): React.JSX.Element | null {
  const choice = useWorkspace((s) => s.settings.hostFirewallChoice ?? 'auto')
  const setSettings = useWorkspace((s) => s.setSettings)
  const hostPolicies = useWorkspace((s) => hasHostPolicies(s.model.good.policies))
  const on = choice === 'auto' ? hostPolicies : choice === 'on'
  const autoText = hostPolicies ? 'auto (on)' : 'auto (off)'
  // Only a workspace with host policies (or a choice made) needs it.
  if (!hostPolicies && choice === 'auto') return null
  return (
    <label
      className="host-fw-switch"
      title={`Host firewall (enable-host-firewall): host policies (nodeSelector) apply to the nodes. Now ${on ? 'on' : 'off'}${choice === 'auto' ? (hostPolicies ? ', because the workspace holds host policies' : ', as the workspace holds no host policies') : ''}.`}
    >
      Host firewall
      <select
        data-testid="host-firewall"
        data-on={on}
        value={choice}
        onChange={(e) => setSettings({ hostFirewallChoice: e.target.value as HostFirewallChoice })}
      >
        <option value="auto">{autoText}</option>
        <option value="on">on</option>
        <option value="off">off</option>
      </select>
    </label>
  )
}
