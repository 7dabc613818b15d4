/**
 * A traced connection: a question ("may this source reach that destination on this port, with
 * this request?") turned into the engine's request and answered with an explanation, like
 * `cilium policy trace`. The Trace panel (through the worker) and `membrane trace` both call
 * `traceConnection`.
 */
import type { CompiledPolicySet, EvalRequest, EvalResult, EvaluationSession, FlowProtocol } from '../engine/index.ts'
import { createSession, explain } from '../engine/index.ts'
import type { PeerFacts, PeerSpec } from './peer.ts'
import { RESOLVED_IP, peerRef } from './peer.ts'

export interface TraceQuery {
  readonly from: PeerSpec
  readonly to: PeerSpec
  readonly protocol: FlowProtocol
  readonly port?: number
  readonly icmpType?: number
  readonly http?: { readonly method: string; readonly path: string; readonly host?: string }
  readonly dns?: string
  /** The TLS server name the client sends, checked against `serverNames` (§6.6). */
  readonly sni?: string
}

export interface TraceAnswer {
  readonly result: EvalResult
  /** The notes, then the explanation (`explain`): what a person reads. */
  readonly lines: readonly string[]
  /** What the trace assumed or noticed beyond the verdict (e.g. how a DNS name was resolved). */
  readonly notes: readonly string[]
}

export interface TracedConnection extends TraceAnswer {
  /** The request that was evaluated, for callers that show its peers. */
  readonly request: EvalRequest
}

/**
 * The request for a traced connection. A DNS-name destination is first resolved the way the
 * source's pod would resolve it: toFQDNs matches only addresses the DNS proxy saw being resolved
 * for a name (§5.6), and the proxy sees the lookup only when a DNS rule of the draft covers the
 * source's DNS traffic. The notes say which happened. `session` learns the name.
 */
export function traceRequest(session: EvaluationSession, query: TraceQuery, facts: PeerFacts = {}): { request: EvalRequest; notes: string[] } {
  const source = peerRef(query.from, facts)
  const notes: string[] = []
  if (query.to.kind === 'fqdn') {
    const learned = session.learnDns(source, query.to.name, [RESOLVED_IP])
    notes.push(
      learned
        ? `${query.to.name} was resolved through Cilium's DNS proxy (as ${RESOLVED_IP}), so toFQDNs rules can match it.`
        : `${query.to.name} was NOT resolved through Cilium's DNS proxy for this source: no egress DNS rule covers its DNS traffic, so toFQDNs rules cannot match (the most common toFQDNs mistake).`,
    )
  }
  const destination = peerRef(query.to, facts)
  const nodeSide = [source, destination].some((r) => r.labels.some((l) => l.source === 'reserved' && (l.key === 'host' || l.key === 'remote-node')))
  if (nodeSide && session.set.settings.hostFirewall) {
    notes.push('Host firewall on: host policies judge traffic from a node (its egress) and to a node (its ingress; remote-node is that node\'s host).')
  }
  const request: EvalRequest = {
    source,
    destination,
    protocol: query.protocol,
    ...(query.port === undefined ? {} : { port: query.port }),
    ...(query.icmpType === undefined ? {} : { icmpType: query.icmpType }),
    ...(query.http || query.dns || query.sni
      ? {
          l7: {
            ...(query.http ? { http: query.http } : {}),
            ...(query.dns ? { dns: { query: query.dns } } : {}),
            ...(query.sni ? { tls: { sni: query.sni } } : {}),
          },
        }
      : {}),
  }
  return { request, notes }
}

/** Answers a traced connection under `set`, in a fresh session (nothing learned before it). */
export function traceConnection(set: CompiledPolicySet, query: TraceQuery, facts: PeerFacts = {}): TracedConnection {
  const session = createSession(set)
  const { request, notes } = traceRequest(session, query, facts)
  const result = session.evaluate(request)
  return { request, result, notes, lines: [...notes, ...explain(result, { set, request })] }
}
