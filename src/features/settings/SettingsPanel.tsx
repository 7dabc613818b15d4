/**
 * The agent settings the evaluation follows (`data-testid="settings-panel"`): one control per
 * field of the domain's SETTING_FIELDS, saved with the workspace, and an import of the cluster's
 * own cilium-config or Helm values. Docked beside the graph, which shrinks, so verdicts can be
 * watched while a switch flips.
 */
import { SETTING_FIELDS } from '../../domain/settings/index.ts'
import type { AgentSettings, SettingField } from '../../domain/settings/index.ts'
import { useLayoutUi } from '../../store/layout-ui.ts'
import { useTheme } from '../../store/theme.ts'
import type { ThemeChoice } from '../../store/theme.ts'
import { useWorkspace } from '../../store/workspace-store.ts'
import { AgentConfigImport } from './AgentConfigImport.tsx'
import { SettingControl } from './SettingControl.tsx'
import './settings.css'

/** The graph's host firewall switch (by the legend) overrides this flag unless it is on `auto`. */
function hostFirewallNote(choice: 'auto' | 'on' | 'off' | undefined): string {
  return choice === 'on' || choice === 'off'
    ? `Overridden: the graph's host firewall switch (by the legend) is set to ${choice}; set it to auto to follow this flag.`
    : "The graph's host firewall switch (by the legend) is on auto: on when this flag is, or when the workspace holds host policies."
}

export function SettingsPanel(): React.JSX.Element {
  const settings = useWorkspace((s) => s.settings)
  const theme = useTheme((s) => s.choice)
  const set = (patch: Partial<AgentSettings>): void => useWorkspace.getState().setSettings(patch)
  return (
    <aside className="settings-panel" data-testid="settings-panel" aria-label="Settings">
      <header>
        Agent settings
        <button type="button" title="Close the settings" aria-label="Close the settings" data-testid="settings-close" onClick={() => useLayoutUi.getState().openSettings(false)}>×</button>
      </header>
      <p className="muted settings-panel__intro">What the Cilium agent decides that the YAML does not. Verdicts follow these; they are saved with the workspace.</p>
      <div className="settings-panel__fields">
        {SETTING_FIELDS.map((f: SettingField) => (
          <SettingControl key={f.field} field={f} settings={settings} onChange={set} note={f.field === 'hostFirewall' ? hostFirewallNote(settings.hostFirewallChoice) : undefined} />
        ))}
      </div>
      <AgentConfigImport />
      <fieldset className="form__group">
        <legend>Appearance</legend>
        <label className="settings-field__row" title="Follow the system's light/dark setting, or pick one (kept in this browser)">
          Theme
          <select data-testid="theme-choice" value={theme} onChange={(e) => useTheme.getState().choose(e.target.value as ThemeChoice)}>
            <option value="system">follow the system</option>
            <option value="light">light</option>
            <option value="dark">dark</option>
          </select>
        </label>
      </fieldset>
    </aside>
  )
}
