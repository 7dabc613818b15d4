/**
 * Shown over an empty graph: what a new user can do next, each as a button — paste YAML, open an
 * example, draw (two workloads to drag between), or load flows.
 */
import { useRef, useState } from 'react'
import { PALETTE_ACTIONS, action } from '../../actions/index.ts'
import type { ActionContext } from '../../actions/index.ts'
import { editorPort } from '../../store/editor-port.ts'
import { filesOf } from '../../store/flows-persistence.ts'
import { useFlows } from '../../store/flows-store.ts'
import { useLayoutUi } from '../../store/layout-ui.ts'
import { useWorkspace } from '../../store/workspace-store.ts'
import { EXAMPLES } from '../../store/samples.ts'
import type { ConfirmRequest } from '../../ui/ConfirmDialog.tsx'
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx'

const STARTERS = [
  { namespace: 'default', labels: 'app=frontend' },
  { namespace: 'default', labels: 'app=backend' },
]

export function EmptyWorkspace(): React.JSX.Element | null {
  const empty = useWorkspace((s) => s.displayGraph.nodes.length === 0 && !s.model.stale && s.model.parse.diagnostics.every((d) => d.severity === 'info'))
  const [message, setMessage] = useState<string | null>(null)
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null)
  const file = useRef<HTMLInputElement>(null)
  if (!empty) return null
  const ctx: ActionContext = { target: null, confirm: setConfirm, report: setMessage }

  const paste = async (): Promise<void> => {
    useLayoutUi.getState().setEditorCollapsed(false)
    let text = ''
    try {
      text = (await navigator.clipboard?.readText()) ?? ''
    } catch {
      // No clipboard permission: the editor takes the paste instead.
    }
    const editor = editorPort()
    if (text.trim() !== '' && editor) {
      editor.applyEdits([{ start: 0, end: useWorkspace.getState().text.length, text }])
      return
    }
    editor?.focus()
    setMessage('The editor has the focus: paste your YAML with Ctrl+V (⌘V).')
  }

  const draw = (): void => {
    const add = PALETTE_ACTIONS.find((a) => a.kind === 'workload')!
    for (const s of STARTERS) add.perform(ctx, { name: '', ...s })
    // The card goes once the graph has nodes, so the next step is said in the status bar.
    useWorkspace.getState().notify({ kind: 'info', text: 'Now drag from app=frontend to app=backend (from a node’s edge) to write the first rule.' })
  }

  return (
    <div className="empty-workspace" data-testid="empty-workspace">
      <div className="empty-workspace__card">
        <h2>An empty workspace</h2>
        <p className="muted">Policies appear here as a graph as soon as there is YAML. Start one of these ways:</p>
        <ul>
          <li>
            <button type="button" className="primary" data-testid="empty-paste" onClick={() => void paste()}>Paste YAML</button>
            <span>CiliumNetworkPolicy, CCNP or NetworkPolicy, many documents at once</span>
          </li>
          <li>
            <select
              data-testid="empty-example"
              aria-label="Open an example"
              value=""
              onChange={(e) => action('open-example').perform(ctx, e.target.value)}
            >
              <option value="" disabled>Open an example…</option>
              {EXAMPLES.map((ex) => <option key={ex.id} value={ex.id} title={ex.description}>{ex.title}</option>)}
            </select>
            <button type="button" data-testid="empty-demo" onClick={() => action('reset-demo').perform(ctx, '')}>Open the demo</button>
          </li>
          <li>
            <button type="button" data-testid="empty-draw" onClick={draw}>Add two workloads</button>
            <span>then drag from one to the other to write a rule</span>
          </li>
          <li>
            <button type="button" data-testid="empty-flows" onClick={() => file.current?.click()}>Load flows…</button>
            <span><code>hubble observe -o json</code> output: see the traffic, then draft policies for it</span>
            <input
              ref={file}
              type="file"
              hidden
              multiple
              accept=".json,.jsonl,.txt,.log,.gz,application/json"
              data-testid="empty-flows-file"
              onChange={(e) => {
                // The toolbar's own path: streamed in the worker, de-duplicated, kept across reloads.
                const files = filesOf(e.target.files)
                e.target.value = ''
                if (files.length > 0) void useFlows.getState().loadFiles(files).catch((err: unknown) => setMessage(err instanceof Error ? err.message : String(err)))
              }}
            />
          </li>
        </ul>
        {message && <p className="empty-workspace__message" role="status" data-testid="empty-message">{message}</p>}
      </div>
      {confirm && <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />}
    </div>
  )
}
