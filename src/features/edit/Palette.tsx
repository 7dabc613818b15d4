/** Adds nodes to the picture (not to the YAML: a node is written when it gets its first rule). */
import { useState } from 'react'
import { PALETTE_ENTITIES, makeDraft } from '../../store/drafts.ts'
import type { DraftKind } from '../../store/drafts.ts'
import { useWorkspace } from '../../store/workspace-store.ts'

const KINDS: { kind: DraftKind; label: string; title: string }[] = [
  { kind: 'namespace', label: 'Namespace', title: 'Add a namespace box' },
  { kind: 'workload', label: 'Workload', title: 'Add pods with labels in a namespace' },
  { kind: 'entity', label: 'Entity', title: 'world, cluster, host, kube-apiserver…' },
  { kind: 'cidr', label: 'CIDR', title: 'An address range outside the cluster' },
  { kind: 'fqdn', label: 'FQDN', title: 'A DNS name or pattern (egress only)' },
  { kind: 'node', label: 'Host node', title: 'Nodes by label, for host firewall policies' },
]

export function Palette(): React.JSX.Element {
  const [kind, setKind] = useState<DraftKind | null>(null)
  const [name, setName] = useState('')
  const [namespace, setNamespace] = useState('default')
  const [labels, setLabels] = useState('')
  const [error, setError] = useState<string | null>(null)
  const addDraft = useWorkspace((s) => s.addDraft)

  const submit = (e: React.FormEvent): void => {
    e.preventDefault()
    if (!kind) return
    const draft = makeDraft(kind, { name, namespace, labels })
    if (typeof draft === 'string') return setError(draft)
    addDraft(draft)
    setKind(null)
    setError(null)
    setName('')
    setLabels('')
  }

  return (
    <div className="palette" data-testid="palette">
      {KINDS.map((k) => (
        <button key={k.kind} type="button" title={k.title} data-testid={`palette-add-${k.kind}`} onClick={() => { setKind(k.kind); setError(null) }}>
          + {k.label}
        </button>
      ))}
      {kind && (
        <form className="palette__form" onSubmit={submit} data-testid="palette-form">
          {(kind === 'namespace' || kind === 'cidr' || kind === 'fqdn') && (
            <input autoFocus data-testid="palette-name" aria-label="name" placeholder={kind === 'cidr' ? '10.0.0.0/8' : kind === 'fqdn' ? 'api.example.com' : 'payments'} value={name} onChange={(e) => setName(e.target.value)} />
          )}
          {kind === 'entity' && (
            <select autoFocus data-testid="palette-name" aria-label="entity" value={name} onChange={(e) => setName(e.target.value)}>
              <option value="">choose…</option>
              {PALETTE_ENTITIES.map((n) => <option key={n}>{n}</option>)}
            </select>
          )}
          {kind === 'workload' && (
            <input data-testid="palette-ns-input" aria-label="namespace" placeholder="namespace" value={namespace} onChange={(e) => setNamespace(e.target.value)} />
          )}
          {(kind === 'workload' || kind === 'node') && (
            <input autoFocus data-testid="palette-labels" aria-label="labels" placeholder={kind === 'node' ? 'node-role.kubernetes.io/worker=' : 'app=backend'} value={labels} onChange={(e) => setLabels(e.target.value)} />
          )}
          <button type="submit" data-testid="palette-add">Add</button>
          <button type="button" onClick={() => setKind(null)}>Cancel</button>
          {error && <span className="form__error" role="alert">{error}</span>}
        </form>
      )}
    </div>
  )
}
