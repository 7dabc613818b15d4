/** The inspector (`data-testid="inspector"`): fields of the selected edge or node, editing the YAML live. */
import { useState } from 'react'
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx'
import type { ConfirmRequest } from '../../ui/ConfirmDialog.tsx'
import { locateElement } from '../../domain/edits/index.ts'
import { selectDisplayGraph } from '../../store/display-graph.ts'
import { useWorkspace } from '../../store/workspace-store.ts'
import { EdgeVerdictPanel } from './EdgeVerdictPanel.tsx'
import { ElementFields } from './ElementFields.tsx'
import './edge-verdict-panel.css'
import { NodeFields } from './NodeFields.tsx'
import { PolicyFields } from './PolicyFields.tsx'

export function Inspector(): React.JSX.Element | null {
  const selection = useWorkspace((s) => s.selection)
  const parse = useWorkspace((s) => s.model.parse)
  const graph = useWorkspace(selectDisplayGraph)
  const stale = useWorkspace((s) => s.model.stale)
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null)
  if (!selection) return null
  let body: React.ReactNode = null
  if (selection.kind === 'edge') {
    const edge = graph.edges.find((e) => e.id === selection.id)
    const ctx = edge ? locateElement(parse, edge.elementId) : null
    if (ctx) {
      body = (
        <>
          <EdgeVerdictPanel edgeId={selection.id} graph={graph} />
          <PolicyFields policy={ctx.policy} ruleIndex={ctx.ruleIndex} />
          <ElementFields element={ctx.element} onConfirm={setConfirm} />
        </>
      )
    }
  } else {
    const node = graph.nodes.find((n) => n.id === selection.id)
    const draft = useWorkspace.getState().drafts.some((d) => d.id === selection.id)
    if (node) body = <NodeFields node={node} graph={graph} draft={draft} onConfirm={setConfirm} />
  }
  if (!body) return null
  return (
    <aside className="inspector" data-testid="inspector" aria-label="Inspector">
      <header>
        Inspector
        <button type="button" title="Close (Escape)" onClick={() => useWorkspace.getState().select(null)}>×</button>
      </header>
      {stale ? <p className="muted">The YAML does not parse; fix it to edit here.</p> : body}
      {confirm && <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />}
    </aside>
  )
}
