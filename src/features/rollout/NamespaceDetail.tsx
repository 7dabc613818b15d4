/** One namespace in the Rollout panel: where it stands, its numbers, the next step and its coverage. */
import type { NamespaceRollout } from '../../domain/rollout/index.ts'
import { STAGES } from '../../domain/rollout/index.ts'
import { CoverageGrid } from './CoverageGrid.tsx'
import { runNextStep, setNamespaceAudit } from './rollout-actions.ts'
import { useWorkspace } from '../../store/workspace-store.ts'

// One word a chip, so the four fit the panel at 1280 px; the full step is the chip's hover text.
const STAGE_LABEL = { observe: '1 Observe', allow: '2 Allow', audit: '3 Audit', enforce: '4 Enforce' } as const
const STAGE_TITLE = {
  observe: 'Observe: collect flows with no policy in force',
  allow: 'Allow core paths: allow rules for the traffic that must keep flowing',
  audit: 'Default deny, audit: deny the rest in audit mode and watch the AUDIT verdicts',
  enforce: 'Enforce: audit mode off, the default deny drops',
} as const

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
  // The switch follows the settings at once; the numbers follow when the worker has re-evaluated.
  const scoped = useWorkspace((s) => s.settings.auditScope?.namespaces.includes(ns.namespace) ?? false)
  const globalAudit = useWorkspace((s) => s.settings.auditMode)
  return (
    <section className="rollout-ns" data-testid="rollout-detail" data-namespace={ns.namespace} data-stage={ns.stage}>
      <ol className="rollout-stages" aria-label="Rollout stages">
        {STAGES.map((s, i) => (
          <li key={s} className={`rollout-stage${i < at ? ' is-done' : i === at ? ' is-current' : ''}`} aria-current={i === at ? 'step' : undefined} title={STAGE_TITLE[s]}>
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
        <div title={windowText(ns.window)}><dt>Observed</dt><dd data-testid="rollout-observed">{ns.observed}</dd></div>
        <div><dt>Allowed by rules</dt><dd className="is-allow" data-testid="rollout-covered">{ns.covered}</dd></div>
        <div title="Let through only because the direction has no default deny yet"><dt>Drop if default deny</dt><dd className={ns.uncovered > 0 ? 'is-deny' : ''} data-testid="rollout-uncovered">{ns.uncovered}</dd></div>
        <div title="Would be dropped; audit mode lets them through and reports AUDIT"><dt>Audit verdicts</dt><dd className={ns.audited > 0 ? 'is-audit' : ''} data-testid="rollout-audited">{ns.audited}</dd></div>
        <div title="The cluster let them through; the draft denies them"><dt>Would break</dt><dd className={ns.denied > 0 ? 'is-deny' : ''} data-testid="rollout-denied">{ns.denied}</dd></div>
      </dl>
      <p className="rollout-window" data-testid="rollout-window">
        Window: {windowText(ns.window)}{ns.dropped > 0 ? ` · ${ns.dropped} dropped by the cluster (not counted)` : ''}{ns.recordedAudit > 0 ? ` · ${ns.recordedAudit} recorded AUDIT` : ''}
      </p>
      <label className="rollout-audit" title="PolicyAuditMode on the namespace's endpoints: would-be L3/L4 drops pass and show as AUDIT; L7 denials stay (§3.7)">
        <input type="checkbox" data-testid="rollout-audit" checked={scoped || globalAudit} disabled={globalAudit} onChange={(e) => setNamespaceAudit(ns.namespace, e.target.checked)} />
        Audit mode for {ns.namespace} <span className="rollout-counts__note">(per-endpoint PolicyAuditMode)</span>
      </label>
      <CoverageGrid coverage={ns.coverage} />
    </section>
  )
}
