/**
 * Coverage at a glance, explained: each number counts workloads of the namespace; a click lists
 * them, and a workload in the list selects it on the graph (and can be put in audit mode alone).
 */
import { useState } from 'react'
import type { Coverage } from '../../domain/rollout/index.ts'
import { parseNodeId } from '../../domain/graph/index.ts'
import { useWorkspace } from '../../store/workspace-store.ts'
import { setWorkloadAudit } from './rollout-actions.ts'

type Key = Exclude<keyof Coverage, 'workloads'>

const ROWS: readonly { key: Key; label: string; title: string; bad?: boolean }[] = [
  { key: 'ingressIsolated', label: 'ingress isolated', title: 'a peer no rule names is denied on the way in (default deny)' },
  { key: 'egressIsolated', label: 'egress isolated', title: 'a destination no rule names is denied on the way out' },
  { key: 'worldReachable', label: 'world-reachable', title: 'world gets in on some port its rules name (or on any, without ingress default deny)', bad: true },
  { key: 'l7', label: 'L7 (HTTP/Kafka)', title: 'traffic goes through the Envoy proxy: latency and CPU' },
  { key: 'fqdnWithoutDns', label: 'toFQDNs w/o DNS rule', title: 'no DNS rule proxies their lookups, so the names are never learned (§5.6)', bad: true },
]

function workloadText(id: string): string {
  const h = parseNodeId(id)
  return h?.kind === 'workload' ? Object.entries(h.labels).map(([k, v]) => `${k}=${v}`).join(',') : id
}

export function CoverageGrid({ coverage }: { readonly coverage: Coverage }): React.JSX.Element {
  const [open, setOpen] = useState<Key | null>(null)
  const select = useWorkspace((s) => s.select)
  const scope = useWorkspace((s) => s.settings.auditScope)
  const total = coverage.workloads.length
  const shown = open === null ? [] : coverage[open]
  return (
    <div className="coverage" data-testid="coverage">
      <div className="coverage__title">Coverage of {total} workload{total === 1 ? '' : 's'} <span className="rollout-counts__note">(click a number for its workloads)</span></div>
      <div className="coverage__grid">
        {ROWS.map((r) => {
          const n = coverage[r.key].length
          return (
            <button
              key={r.key}
              type="button"
              className={`coverage__cell${open === r.key ? ' is-open' : ''}${r.bad && n > 0 ? ' is-bad' : ''}`}
              data-testid={`coverage-${r.key}`}
              title={r.title}
              aria-expanded={open === r.key}
              onClick={() => {
                setOpen(open === r.key ? null : r.key)
                const first = coverage[r.key][0]
                if (first !== undefined && open !== r.key) select({ kind: 'node', id: first, from: 'graph' })
              }}
            >
              <span className="coverage__n">{n}{r.key.endsWith('Isolated') ? `/${total}` : ''}</span>
              <span className="coverage__label">{r.label}</span>
            </button>
          )
        })}
      </div>
      {open !== null && (
        <ul className="coverage__list" data-testid="coverage-list">
          {shown.length === 0 && <li className="rollout-counts__note">none</li>}
          {shown.map((id) => {
            const h = parseNodeId(id)
            const entry = h?.kind === 'workload' ? `${h.namespace}/${workloadText(id)}` : null
            return (
              <li key={id}>
                <button type="button" className="coverage__wl" data-testid="coverage-workload" onClick={() => select({ kind: 'node', id, from: 'graph' })}>{workloadText(id)}</button>
                {entry !== null && (
                  <label className="coverage__audit" title="PolicyAuditMode on this workload's endpoints only">
                    <input type="checkbox" checked={scope?.workloads.includes(entry) ?? false} onChange={(e) => setWorkloadAudit(entry, e.target.checked)} /> audit
                  </label>
                )}
              </li>
            )
          })}
        </ul>
      )}
    </div>
  )
}
