import { useState } from 'react'
import { ProblemsPane } from '../features/problems/ProblemsPane.tsx'
import { TracePanel } from '../features/trace/TracePanel.tsx'
import { useWorkspace } from '../store/workspace-store.ts'
import { useLint } from '../store/lint-store.ts'
import { supersededBy } from '../domain/lint/index.ts'

type Tab = 'problems' | 'trace'

/** The panel under the editor: problems of the text, and the trace tool. */
export function BottomPanel(): React.JSX.Element {
  const [tab, setTab] = useState<Tab>('problems')
  const parse = useWorkspace((s) => s.model.parse)
  const text = useWorkspace((s) => s.text)
  const lint = useLint((s) => s)
  // Lint errors and warnings count too; a parser problem a finding shows is counted once.
  const own = lint.text === text ? lint.findings : []
  const problems = parse.diagnostics.filter((d) => d.severity !== 'info' && !supersededBy(d, own)).length +
    own.filter((f) => f.severity !== 'info').length
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
