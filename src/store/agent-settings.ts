/**
 * The page's side of the agent settings (domain/settings): importing a cluster's config into the
 * workspace, and keeping a drawn rule evaluable.
 */
import { importAgentConfig } from '../domain/settings/index.ts'
import type { SettingsImport } from '../domain/settings/index.ts'
import type { ParseResult } from '../domain/policy/model.ts'
import { useWorkspace } from './workspace-store.ts'

/** Whether any rule names nodes as peers (fromNodes / toNodes, §5.7). */
export function usesNodePeers(parse: ParseResult): boolean {
  return parse.policies.some((p) => p.rules.some((r) => r.elements.some((el) => el.peers.some((peer) => peer.kind === 'nodes'))))
}

/**
 * Called after the connect gesture wrote a rule. The connect dialog writes `toNodes`/`fromNodes`
 * for a pod↔host-node connection, and an agent without `enable-node-selector-labels` rejects
 * such rules (§5.7) — the engine would then drop the rule the user just drew. Drawing it says
 * "my cluster uses node selector labels", so the gesture turns the setting on (and says so, with
 * where to turn it off). The page's defaults stay Cilium's own, so an imported or pasted config
 * without the option is still judged as the agent would: only the gesture flips it.
 */
export function enableNodeSelectorsIfWritten(): boolean {
  const ws = useWorkspace.getState()
  if (ws.settings.enableNodeSelectorLabels || !usesNodePeers(ws.model.parse)) return false
  ws.setSettings({ enableNodeSelectorLabels: true })
  ws.notify({ kind: 'info', text: 'fromNodes/toNodes need the agent option enable-node-selector-labels (§5.7): turned it on in Settings.' })
  return true
}

/** Reads a pasted or uploaded cilium-config / Helm values and applies what it sets to the workspace. */
export function applyAgentConfig(text: string): SettingsImport {
  const result = importAgentConfig(text)
  if (Object.keys(result.settings).length > 0) useWorkspace.getState().setSettings(result.settings)
  return result
}
