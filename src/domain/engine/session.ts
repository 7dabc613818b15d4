/**
 * Stateful evaluation in time order: DNS answers seen through the DNS proxy teach the node-wide
 * FQDN cache, which later toFQDNs peers match against (§5.6).
 */
import type { DnsAnswer, EndpointRef, EvalRequest, EvalResult, FlowProtocol, L7Request } from './api.ts'
import { normalizeDnsName } from './dns-pattern.ts'
import { REPLY, auditBits, evaluate, l4Entry, withL7 } from './evaluate.ts'
import { FqdnStore } from './fqdn-store.ts'
import { planAllows } from './l7.ts'
import { flowKey } from './verdict-cache.ts'
import type { Endpoint, L4Entry } from './internal-types.ts'
import type { CompiledPolicySet } from './policy-set.ts'
import { formatPrefix } from './cidr.ts'
import { labelsKey } from './resolved-identity.ts'

const clientKeys = new WeakMap<EndpointRef, string>()
/** The endpoint whose DNS cache an answer goes to (§5.6): by IP, else by name, else by labels. */
function clientKey(ref: EndpointRef): string {
  let k = clientKeys.get(ref)
  if (k === undefined) clientKeys.set(ref, (k = ref.ip ?? ref.name ?? labelsKey(ref.labels)))
  return k
}

/**
 * One EndpointRef resolved for a session's batch path (`evaluateL4`). Callers keep one handle per
 * interned endpoint, so resolving costs a lookup per distinct endpoint, not per flow. Fields are
 * the session's business: the endpoint is re-resolved whenever the FQDN cache changes, because
 * learned names can change a world identity (§5.6).
 */
export class EndpointHandle {
  /** @internal */ ep: Endpoint | null = null
  /** @internal `ep.id`, kept here so a cached flow reads one object per side. */ id = -1
  /** @internal FQDN-store version `ep` was resolved at; -1 before the first use. */ version = -1
  /** @internal 1 when this endpoint is in audit mode (per endpoint or daemon-wide, §3.7). */ audit = 0

  constructor(
    readonly ref: EndpointRef,
    /** @internal */ readonly session: EvaluationSession,
  ) {}
}

export type { L4Entry }

export class EvaluationSession {
  readonly fqdn: FqdnStore
  /** What every reply (`isReply`) gets: replies are never checked against policy (§3.6). */
  readonly reply: EvalResult = REPLY
  /** The session clock (ms): the latest flow time seen; -Infinity before any. */
  private now = -Infinity
  /** With an idle-connection grace period, connections to learned addresses keep them alive. */
  private readonly touching: boolean

  constructor(readonly set: CompiledPolicySet) {
    const s = set.settings
    this.fqdn = new FqdnStore({ minTtl: s.tofqdnsMinTtl, grace: s.tofqdnsIdleConnectionGracePeriod, maxIps: s.tofqdnsMaxIpsPerHostname })
    this.touching = s.tofqdnsIdleConnectionGracePeriod > 0
  }

  /**
   * Moves the clock to `time` (epoch ms, in time order): DNS answers whose TTL and grace period
   * ran out stop feeding toFQDNs (§5.6). NaN and earlier times leave the clock where it is.
   */
  at(time: number): void {
    if (time >= this.fqdn.deadline) this.fqdn.advance(time)
    if (time > this.now) this.now = time
  }

  /** A handle for the batch path; keep one per endpoint object and reuse it for every flow. */
  handle(ref: EndpointRef): EndpointHandle {
    return new EndpointHandle(ref, this)
  }

  /**
   * The batch path: the L3/L4 part of `evaluate` for a non-reply flow without a DNS answer (those
   * go through `evaluate`, which learns from them). `portOrType` is the ICMP type for ICMP flows,
   * else the destination port. When `entry.proxied` and the flow carries L7 data, finish with
   * `withL7`; otherwise `entry.result` is the verdict — the same object `evaluate` returns.
   */
  evaluateL4(src: EndpointHandle, dst: EndpointHandle, protocol: FlowProtocol, portOrType: number | undefined): L4Entry {
    return this.evaluateL4Key(src, dst, flowKey(protocol, portOrType, 0), protocol, portOrType)
  }

  /**
   * `evaluateL4` with the flow key already packed: `keyBase` must be `flowKey(protocol,
   * portOrType, 0)`. Columnar callers compute it from two table loads instead of a string switch
   * and a port check per flow.
   */
  evaluateL4Key(src: EndpointHandle, dst: EndpointHandle, keyBase: number, protocol: FlowProtocol, portOrType: number | undefined): L4Entry {
    const v = this.fqdn.version
    if (src.version !== v) this.resolve(src)
    if (dst.version !== v) this.resolve(dst)
    const audit = src.audit | (dst.audit << 1)
    const hit = this.set.verdicts.get(src.id, dst.id, keyBase + audit)
    const entry = hit ?? l4Entry(this.set, src.ep!, dst.ep!, protocol, portOrType, audit)
    if (this.touching) this.touchConnection(src.ref, dst.ep!, entry.result)
    return entry
  }

  /** A connection the policy lets through to a learned address is activity for the grace period (§5.6). */
  private touchConnection(client: EndpointRef, dst: Endpoint, result: EvalResult): void {
    const addr = dst.identity.addr
    if (dst.identity.fqdnPeers.size === 0 || addr === null || result.verdict === 'denied' || this.now === -Infinity) return
    this.fqdn.touch(clientKey(client), formatPrefix(addr), this.now)
  }

  /** Request-level L7 on top of an `evaluateL4` entry, exactly as `evaluate` applies it. */
  withL7(entry: L4Entry, l7: L7Request | undefined): EvalResult {
    return withL7(this.set, entry, l7)
  }

  private resolve(h: EndpointHandle): void {
    if (h.session !== this) throw new Error('EndpointHandle used with another session')
    h.ep = this.set.endpoint(h.ref, this.fqdn)
    h.id = h.ep.id
    // auditBits on the same ref for both sides: bit 0 is this ref's audit flag.
    h.audit = auditBits(this.set, h.ref, h.ref) & 1
    h.version = this.fqdn.version
  }

  /** Evaluates a flow, then learns from its DNS answer, if it carries one. */
  evaluate(req: EvalRequest): EvalResult {
    if (req.time !== undefined) this.at(req.time)
    const result = evaluate(this.set, req, this.fqdn)
    if (this.touching && !req.isReply) this.touchConnection(req.source, this.set.endpoint(req.destination, this.fqdn), result)
    const answer = req.dnsResponse
    if (answer) {
      // A response flows server → client; a query with its answer attached flows client → server.
      const client = req.isReply ? req.destination : req.source
      const server = req.isReply ? req.source : req.destination
      const port = req.isReply ? 53 : (req.port ?? 53)
      const protocol = req.protocol === 'TCP' ? 'TCP' : 'UDP'
      this.learnDns(client, answer.query, answer.ips, { server, port, protocol, ...(answer.ttl !== undefined && { ttl: answer.ttl }) })
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
    via: { server?: EndpointRef; port?: number; protocol?: FlowProtocol; ttl?: number } = {},
  ): boolean {
    const port = via.port ?? 53
    const protocols: FlowProtocol[] = via.protocol ? [via.protocol] : ['UDP', 'TCP']
    const answer: DnsAnswer = { query: normalizeDnsName(query), ips }
    const l7 = { dns: { query: answer.query } }
    // Into the client's own DNS cache, at the session clock, with the answer's TTL (§5.6).
    const opts = {
      client: clientKey(client),
      ...(this.now !== -Infinity && { time: this.now }),
      ...(via.ttl !== undefined && { ttl: via.ttl }),
    }
    for (const protocol of protocols) {
      if (via.server) {
        const r = evaluate(this.set, { source: client, destination: via.server, protocol, port, l7 }, this.fqdn)
        if (r.egress.verdict !== 'allowed' || r.verdict === 'denied' || r.l7?.protocol !== 'dns') continue
        this.fqdn.learn(answer.query, answer.ips, opts)
        return true
      }
      if (this.proxiedWithoutServer(client, protocol, port, answer.query)) {
        this.fqdn.learn(answer.query, ips, opts)
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
