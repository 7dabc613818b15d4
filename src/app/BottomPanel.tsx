import { useEffect, useState } from 'react'
import { ProblemsPane } from '../features/problems/ProblemsPane.tsx'
import { TracePanel } from '../features/trace/TracePanel.tsx'
import { FlowsTab } from '../features/flows/FlowsTab.tsx'
import { RolloutPanel } from '../features/rollout/RolloutPanel.tsx'
import { ExpectationsPanel } from '../features/expectations/ExpectationsPanel.tsx'
import { ClusterPanel } from '../features/inventory/ClusterPanel.tsx'
import { useRollout } from '../store/rollout-store.ts'
import { useWorkspace } from '../store/workspace-store.ts'
import { problemsOf, useEditorMarkers } from '../store/editor-markers.ts'
import { useLayoutUi } from '../store/layout-ui.ts'
import { useFlows } from '../store/flows-store.ts'
import { useEvaluation } from '../store/evaluation-store.ts'
import { action, labelOf } from '../actions/index.ts'

type Tab = 'problems' | 'trace' | 'flows' | 'rollout' | 'expectations' | 'cluster'

/**
 * The panel under the editor: problems of the text, the trace tool, the loaded flows, the
 * namespace rollout, the connectivity expectations and the cluster's workloads (flows merged with an
 * imported inventory). Collapsible to its tab bar.
 */
export function BottomPanel(): React.JSX.Element {
  const [tab, setTab] = useState<Tab>('problems')
  // The same list the Problems pane shows: what the editor marks.
  const problems = useWorkspace((s) => s.model.parse.diagnostics)
  const markers = useEditorMarkers((s) => s.markers)
  const count = problemsOf(markers, problems).length
  const collapsed = useLayoutUi((s) => s.bottomCollapsed)
  const toggle = action('toggle-bottom-panel')
  const flows = useEvaluation((s) => s.flows?.flows ?? null)
  const reveal = useFlows((s) => s.reveal)
  const expectations = useRollout((s) => s.expectations?.rows)
  const failing = expectations?.filter((r) => !r.ok).length ?? 0
  const inventory = useEvaluation((s) => s.inventory)
  const show = (t: Tab): void => {
    setTab(t)
    useLayoutUi.getState().setBottomCollapsed(false)
  }
  // The toolbar counts and a click on a flow edge ask for the table.
  useEffect(() => {
    if (reveal > 0) show('flows')
  }, [reveal])
  return (
    <div className={`bottom-panel${tab === 'flows' ? ' bottom-panel--flows' : ''}`}>
      <div role="tablist" className="tabs">
        <button type="button" role="tab" aria-selected={tab === 'problems'} data-testid="tab-problems" onClick={() => show('problems')} title="Problems the editor marks in the YAML">
          Problems <span className="count" data-testid="problems-count">{count}</span>
        </button>
        <button type="button" role="tab" aria-selected={tab === 'trace'} data-testid="tab-trace" onClick={() => show('trace')} title="Would this connection be allowed? Pick a pair and see why">
          Trace
        </button>
        <button type="button" role="tab" aria-selected={tab === 'flows'} data-testid="tab-flows" onClick={() => show('flows')} title="The loaded Hubble flows: what the cluster recorded and what the draft would do">
          Flows {flows !== null && <span className="count">{flows}</span>}
        </button>
        <button type="button" role="tab" aria-selected={tab === 'rollout'} data-testid="tab-rollout" onClick={() => show('rollout')} title="Walk each namespace to default deny: observe → allow → audit → enforce">
          Rollout
        </button>
        <button type="button" role="tab" aria-selected={tab === 'expectations'} data-testid="tab-expectations" onClick={() => show('expectations')} title="Connectivity expectations: policy tests, the same file membrane check --expect runs in CI">
          Tests {expectations !== undefined && expectations.length > 0 && <span className={`count${failing > 0 ? ' count--fail' : ''}`} data-testid="expectations-count">{failing > 0 ? `✗${failing}` : `✓${expectations.length}`}</span>}
        </button>
        <button type="button" role="tab" aria-selected={tab === 'cluster'} data-testid="tab-cluster" onClick={() => show('cluster')} title="The cluster's workloads and namespaces: what the flows showed, merged with an imported kubectl inventory">
          Cluster {inventory && <span className="count" data-testid="inventory-count" title={`Inventory ${inventory.name}`}>{inventory.pods}</span>}
        </button>
        <span className="tabs__spacer" />
        <button
          type="button"
          className="tabs__collapse"
          data-testid="toggle-bottom-panel"
          aria-expanded={!collapsed}
          title={toggle.title}
          aria-label={labelOf(toggle, null)}
          onClick={() => toggle.perform({ target: null, confirm: () => undefined }, '')}
        >
          {collapsed ? '▴' : '▾'}
        </button>
      </div>
      <div className="bottom-panel__body">
        {tab === 'problems' ? <ProblemsPane /> : tab === 'trace' ? <TracePanel /> : tab === 'flows' ? <FlowsTab /> : tab === 'rollout' ? <RolloutPanel /> : tab === 'expectations' ? <ExpectationsPanel /> : <ClusterPanel />}
      </div>
    </div>
  )
}
