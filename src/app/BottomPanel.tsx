import { useEffect, useState } from 'react'
import { ProblemsPane } from '../features/problems/ProblemsPane.tsx'
import { TracePanel } from '../features/trace/TracePanel.tsx'
import { FlowsTab } from '../features/flows/FlowsTab.tsx'
import { useWorkspace } from '../store/workspace-store.ts'
import { useFlows } from '../store/flows-store.ts'
import { useEvaluation } from '../store/evaluation-store.ts'

type Tab = 'problems' | 'trace' | 'flows'

/** The panel under the editor: problems of the text, the trace tool, and the loaded flows. */
export function BottomPanel(): React.JSX.Element {
  const [tab, setTab] = useState<Tab>('problems')
  const problems = useWorkspace((s) => s.model.parse.diagnostics.filter((d) => d.severity !== 'info').length)
  const flows = useEvaluation((s) => s.flows?.flows ?? null)
  const reveal = useFlows((s) => s.reveal)
  // The toolbar counts and a click on a flow edge ask for the table.
  useEffect(() => {
    if (reveal > 0) setTab('flows')
  }, [reveal])
  return (
    <div className={`bottom-panel${tab === 'flows' ? ' bottom-panel--flows' : ''}`}>
      <div role="tablist" className="tabs">
        <button type="button" role="tab" aria-selected={tab === 'problems'} data-testid="tab-problems" onClick={() => setTab('problems')} title="Problems found in the YAML">
          Problems <span className="count">{problems}</span>
        </button>
        <button type="button" role="tab" aria-selected={tab === 'trace'} data-testid="tab-trace" onClick={() => setTab('trace')} title="Would this connection be allowed? Pick a pair and see why">
          Trace
        </button>
        <button type="button" role="tab" aria-selected={tab === 'flows'} data-testid="tab-flows" onClick={() => setTab('flows')} title="The loaded Hubble flows: what the cluster recorded and what the draft would do">
          Flows {flows !== null && <span className="count">{flows}</span>}
        </button>
      </div>
      <div className="bottom-panel__body">{tab === 'problems' ? <ProblemsPane /> : tab === 'trace' ? <TracePanel /> : <FlowsTab />}</div>
    </div>
  )
}
