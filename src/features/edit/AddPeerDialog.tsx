/**
 * "+" in a Policy focus group: pick or describe the peer, then the connect dialog asks what to
 * allow. Peers not on the graph yet become palette drafts first.
 */
import { useState } from 'react'
import { isNodeId, isPolicyKey } from '../../domain/graph/index.ts'
import { makeDraft } from '../../store/drafts.ts'
import type { DraftKind } from '../../store/drafts.ts'
import { useWorkspace } from '../../store/workspace-store.ts'
import type { AddPeerRequest } from '../../store/edit-ui.ts'
import { useEditUi } from '../../store/edit-ui.ts'
import { nodeLabel } from '../../store/node-label.ts'
import { Dialog } from '../../ui/Dialog.tsx'

const KINDS: Record<AddPeerRequest['group'], { kind: DraftKind; label: string }[]> = {
  'same-namespace': [{ kind: 'workload', label: 'pods with labels' }],
  cluster: [
    { kind: 'workload', label: 'pods in another namespace' },
    { kind: 'entity', label: 'an entity (cluster, host, kube-apiserver…)' },
  ],
  outside: [
    { kind: 'entity', label: 'the world entity' },
    { kind: 'cidr', label: 'a CIDR' },
    { kind: 'fqdn', label: 'a DNS name (egress only)' },
  ],
}

function subjectNamespace(subjectId: string): string {
  return useWorkspace.getState().model.graph.nodes.find((n) => n.id === subjectId)?.namespace ?? 'default'
}

export function AddPeerDialog({ request }: { request: AddPeerRequest }): React.JSX.Element {
  const kinds = KINDS[request.group]
  const [kind, setKind] = useState<DraftKind>(kinds[0].kind)
  const [name, setName] = useState(request.group === 'outside' ? 'world' : '')
  const [namespace, setNamespace] = useState(request.group === 'same-namespace' ? subjectNamespace(request.subjectId) : '')
  const [labels, setLabels] = useState('')
  const [error, setError] = useState<string | null>(null)
  const close = (): void => useEditUi.getState().openAddPeer(null)

  const submit = (): void => {
    const draft = makeDraft(kind, { name, namespace, labels })
    if (typeof draft === 'string') return setError(draft)
    const { subjectId, policyKey } = request
    if (!isNodeId(subjectId) || !isPolicyKey(policyKey)) return setError('The focused policy is no longer in the text.')
    useWorkspace.getState().addDraft(draft)
    const [from, to] = request.side === 'ingress' ? [draft.id, subjectId] : [subjectId, draft.id]
    useEditUi.getState().openConnect({ from, to, placement: request.side, policyKey })
  }

  return (
    <Dialog
      title={`${request.side === 'ingress' ? 'A source for' : 'A destination of'} ${nodeLabel(request.subjectId)}`}
      testId="add-peer-dialog"
      onCancel={close}
      onSubmit={submit}
    >
        <select aria-label="kind of peer" data-testid="add-peer-kind" value={kind} onChange={(e) => setKind(e.target.value as DraftKind)}>
          {kinds.map((k) => <option key={`${k.kind}-${k.label}`} value={k.kind}>{k.label}</option>)}
        </select>
        {kind === 'workload' && (
          <>
            <input data-testid="add-peer-namespace" aria-label="namespace" placeholder="namespace" value={namespace} onChange={(e) => setNamespace(e.target.value)} readOnly={request.group === 'same-namespace'} />
            <input autoFocus data-autofocus="" data-testid="add-peer-labels" aria-label="labels" placeholder="app=frontend" value={labels} onChange={(e) => setLabels(e.target.value)} />
          </>
        )}
        {kind !== 'workload' && (
          <input autoFocus data-autofocus="" data-testid="add-peer-name" aria-label="name" placeholder={kind === 'cidr' ? '10.0.0.0/8' : kind === 'fqdn' ? 'api.example.com' : 'world'} value={name} onChange={(e) => setName(e.target.value)} />
        )}
        {error && <p className="form__error" role="alert">{error}</p>}
        <div className="dialog__actions">
          <button type="button" onClick={close}>Cancel</button>
          <button type="submit" className="primary" data-testid="add-peer-next">Next: ports…</button>
        </div>
    </Dialog>
  )
}
