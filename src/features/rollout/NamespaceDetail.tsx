/** One namespace in the Rollout panel: where it stands, its numbers, the next step and its coverage. */
import type { NamespaceRollout } from '../../domain/rollout/index.ts'
import { STAGES } from '../../domain/rollout/index.ts'
import { CoverageGrid } from './CoverageGrid.tsx'
import { runNextStep, setNamespaceAudit } from './rollout-actions.ts'

const STAGE_LABEL = { observe: 'Observe', allow: 'Allow core paths', audit: 'Default deny, audit', enforce: 'Enforce' } as const

function windowText(w: NamespaceRollout['window']): string {
  if (!w) return 'no flows observed'
  const span = w.to - w.from
  const d = (t: number): string => new Date(t).toISOString().slice(0, 16).replace('T', ' ')
  const len = span >= 86_400_000 ? `${(span / 86_400_000).toFixed(1)} days` : span >= 3_600_000 ? `${(span / 3_600_000).toFixed(1)} h` : `${Math.max(1, Math.round(span / 60_000))} min`
  return `${d(w.from)} → ${d(w.to)} UTC (${len})`
}

export function NamespaceDetail({ ns }: { readonly ns: NamespaceRollout }): React.JSX.Element {
  const at = STAGES.indexOf(ns.stage)
  const actionable = ns.next.kind !== 'done' && ns.next.kind !== 'load-flows'
  return (
    <section className="rollout-ns" data-testid="rollout-detail" data-namespace={ns.namespace} data-stage={ns.stage}>
      <ol className="rollout-stages" aria-label="Rollout stages">
        {STAGES.map((s, i) => (
          <li key={s} className={`rollout-stage${i < at ? ' is-done' : i === at ? ' is-current' : ''}`} aria-current={i === at ? 'step' : undefined}>
            {STAGE_LABEL[s]}
          </li>
        ))}
      </ol>
      <p className="rollout-ns__reason" data-testid="rollout-stage">
        <strong>{ns.namespace}</strong>{ns.system && <span className="rollout__system"> system namespace</span>}: {ns.stageReason}
      </p>
      <div className="rollout-next">
        <span data-testid="rollout-next-text">Next: {ns.next.text}</span>
        {actionable && (
          <button type="button" className="rollout-next__go" data-testid="rollout-next" data-kind={ns.next.kind} onClick={() => runNextStep(ns)}>
            {ns.next.kind === 'draft' ? 'Draft from flows…' : ns.next.kind === 'default-deny-audit' ? 'Add default deny (audit)' : 'Enforce'}
          </button>
        )}
      </div>
      <dl className="rollout-counts">
        <div><dt>Observed</dt><dd data-testid="rollout-observed">{ns.observed}</dd><dd className="rollout-counts__note">{windowText(ns.window)}</dd></div>
        <div><dt>Allowed by rules</dt><dd className="is-allow" data-testid="rollout-covered">{ns.covered}</dd></div>
        <div title="Let through only because the direction has no default deny yet"><dt>Dropped under default deny</dt><dd className={ns.uncovered > 0 ? 'is-deny' : ''} data-testid="rollout-uncovered">{ns.uncovered}</dd></div>
        <div title="Would be dropped; audit mode lets them through and reports AUDIT"><dt>Audit verdicts</dt><dd className={ns.audited > 0 ? 'is-audit' : ''} data-testid="rollout-audited">{ns.audited}</dd>{ns.recordedAudit > 0 && <dd className="rollout-counts__note">{ns.recordedAudit} recorded AUDIT</dd>}</div>
        <div title="The cluster let them through; the draft denies them"><dt>Would break</dt><dd className={ns.denied > 0 ? 'is-deny' : ''} data-testid="rollout-denied">{ns.denied}</dd>{ns.dropped > 0 && <dd className="rollout-counts__note">{ns.dropped} dropped by the cluster</dd>}</div>
      </dl>
      <label className="rollout-audit">
        <input type="checkbox" data-testid="rollout-audit" checked={ns.inAudit} onChange={(e) => setNamespaceAudit(ns.namespace, e.target.checked)} />
        Audit mode for {ns.namespace} <span className="rollout-counts__note">(PolicyAuditMode on its endpoints: would-be drops pass as AUDIT, L7 denials stay)</span>
      </label>
      <CoverageGrid coverage={ns.coverage} />
    </section>
  )
}
