/**
 * "Generate policies": allow policies drafted from the loaded flows for everything, a namespace
 * or a workload (domain/generate), shown as a reviewable diff before insertion — each policy's
 * YAML as it will be added, each rule with the flows it covers, and the reminder that traffic
 * absent from the capture is absent from the draft. Insert adds them all as one undo step.
 */
import { useEffect, useState } from 'react'
import { Dialog } from '../../ui/Dialog.tsx'
import { useRollout } from '../../store/rollout-store.ts'
import type { GenerateAnswer, GenerateScope } from '../../store/rollout-store.ts'
import { appendDocuments } from '../../store/append-documents.ts'
import { DraftPolicyCard } from './DraftPolicyCard.tsx'
import './generate.css'

const scopeKey = (s: GenerateScope): string => (s.workload !== undefined ? `wl:${s.namespace ?? ''}:${s.workload}` : s.namespace !== undefined ? `ns:${s.namespace}` : 'all')

function scopeOf(key: string): GenerateScope {
  if (key.startsWith('ns:')) return { namespace: key.slice(3) }
  if (key.startsWith('wl:')) {
    const [, namespace, workload] = key.split(':')
    return { namespace, workload }
  }
  return {}
}

export function GenerateDialog(): React.JSX.Element | null {
  const request = useRollout((s) => s.draftRequest)
  if (request === null) return null
  return <Generate initial={request} />
}

function Generate({ initial }: { readonly initial: GenerateScope }): React.JSX.Element {
  const [scope, setScope] = useState(scopeKey(initial))
  const [answer, setAnswer] = useState<GenerateAnswer | null>(null)
  const [error, setError] = useState<string | null>(null)
  const report = useRollout((s) => s.report)
  const close = (): void => useRollout.getState().requestDraft(null)
  useEffect(() => {
    let live = true
    setAnswer(null)
    useRollout.getState().generate(scopeOf(scope)).then(
      (a) => live && setAnswer(a),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    )
    return () => {
      live = false
    }
  }, [scope])
  const insert = (): void => {
    if (!answer || answer.policies.length === 0) return
    appendDocuments(answer.yaml, `Inserted ${answer.policies.length} generated polic${answer.policies.length === 1 ? 'y' : 'ies'} (one undo step).`)
    close()
  }
  const namespaces = report?.namespaces.map((n) => n.namespace) ?? []
  const workloads = report?.namespaces.flatMap((n) => n.coverage.workloads.map((id) => ({ ns: n.namespace, id }))) ?? []
  return (
    <Dialog title="Generate policies from the loaded flows" testId="generate-dialog" onCancel={close} onSubmit={insert} wide className="generate">
      <label className="generate__scope">
        For{' '}
        <select value={scope} data-testid="generate-scope" onChange={(e) => setScope(e.target.value)}>
          <option value="all">every namespace</option>
          {!namespaces.includes(initial.namespace ?? '') && initial.namespace !== undefined && <option value={`ns:${initial.namespace}`}>namespace {initial.namespace}</option>}
          {namespaces.map((ns) => <option key={ns} value={`ns:${ns}`}>namespace {ns}</option>)}
          {workloads.map(({ ns, id }) => {
            const labels = id.slice(id.indexOf('/', 3) + 1)
            const workload = labels.split(',').find((p) => p.startsWith('app=')) ?? labels.split(',')[0]
            return <option key={id} value={`wl:${ns}:${workload}`}>workload {ns}/{labels}</option>
          })}
        </select>
      </label>
      <p className="generate__note" data-testid="generate-note">⚠ {answer?.note ?? 'Traffic absent from the capture (batch jobs, failover paths) is absent from this draft.'}</p>
      {error !== null && <p className="generate__error">{error}</p>}
      {answer === null && error === null && <p className="generate__loading">Drafting…</p>}
      {answer !== null && (
        <>
          <p className="generate__summary" data-testid="generate-summary">
            {answer.policies.length} polic{answer.policies.length === 1 ? 'y' : 'ies'} from {answer.considered} observed non-reply flow{answer.considered === 1 ? '' : 's'}
            {answer.uncovered.length > 0 ? `; ${answer.uncovered.length} flow(s) could not be expressed (${answer.uncovered[0].reason})` : ''}. Review, then insert at the end of the workspace:
          </p>
          <div className="generate__diff" data-testid="generate-diff">
            {answer.policies.map((p) => <DraftPolicyCard key={`${p.namespace}/${p.name}`} policy={p} />)}
          </div>
        </>
      )}
      <div className="dialog__actions">
        <button type="button" onClick={close}>Cancel</button>
        <button type="submit" data-testid="generate-insert" disabled={!answer || answer.policies.length === 0}>Insert {answer?.policies.length ?? ''} polic{answer?.policies.length === 1 ? 'y' : 'ies'}</button>
      </div>
    </Dialog>
  )
}
