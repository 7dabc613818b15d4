/** What the evaluator says about the selected rule edge's traffic, with a link to the deciding rule. */
import type { GraphModel } from '../../domain/graph/index.ts'
import type { DecidingRule, EdgeVerdict } from '../../domain/trace/index.ts'
import { useEvaluation } from '../../store/evaluation-store.ts'
import { useWorkspace } from '../../store/workspace-store.ts'

const HEADLINE: Readonly<Record<EdgeVerdict['cause'], string>> = {
  allowed: 'Allowed: both sides let this traffic through.',
  'blocked-elsewhere': 'Blocked elsewhere: this rule admits the traffic, but another policy drops it.',
  'deny-rule': 'Denied: a deny rule wins over this traffic.',
  l7: 'Refused at L7: the request does not match the L7 rules in force.',
  'not-admitted': 'Not let through by its own side for the member judged.',
}

/** The graph element that shows the deciding rule: its edge, an edge of its policy, or its subject. */
function targetOf(graph: GraphModel, d: DecidingRule): { kind: 'edge' | 'node'; id: string } | null {
  const byElement = d.elementId === undefined ? undefined : graph.edges.find((e) => e.elementId === d.elementId)
  if (byElement) return { kind: 'edge', id: byElement.id }
  if (d.policyKey === undefined) return null
  const inPolicy = graph.edges.find((e) => e.policyKey === d.policyKey && e.direction === d.direction)
    ?? graph.edges.find((e) => e.policyKey === d.policyKey)
  if (inPolicy) return { kind: 'edge', id: inPolicy.id }
  const subject = graph.policySubjects?.[d.policyKey]?.[0]
  return subject === undefined ? null : { kind: 'node', id: subject }
}

export function EdgeVerdictPanel({ edgeId, graph }: { edgeId: string; graph: GraphModel }): React.JSX.Element | null {
  const state = useEvaluation((s) => s.edgeVerdicts)
  const v = state?.byId[edgeId]
  if (!state) return <p className="muted" data-testid="edge-verdict">Evaluating…</p>
  if (!v) return <p className="muted" data-testid="edge-verdict">The draft alone cannot judge this rule's traffic (it needs an inventory).</p>
  const headline = v.verdict === 'audit' ? 'Audit: would be dropped, audit mode lets it through.' : HEADLINE[v.cause]
  const target = v.deciding ? targetOf(graph, v.deciding) : null
  return (
    <section className={`edge-verdict-panel edge-verdict-panel--${v.verdict}`} data-testid="edge-verdict" data-verdict={v.verdict}>
      <h4>Evaluator verdict{state.current ? '' : ' (updating…)'}</h4>
      <p><strong>{headline}</strong></p>
      {v.reason && <p>{v.reason}</p>}
      {v.deciding && (
        <p>
          Deciding rule:{' '}
          {target
            ? (
                <button
                  type="button"
                  className="link-button"
                  data-testid="deciding-rule"
                  onClick={() => useWorkspace.getState().select({ kind: target.kind, id: target.id, from: 'graph' })}
                >
                  {v.deciding.policy} {v.deciding.path}
                </button>
              )
            : <code>{v.deciding.policy} {v.deciding.path}</code>}
        </p>
      )}
      {v.memberNote && <p className="muted">{v.memberNote}</p>}
      {v.probes.length > 1 && (
        <ul className="edge-verdict-panel__probes">
          {v.probes.map((p) => <li key={p.label}>{p.label}: {p.verdict}</li>)}
        </ul>
      )}
      <details>
        <summary>Trace</summary>
        <pre>{v.lines.join('\n')}</pre>
      </details>
    </section>
  )
}
