/**
 * The selected flow, like Hubble UI's sidebar plus what it lacks: both endpoints' labels and
 * identities, IPs and ports, L7/DNS detail, the drop reason and recorded verdict, and the draft's
 * verdict per side with its reasons linked to the YAML. "Allow this flow" writes the rule through
 * the connect gesture (one undo step).
 */
import type { Reason, SideResult } from '../../domain/engine/index.ts'
import type { FlowEndpoint } from '../../domain/flows/index.ts'
import { formatLabel } from '../../domain/labels/label.ts'
import type { NodeId } from '../../domain/graph/index.ts'
import { useFlows } from '../../store/flows-store.ts'
import { useWorkspace } from '../../store/workspace-store.ts'
import { runGesture } from '../../store/gesture-actions.ts'
import type { Protocol } from '../../domain/policy/model.ts'
import './flows.css'

function Endpoint({ title, e, port }: { title: string; e: FlowEndpoint; port?: number }): React.JSX.Element {
  return (
    <section className="flow-detail__end">
      <h4>{title}</h4>
      <dl>
        {e.namespace && <><dt>namespace</dt><dd>{e.namespace}</dd></>}
        {e.podName && <><dt>pod</dt><dd>{e.podName}</dd></>}
        {e.workloads?.[0] && <><dt>workload</dt><dd>{e.workloads[0].kind} {e.workloads[0].name}</dd></>}
        {e.reserved && <><dt>entity</dt><dd>{e.reserved}</dd></>}
        <dt>identity</dt><dd>{e.identity || 'unknown'}</dd>
        {e.ip && <><dt>IP</dt><dd>{e.ip}{port !== undefined ? `:${port}` : ''}</dd></>}
        {e.names && e.names.length > 0 && <><dt>names</dt><dd>{e.names.join(', ')}</dd></>}
      </dl>
      {e.labels.length > 0 && (
        <details>
          <summary>{e.labels.length} identity labels</summary>
          <ul className="flow-detail__labels">
            {e.labels.map((l) => <li key={formatLabel(l)}>{formatLabel(l)}</li>)}
          </ul>
        </details>
      )}
    </section>
  )
}

function selectReason(r: Reason): void {
  if (!r.elementId) return
  const edge = useWorkspace.getState().displayGraph.edges.find((e) => e.elementId === r.elementId)
  if (edge) useWorkspace.getState().select({ kind: 'edge', id: edge.id, from: 'graph' })
}

function Side({ name, side }: { name: string; side: SideResult }): React.JSX.Element {
  return (
    <div className="flow-detail__side">
      <span className={`verdict verdict--${side.verdict}`}>{name}: {side.verdict}</span>
      <ul>
        {side.reasons.map((r, i) => (
          <li key={i}>
            <span className={`flow-detail__effect flow-detail__effect--${r.effect}`}>{r.effect}</span>{' '}
            {r.policy ? (
              <button type="button" className="linklike" disabled={!r.elementId} onClick={() => selectReason(r)} title="Show this rule in the graph and the YAML">
                {r.policy} {r.path}
              </button>
            ) : null}
            {r.detail && <span className="muted"> {r.detail}</span>}
          </li>
        ))}
      </ul>
    </div>
  )
}

const PORT_PROTOCOLS: ReadonlySet<string> = new Set(['TCP', 'UDP', 'SCTP'])

export function FlowDetail(): React.JSX.Element | null {
  const detail = useFlows((s) => s.detail)
  const selected = useFlows((s) => s.selected)
  const overlay = useFlows((s) => s.overlay)
  if (selected === null || !detail || detail.flow.index !== selected) return null
  const { flow, result, row } = detail
  const from = row ? overlay.endpointNode[row.src] : undefined
  const to = row ? overlay.endpointNode[row.dst] : undefined
  const l4 = flow.l4
  const allow = (): void => {
    if (!from || !to) return
    const ports = l4 && PORT_PROTOCOLS.has(l4.protocol) && l4.destinationPort !== undefined ? [{ port: String(l4.destinationPort), protocol: l4.protocol as Protocol }] : []
    const egress = result.egress.verdict === 'denied' || result.egress.verdict === 'audit'
    const ingress = result.ingress.verdict === 'denied' || result.ingress.verdict === 'audit'
    const placement = egress && ingress ? 'both' : egress ? 'egress' : 'ingress'
    runGesture({ type: 'connect', from: from as NodeId, to: to as NodeId, ports, action: 'allow', placement })
  }
  return (
    <aside className="flow-detail" data-testid="flow-detail" aria-label="Flow detail">
      <header>
        <b>Flow #{flow.index + 1}</b>
        <span className="muted">{Number.isNaN(flow.time) ? '' : new Date(flow.time).toISOString().replace('T', ' ').slice(0, 23)}</span>
        <button type="button" title="Close" onClick={() => useFlows.getState().selectFlow(null)}>×</button>
      </header>
      <div className="flow-detail__verdicts">
        <span className={`rec rec--${flow.verdict.toLowerCase()}`}>recorded {flow.verdict}</span>
        {flow.dropReason && <span className="flow-detail__drop">{flow.dropReason}</span>}
        <span className={`verdict verdict--${result.verdict}`}>draft {result.verdict}</span>
        {row?.disagreement === 'break' && <b className="flows-badge flows-badge--break">would break</b>}
        {row?.disagreement === 'open' && <b className="flows-badge flows-badge--open">would open</b>}
      </div>
      <div className="flow-detail__meta">
        {l4 && <span>{l4.protocol}{l4.sourcePort !== undefined ? ` ${l4.sourcePort} →` : ''} {l4.destinationPort ?? (l4.icmpType !== undefined ? `type ${l4.icmpType}` : '')}{l4.tcpFlags?.length ? ` [${l4.tcpFlags.join(',')}]` : ''}</span>}
        <span>{flow.direction.toLowerCase()}{flow.isReply === true ? ' reply' : ''}{flow.observationPoint ? ` · ${flow.observationPoint}` : ''}{flow.nodeName ? ` · ${flow.nodeName}` : ''}</span>
        {flow.l7?.http && <span>HTTP {flow.l7.http.method} {flow.l7.http.url} {flow.l7.http.code ?? ''}</span>}
        {flow.l7?.dns && <span>DNS {flow.l7.dns.query} {flow.l7.dns.ips?.join(', ') ?? ''}{flow.l7.dns.rcode ? ` rcode ${flow.l7.dns.rcode}` : ''}</span>}
        {flow.l7?.kafka && <span>Kafka {flow.l7.kafka.apiKey} {flow.l7.kafka.topic}</span>}
        {flow.policy && (
          <span className="muted">
            cluster: {[...(flow.policy.egressAllowedBy ?? []), ...(flow.policy.ingressAllowedBy ?? [])].map((p) => `allowed by ${p.namespace ? `${p.namespace}/` : ''}${p.name}`).join(', ')}
            {[...(flow.policy.egressDeniedBy ?? []), ...(flow.policy.ingressDeniedBy ?? [])].map((p) => ` denied by ${p.namespace ? `${p.namespace}/` : ''}${p.name}`).join(', ')}
          </span>
        )}
      </div>
      <div className="flow-detail__ends">
        <Endpoint title="Source" e={flow.source} {...(l4?.sourcePort !== undefined && { port: l4.sourcePort })} />
        <Endpoint title="Destination" e={flow.destination} {...(l4?.destinationPort !== undefined && { port: l4.destinationPort })} />
      </div>
      <Side name="egress (source side)" side={result.egress} />
      <Side name="ingress (destination side)" side={result.ingress} />
      {result.l7 && <div className="flow-detail__side"><span className={`verdict verdict--${result.l7.verdict}`}>L7: {result.l7.verdict}</span></div>}
      {result.verdict !== 'allowed' && from && to && (
        <button type="button" className="flow-detail__allow" data-testid="allow-flow" onClick={allow} title="Write an allow rule for this flow (one undo step)">
          Allow this flow
        </button>
      )}
    </aside>
  )
}
