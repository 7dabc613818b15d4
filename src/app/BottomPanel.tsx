import { useState } from 'react'
import { ProblemsPane } from '../features/problems/ProblemsPane.tsx'
import { TracePanel } from '../features/trace/TracePanel.tsx'
import { useWorkspace } from '../store/workspace-store.ts'
import { useLint } from '../store/lint-store.ts'

type Tab = 'problems' | 'trace'

/** The panel under the editor: problems of the text, and the trace tool. */
export function BottomPanel(): React.JSX.Element {
  const [tab, setTab] = useState<Tab>('problems')
  const parsed = useWorkspace((s) => s.model.parse.diagnostics.filter((d) => d.severity !== 'info').length)
  // Lint errors and warnings count too (a parser problem a finding lifts is counted twice, rarely).
  const problems = parsed + useLint((s) => s.findings.filter((f) => f.severity !== 'info').length)
  return (
    <div className="bottom-panel">
      <div role="tablist" className="tabs">
        <button type="button" role="tab" aria-selected={tab === 'problems'} data-testid="tab-problems" onClick={() => setTab('problems')} title="Problems found in the YAML">
          Problems <span className="count">{problems}</span>
        </button>
        <button type="button" role="tab" aria-selected={tab === 'trace'} data-testid="tab-trace" onClick={() => setTab('trace')} title="Would this connection be allowed? Pick a pair and see why">
          Trace
        </button>
      </div>
      <div className="bottom-panel__body">{tab === 'problems' ? <ProblemsPane /> : <TracePanel />}</div>
    </div>
  )
}
