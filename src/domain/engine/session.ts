/**
 * Stateful evaluation in time order: DNS answers seen through the DNS proxy teach the node-wide
 * FQDN cache, which later toFQDNs peers match against (§5.6).
 */
import type { DnsAnswer, EndpointRef, EvalRequest, EvalResult, FlowProtocol } from './api.ts'
import { normalizeDnsName } from './dns-pattern.ts'
import { evaluate } from './evaluate.ts'
import { FqdnStore } from './fqdn-store.ts'
import { planAllows } from './l7.ts'
import type { CompiledPolicySet } from './policy-set.ts'

export class EvaluationSession {
  readonly fqdn = new FqdnStore()

  constructor(readonly set: CompiledPolicySet) {}

  /** Evaluates a flow, then learns from its DNS answer, if it carries one. */
  evaluate(req: EvalRequest): EvalResult {
    const result = evaluate(this.set, req, this.fqdn)
    const answer = req.dnsResponse
    if (answer) {
      // A response flows server → client; a query with its answer attached flows client → server.
      const client = req.isReply ? req.destination : req.source
      const server = req.isReply ? req.source : req.destination
      const port = req.isReply ? 53 : (req.port ?? 53)
      const protocol = req.protocol === 'TCP' ? 'TCP' : 'UDP'
      this.learnDns(client, answer.query, answer.ips, { server, port, protocol })
    }
    return result
  }

  /**
   * Records `query → ips` when the client's DNS traffic is proxied by the draft policy (an egress
   * allow with DNS rules covering the server and port) and those rules allow the query. Without
   * a known server, any DNS-proxying egress rule of the client on the port counts. Returns
   * whether the answer was learned. Without a DNS rule nothing is learned: toFQDNs then never
   * matches, as in Cilium.
   */
  learnDns(
    client: EndpointRef,
    query: string,
    ips: readonly string[],
    via: { server?: EndpointRef; port?: number; protocol?: FlowProtocol } = {},
  ): boolean {
    const port = via.port ?? 53
    const protocols: FlowProtocol[] = via.protocol ? [via.protocol] : ['UDP', 'TCP']
    const answer: DnsAnswer = { query: normalizeDnsName(query), ips }
    const l7 = { dns: { query: answer.query } }
    for (const protocol of protocols) {
      if (via.server) {
        const r = evaluate(this.set, { source: client, destination: via.server, protocol, port, l7 }, this.fqdn)
        if (r.egress.verdict !== 'allowed' || r.verdict === 'denied' || r.l7?.protocol !== 'dns') continue
        this.fqdn.learn(answer.query, answer.ips)
        return true
      }
      if (this.proxiedWithoutServer(client, protocol, port, answer.query)) {
        this.fqdn.learn(answer.query, ips)
        return true
      }
    }
    return false
  }

  private proxiedWithoutServer(client: EndpointRef, protocol: FlowProtocol, port: number, query: string): boolean {
    const src = this.set.endpoint(client, this.fqdn)
    if (!src.isEndpoint) return false
    const side = this.set.resolve(src.identity, 'egress')
    if (!side.enforced) return false
    for (const ce of side.allow) {
      for (const tp of ce.toPorts ?? []) {
        if (tp.l7?.kind !== 'dns') continue
        if (!tp.ports.some((p) => p.protocols.has(protocol) && (p.name !== null ? false : port >= p.lo && port <= p.hi)))
          continue
        // The server is unknown, so only the rules are checked; default-allow adds `*` (§3.3).
        if (!side.defaultDeny) return true
        if (planAllows({ unrestricted: null, sets: [tp.l7] }, 'dns', { dns: { query } }).allowed) return true
      }
    }
    return false
  }
}

export function createSession(set: CompiledPolicySet): EvaluationSession {
  return new EvaluationSession(set)
}
