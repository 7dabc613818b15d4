/** Workspace actions: examples, reset to demo, new empty, and the evaluation switches. */
import { useState } from 'react'
import { useWorkspace } from '../../store/workspace-store.ts'
import { EXAMPLES, demoText, loadSample } from '../../app/samples.ts'
import { ConfirmDialog } from './ConfirmDialog.tsx'
import type { EnforcementMode } from '../../store/workspace-types.ts'
import { FlowsButton } from './FlowsButton.tsx'

const REPLACE_MESSAGE = 'Your edits in the current workspace will be replaced. You can undo with Ctrl+Z in the editor.'

export function Toolbar(): React.JSX.Element {
  const [loadError, setLoadError] = useState<string | null>(null)
  const confirm = useWorkspace((s) => s.confirm)
  const settings = useWorkspace((s) => s.settings)
  const setSettings = useWorkspace((s) => s.setSettings)
  const autosaveOk = useWorkspace((s) => s.autosaveOk)
  const view = useWorkspace((s) => s.view)
  const setView = useWorkspace((s) => s.setView)

  /** Replaces the workspace; the store asks first when edits would be lost. */
  const replace = (title: string, confirmLabel: string, origin: 'load' | 'reset', source: string, load: () => string | Promise<string>): void => {
    useWorkspace
      .getState()
      .requestReplace({ prompt: { title, message: REPLACE_MESSAGE, confirmLabel }, origin, source, load })
      .catch((err: unknown) => setLoadError(String(err)))
  }

  const openExample = (id: string): void => {
    const example = EXAMPLES.find((e) => e.id === id)
    if (!example) return
    replace(`Open "${example.title}"?`, 'Open example', 'load', `example:${example.id}`, () => loadSample(example.file))
  }

  return (
    <header className="toolbar">
      <span className="toolbar__brand" title="Membrane — Cilium network policy editor">Membrane</span>
      <label className="toolbar__field" title="Load a scenario from the seed article as its own workspace">
        Examples
        <select
          data-testid="examples-menu"
          value=""
          onChange={(e) => {
            openExample(e.target.value)
            e.target.value = ''
          }}
        >
          <option value="" disabled>Choose…</option>
          {EXAMPLES.map((ex) => (
            <option key={ex.id} value={ex.id} title={ex.description}>{ex.title}</option>
          ))}
        </select>
      </label>
      <button
        type="button"
        data-testid="reset-demo"
        title="Replace the workspace with the embedded demo cluster"
        onClick={() => replace('Reset to the demo?', 'Reset to demo', 'reset', 'demo', () => demoText)}
      >
        Reset to demo
      </button>
      <button
        type="button"
        data-testid="new-empty"
        title="Start from an empty workspace"
        onClick={() => replace('Start an empty workspace?', 'Discard and start empty', 'reset', 'empty', () => '')}
      >
        New empty
      </button>
      <div className="toolbar__views" role="group" aria-label="View">
        <button type="button" data-testid="view-cluster" aria-pressed={view === 'cluster'} onClick={() => setView('cluster')} title="Everything: namespaces, workloads, peers and rules">
          Cluster map
        </button>
        <button type="button" data-testid="view-focus" aria-pressed={view === 'focus'} onClick={() => setView('focus')} title="One policy: its subject, ingress peers left, egress peers right">
          Policy focus
        </button>
      </div>
      <FlowsButton />
      <span className="toolbar__spacer" />
      <label className="toolbar__field" title="Policy enforcement mode of the agent: default (per endpoint when selected), always, never">
        Enforcement
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
        Audit mode
      </label>
      {!autosaveOk && <span className="toolbar__warn" title="The browser refused to store the workspace">Autosave off</span>}
      {loadError && <span className="toolbar__warn">{loadError}</span>}
      {confirm && (
        <ConfirmDialog
          request={{ ...confirm, onConfirm: () => useWorkspace.getState().answerConfirm(true) }}
          onClose={() => useWorkspace.getState().answerConfirm(false)}
        />
      )}
    </header>
  )
}
