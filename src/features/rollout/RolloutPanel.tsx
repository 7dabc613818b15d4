/**
 * The Rollout panel: every namespace on its way to default deny in the seed's four stages
 * (observe → allow → audit → enforce), application namespaces first and the system track last,
 * the selected namespace's numbers and next step, and the adoption checklist.
 */
import { useEffect, useState } from 'react'
import { useRollout } from '../../store/rollout-store.ts'
import { NamespaceDetail } from './NamespaceDetail.tsx'
import { Checklist } from './Checklist.tsx'
import './rollout.css'

const STAGE_WORD = { observe: '1 · observe', allow: '2 · allow', audit: '3 · audit', enforce: '4 · enforce' } as const

export function RolloutPanel(): React.JSX.Element {
  const report = useRollout((s) => s.report)
  const [picked, setPicked] = useState<string | null>(null)
  const [view, setView] = useState<'namespace' | 'checklist'>('namespace')
  useEffect(() => useRollout.getState().watch(), [])
  if (!report) return <div className="rollout rollout--empty" data-testid="rollout">Working out the rollout…</div>
  const list = report.namespaces
  const current = list.find((n) => n.namespace === picked) ?? list[0]
  const firstSystem = list.findIndex((n) => n.system)
  return (
    <div className="rollout" data-testid="rollout">
      <nav className="rollout__list" aria-label="Namespaces">
        {list.map((n, i) => (
          <div key={n.namespace}>
            {i === firstSystem && <div className="rollout__track" title="Default deny on these breaks DNS, metrics or ingress cluster-wide: roll them out last, in audit mode">System track (last)</div>}
            <button
              type="button"
              className={`rollout__ns${view === 'namespace' && n === current ? ' is-current' : ''}`}
              data-testid={`rollout-ns-${n.namespace}`}
              aria-pressed={view === 'namespace' && n === current}
              onClick={() => {
                setPicked(n.namespace)
                setView('namespace')
              }}
            >
              <span className="rollout__ns-name" title={n.namespace}>{n.namespace}</span>
              <span className={`rollout__chip rollout__chip--${n.stage}`}>{STAGE_WORD[n.stage]}</span>
            </button>
          </div>
        ))}
        <button type="button" className={`rollout__ns rollout__ns--checklist${view === 'checklist' ? ' is-current' : ''}`} data-testid="rollout-checklist-tab" onClick={() => setView('checklist')}>
          <span className="rollout__ns-name">Checklist</span>
          <span className="rollout__chip">{report.checklist.filter((c) => c.state === 'done').length} of {report.checklist.length} ticked</span>
        </button>
        <button type="button" className="rollout__generate" data-testid="rollout-generate-all" disabled={!report.flowsLoaded} title={report.flowsLoaded ? 'Draft allow policies for every namespace from the loaded flows' : 'Load flows first'} onClick={() => useRollout.getState().requestDraft({})}>
          Generate…
        </button>
      </nav>
      <div className="rollout__body">
        {view === 'checklist' ? <Checklist items={report.checklist} /> : current ? <NamespaceDetail ns={current} /> : <p className="rollout__hint">No namespace in the policies or the capture yet.</p>}
      </div>
    </div>
  )
}
