/** Workspace actions (examples, reset to demo, new empty, views, keyboard help) and the evaluation switches. */
import { useState } from 'react'
import { action } from '../../actions/index.ts'
import type { ActionContext } from '../../actions/index.ts'
import { useWorkspace } from '../../store/workspace-store.ts'
import { useLayoutUi } from '../../store/layout-ui.ts'
import { useTheme } from '../../store/theme.ts'
import { EXAMPLES } from '../../store/samples.ts'
import type { EnforcementMode } from '../../store/workspace-types.ts'
import type { ConfirmRequest } from '../../ui/ConfirmDialog.tsx'
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx'
import { ActionButton } from './ActionButton.tsx'

/**
 * `flows` and `file`: the flows controls and the File menu the app shell plugs in (a feature does
 * not import another feature); `file` gets the toolbar's action context.
 */
export function Toolbar({ flows, file }: { readonly flows?: React.ReactNode; readonly file?: (ctx: ActionContext) => React.ReactNode } = {}): React.JSX.Element {
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null)
  // Replacing the workspace asks through the store (it knows whether edits would be lost).
  const replacePrompt = useWorkspace((s) => s.confirm)
  const [loadError, setLoadError] = useState<string | null>(null)
  const settings = useWorkspace((s) => s.settings)
  const setSettings = useWorkspace((s) => s.setSettings)
  const autosaveOk = useWorkspace((s) => s.autosaveOk)
  // Read so the view toggles re-render when the view changes (their `pressed` reads the store).
  useWorkspace((s) => s.view)
  useLayoutUi()
  const theme = useTheme((s) => s.resolved)
  const ctx: ActionContext = { target: null, confirm: setConfirm, report: setLoadError }
  const openExample = action('open-example')

  return (
    <header className="toolbar">
      <span className="toolbar__brand" title="Membrane — Cilium network policy editor">Membrane</span>
      {file?.(ctx)}
      <label className="toolbar__field" title={openExample.title}>
        <span className="visually-hidden">Examples</span>
        <select
          data-testid="examples-menu"
          className="toolbar__examples"
          value=""
          onChange={(e) => {
            openExample.perform(ctx, e.target.value)
            e.target.value = ''
          }}
        >
          <option value="" disabled>Examples…</option>
          {EXAMPLES.map((ex) => (
            <option key={ex.id} value={ex.id} title={ex.description}>{ex.title}</option>
          ))}
        </select>
      </label>
      <ActionButton action={action('reset-demo')} ctx={ctx} />
      <ActionButton action={action('new-empty')} ctx={ctx} />
      <div className="toolbar__views" role="group" aria-label="View">
        <ActionButton action={action('view-cluster')} ctx={ctx} />
        <ActionButton action={action('view-focus')} ctx={ctx} />
      </div>
      <ActionButton action={action('toggle-editor')} ctx={ctx} />
      {flows}
      <span className="toolbar__spacer" />
      <label className="toolbar__field" title="Policy enforcement mode of the agent: default (per endpoint when selected), always, never">
        <span className="toolbar__caption">Enforcement</span>
        <select
          data-testid="enforcement-mode"
          value={settings.enforcementMode}
          onChange={(e) => setSettings({ enforcementMode: e.target.value as EnforcementMode })}
        >
          <option value="default">default</option>
          <option value="always">always</option>
          <option value="never">never</option>
        </select>
      </label>
      <label className="toolbar__field" title="Policy audit mode: would-be L3/L4 drops are reported as AUDIT and let through">
        <input
          type="checkbox"
          data-testid="audit-mode"
          checked={settings.auditMode}
          onChange={(e) => setSettings({ auditMode: e.target.checked })}
        />
        Audit
      </label>
      <ActionButton action={action('open-settings')} ctx={ctx} />
      <span className="toolbar__help">
        <ActionButton action={action('toggle-theme')} ctx={ctx}>{theme === 'dark' ? '☀' : '☾'}</ActionButton>
        <ActionButton action={action('keyboard-help')} ctx={ctx}>?</ActionButton>
      </span>
      {!autosaveOk && <span className="toolbar__warn" title="The browser refused to store the workspace">Autosave off</span>}
      {loadError && <span className="toolbar__warn">{loadError}</span>}
      {confirm && <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />}
      {replacePrompt && (
        <ConfirmDialog
          request={{ ...replacePrompt, onConfirm: () => useWorkspace.getState().answerConfirm(true) }}
          onClose={() => useWorkspace.getState().answerConfirm(false)}
        />
      )}
    </header>
  )
}
