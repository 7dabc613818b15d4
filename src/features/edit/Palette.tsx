/** Adds nodes to the picture (not to the YAML: a node is written when it gets its first rule). */
import { useState } from 'react'
import { PALETTE_ACTIONS, labelOf } from '../../actions/index.ts'
import type { ActionContext, PaletteAction } from '../../actions/index.ts'
import { PALETTE_ENTITIES } from '../../store/drafts.ts'

export function Palette({ ctx }: { ctx: ActionContext }): React.JSX.Element {
  const [adding, setAdding] = useState<PaletteAction | null>(null)
  const kind = adding?.kind
  const [name, setName] = useState('')
  const [namespace, setNamespace] = useState('default')
  const [labels, setLabels] = useState('')
  const [error, setError] = useState<string | null>(null)

  const submit = (e: React.FormEvent): void => {
    e.preventDefault()
    if (!adding) return
    const problem = adding.perform(ctx, { name, namespace, labels })
    if (typeof problem === 'string') return setError(problem)
    setAdding(null)
    setError(null)
    setName('')
    setLabels('')
  }

  return (
    <div className="palette" data-testid="palette">
      {PALETTE_ACTIONS.map((a) => (
        <button key={a.id} type="button" title={a.title} data-testid={`palette-add-${a.kind}`} onClick={() => { setAdding(a); setError(null) }}>
          + {labelOf(a, null)}
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
          <button type="button" onClick={() => setAdding(null)}>Cancel</button>
          {error && <span className="form__error" role="alert">{error}</span>}
        </form>
      )}
    </div>
  )
}
