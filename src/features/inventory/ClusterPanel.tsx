/**
 * The Cluster tab: what Membrane knows of the cluster besides policies — the workloads and
 * namespaces the loaded flows showed, merged with an imported `kubectl get pods,namespaces -A -o json`,
 * each saying where it was seen. A row picks its workload on the graph when one is drawn.
 */
import { useEffect, useMemo, useState } from 'react'
import { action } from '../../actions/index.ts'
import type { ViewWorkload } from '../../domain/inventory/index.ts'
import { useEvaluation } from '../../store/evaluation-store.ts'
import { useInventory } from '../../store/inventory-store.ts'
import { useWorkspace } from '../../store/workspace-store.ts'
import { useRowWindow } from '../../ui/useRowWindow.ts'
import { inventoryCounts } from '../../store/create-inventory-store.ts'
import { SOURCE_TEXT, graphNodeOf, matchesFilter } from './inventory-text.ts'
import './inventory.css'

const ROW_HEIGHT = 24
const KUBECTL = 'kubectl get pods,namespaces,services,nodes -A -o json > cluster.json'

export function ClusterPanel(): React.JSX.Element {
  const loaded = useInventory((s) => s.loaded)
  const view = useInventory((s) => s.view)
  const busy = useInventory((s) => s.busy)
  const error = useInventory((s) => s.error)
  const note = useInventory((s) => s.note)
  const flows = useEvaluation((s) => s.flows)
  const inventory = useEvaluation((s) => s.inventory)
  const [filter, setFilter] = useState('')

  // The view follows the capture and the inventory while the tab is open.
  useEffect(() => {
    void useInventory.getState().refreshView()
  }, [flows, inventory])

  const rows = useMemo(() => (view?.workloads ?? []).filter((w) => matchesFilter(w, filter)), [view, filter])
  const win = useRowWindow(rows.length, ROW_HEIGHT, ROW_HEIGHT, 12)
  const namespaceLabels = useMemo(() => new Map((view?.namespaces ?? []).map((n) => [n.name, n.labels])), [view])
  const bySource = (source: ViewWorkload['source']): number => view?.workloads.filter((w) => w.source === source).length ?? 0

  const pick = (w: ViewWorkload): void => {
    const ws = useWorkspace.getState()
    const node = graphNodeOf(w, ws.displayGraph.nodes)
    if (node) ws.select({ kind: 'node', id: node.id, from: 'graph' })
    else ws.notify({ kind: 'info', text: `No policy selects ${w.namespace}/${w.name}: it is drawn on the graph only when flows show it.` })
  }
  const importAction = action('import-inventory')
  const importIt = (): void => {
    importAction.perform({ target: null, confirm: () => undefined }, '')
  }

  return (
    <div className="cluster-panel" data-testid="cluster-panel">
      <div className="cluster-panel__head">
        {loaded ? (
          <>
            <span className="cluster-panel__title" data-testid="inventory-summary" title={`Imported ${loaded.name}`}>
              <b>Inventory</b> {loaded.name}: {inventoryCounts(loaded)}
            </span>
            <button type="button" onClick={importIt} disabled={busy} title={importAction.title}>Replace…</button>
            <button type="button" data-testid="inventory-remove" disabled={busy} onClick={() => void useInventory.getState().clear()}
              title="Forget the inventory: evaluate with what the flows say only">
              Remove
            </button>
          </>
        ) : (
          <>
            <span className="cluster-panel__title">
              {busy ? 'Reading the inventory…' : <>No cluster inventory: the workloads below come from the loaded flows.</>}
            </span>
            <button type="button" data-testid="inventory-import" onClick={importIt} disabled={busy} title={importAction.title}>
              Import cluster inventory…
            </button>
            <button type="button" data-testid="inventory-demo" onClick={() => void useInventory.getState().loadDemo()} disabled={busy}
              title="The demo cluster's pods, namespaces, Services and nodes (goes with the demo workspace and its flows)">
              Load demo inventory
            </button>
            <code className="cluster-panel__hint" title="What to run to get one; the file stays on this machine">{KUBECTL}</code>
          </>
        )}
      </div>
      {error && <div className="cluster-panel__note cluster-panel__note--error" role="alert">{error}</div>}
      {note && <div className="cluster-panel__note">{note}</div>}
      {loaded && loaded.problems.length > 0 && (
        <ul className="cluster-panel__problems" data-testid="inventory-problems">
          {loaded.problems.slice(0, 4).map((p, i) => (
            <li key={i} className={`cluster-panel__problem--${p.severity}`}>
              {p.file && <span className="mono">{p.file}{p.line !== undefined ? `:${p.line}:${p.column ?? 1}` : ''} </span>}
              {p.message}
            </li>
          ))}
          {loaded.problems.length > 4 && <li>…and {loaded.problems.length - 4} more</li>}
        </ul>
      )}
      <div className="cluster-panel__bar">
        <input
          type="search"
          data-testid="cluster-filter"
          placeholder="Filter: namespace, workload, label, pod…"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          aria-label="Filter workloads"
        />
        <span className="cluster-panel__counts" data-testid="cluster-counts">
          {view ? `${rows.length === view.workloads.length ? '' : `${rows.length} of `}${view.workloads.length} workloads in ${view.namespaces.length} namespaces` : ''}
          {view && loaded && view.workloads.length > 0 && ` — ${bySource('both')} in both, ${bySource('flows')} in flows only, ${bySource('inventory')} in the inventory only`}
        </span>
      </div>
      <div className="cluster-table" role="table" aria-label="Workloads" data-testid="cluster-table">
        <div className="cluster-table__scroll" ref={win.ref}>
          <div className="cluster-row cluster-row--head" role="row">
            <span role="columnheader">Namespace</span>
            <span role="columnheader">Workload</span>
            <span role="columnheader" title="Seen in the loaded flows, in the imported inventory, or in both">Seen in</span>
            <span role="columnheader">Pods</span>
            <span role="columnheader" title="Flow records it took part in">Flows</span>
            <span role="columnheader" title="Security identities the flows showed">ID</span>
            <span role="columnheader">Labels</span>
          </div>
          {rows.length === 0 && (
            <div className="cluster-table__empty">{view && view.workloads.length > 0 ? 'No workload matches the filter.' : 'Load flows or import an inventory to list the cluster\'s workloads.'}</div>
          )}
          <div className="cluster-table__body" style={{ height: win.height }}>
            {rows.slice(win.first, win.last + 1).map((w, k) => {
              const nsLabels = namespaceLabels.get(w.namespace) ?? {}
              const labels = w.labels.filter((l) => !l.includes('io.kubernetes.pod.namespace') && !l.includes('io.cilium.k8s.'))
              return (
                <div key={`${w.namespace}/${w.name}`} role="row" className="cluster-row" data-testid="cluster-row" data-source={w.source}
                  style={{ transform: `translateY(${(win.first + k) * ROW_HEIGHT}px)` }} onClick={() => pick(w)} title="Select on the graph">
                  <span role="cell" title={Object.entries(nsLabels).map(([k, v]) => `${k}=${v}`).join('\n') || 'no labels known'}>{w.namespace}</span>
                  <span role="cell" className="mono" title={w.kind ? `${w.kind} ${w.name}` : w.name}>{w.name}</span>
                  <span role="cell"><span className={`cluster-source cluster-source--${w.source}`}>{SOURCE_TEXT[w.source]}</span></span>
                  <span role="cell" title={w.pods.join('\n')}>{w.pods.length}</span>
                  <span role="cell">{w.flows > 0 ? w.flows.toLocaleString('en-US') : ''}</span>
                  <span role="cell" className="mono">{w.identities.join(', ')}</span>
                  <span role="cell" className="mono" title={w.labels.join('\n')}>{labels.map((l) => l.replace(/^k8s:/, '')).join(', ')}</span>
                </div>
              )
            })}
          </div>
        </div>
      </div>
    </div>
  )
}
