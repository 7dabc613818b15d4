/**
 * Normalized Hubble flows → the engine's `EvalRequest`. Endpoint refs are cached per interned
 * `FlowEndpoint`, so the engine's per-ref memo turns a million flows into a million lookups.
 */
import type { Flow, FlowEndpoint } from '../flows/index.ts'
import type { InventoryIndex } from '../inventory/index.ts'
import type { Label } from '../labels/label.ts'
import { NAMESPACE_KEY } from '../labels/label.ts'
import type { EndpointRef, EvalRequest, FlowProtocol, HttpRequest, L7Request } from '../engine/index.ts'
import { refFromIp } from '../engine/index.ts'

export interface AdapterOptions {
  readonly inventory?: InventoryIndex
  /** With the host firewall on, the host is an enforcing endpoint (§2.1). */
  readonly hostFirewall?: boolean
}

/** Ephemeral ports start here on Linux (ip_local_port_range 32768–60999). */
const EPHEMERAL_MIN = 32768

export class FlowAdapter {
  private readonly refs = new WeakMap<FlowEndpoint, EndpointRef>()

  constructor(private readonly options: AdapterOptions = {}) {}

  request(flow: Flow): EvalRequest {
    const l4 = flow.l4
    const protocol = protocolOf(flow)
    const isIcmp = protocol === 'ICMPv4' || protocol === 'ICMPv6'
    const l7 = l7Request(flow)
    const req: {
      -readonly [K in keyof EvalRequest]: EvalRequest[K]
    } = { source: this.ref(flow.source), destination: this.ref(flow.destination), protocol, isReply: isReply(flow) }
    if (isIcmp) req.icmpType = l4?.icmpType ?? 0
    else if (l4?.destinationPort !== undefined) req.port = l4.destinationPort
    if (l7) req.l7 = l7
    const dns = dnsAnswer(flow)
    if (dns) req.dnsResponse = dns
    // The session clock: DNS answers expire by it (§5.6).
    if (Number.isFinite(flow.time)) req.time = flow.time
    return req
  }

  /** The engine ref for one side of a flow (cached). */
  ref(e: FlowEndpoint): EndpointRef {
    let r = this.refs.get(e)
    if (!r) {
      r = this.build(e)
      this.refs.set(e, r)
    }
    return r
  }

  private build(e: FlowEndpoint): EndpointRef {
    const inv = this.options.inventory
    const pod = inv && ((e.ip !== undefined ? inv.podByIp.get(e.ip) : undefined)
      ?? (e.namespace && e.podName ? inv.podByName.get(`${e.namespace}/${e.podName}`) : undefined))
    const name = e.podName ? (e.namespace ? `${e.namespace}/${e.podName}` : e.podName) : (e.reserved ?? e.ip)
    let labels: readonly Label[] = e.labels
    // Field masks can strip labels (§1c): fall back to the inventory, then to the namespace.
    if (labels.length === 0 && pod) labels = pod.identityLabels
    else if (labels.length === 0 && e.namespace) labels = [{ source: 'k8s', key: NAMESPACE_KEY, value: e.namespace }]
    else if (labels.length === 0 && e.ip) return refFromIp(e.ip, { name: e.ip })
    const isHost = e.reserved === 'host'
    const ref: { -readonly [K in keyof EndpointRef]: EndpointRef[K] } = {
      labels,
      isEndpoint: e.isEndpoint || (isHost && this.options.hostFirewall === true) || (labels !== e.labels && pod !== undefined),
    }
    if (e.ip !== undefined) ref.ip = e.ip
    if (name !== undefined) ref.name = name
    if (pod && Object.keys(pod.namedPorts).length > 0) ref.namedPorts = pod.namedPorts
    return ref
  }
}

/** The DNS answer a flow carries, for toFQDNs learning (§5.6). */
export function dnsAnswer(flow: Flow): { query: string; ips: readonly string[]; ttl?: number } | undefined {
  const dns = flow.l7?.dns
  if (!dns?.ips || !dns.query) return undefined
  return dns.ttl !== undefined ? { query: dns.query, ips: dns.ips, ttl: dns.ttl } : { query: dns.query, ips: dns.ips }
}

export function protocolOf(flow: Flow): FlowProtocol {
  const p = flow.l4?.protocol
  if (p === 'TCP' || p === 'UDP' || p === 'SCTP' || p === 'ICMPv4' || p === 'ICMPv6') return p
  // No L4 (masked) or VRRP/IGMP: judged like an unknown-port TCP packet, which only L3 rules allow.
  return 'TCP'
}

/**
 * `is_reply` when Hubble knows it. When it does not (TO_OVERLAY traces, drops, old agents),
 * a well-known source port talking to an ephemeral destination port is a reply (pitfall 1).
 */
export function isReply(flow: Flow): boolean {
  if (flow.isReply !== undefined) return flow.isReply
  const l4 = flow.l4
  if (!l4 || l4.sourcePort === undefined || l4.destinationPort === undefined) return false
  return l4.sourcePort < EPHEMERAL_MIN && l4.destinationPort >= EPHEMERAL_MIN
}

export function l7Request(flow: Flow): L7Request | undefined {
  const l7 = flow.l7
  if (!l7 || l7.type === 'RESPONSE') return undefined
  if (l7.http?.method !== undefined) {
    const h = l7.http
    const http: { -readonly [K in keyof HttpRequest]: HttpRequest[K] } = { method: h.method ?? '', path: requestPath(h.url) ?? h.path ?? '/' }
    if (h.host) http.host = h.host
    if (h.headers) http.headers = Object.fromEntries(h.headers.map((x) => [x.key, x.value]))
    return { http }
  }
  if (l7.dns?.query) return { dns: { query: l7.dns.query } }
  if (l7.kafka?.apiKey !== undefined) {
    const k = l7.kafka
    return { kafka: { apiKey: k.apiKey ?? '', ...(k.apiVersion !== undefined && { apiVersion: k.apiVersion }),
      ...(k.clientID !== undefined && { clientID: k.clientID }), ...(k.topic !== undefined && { topics: [k.topic] }) } }
  }
  return undefined
}

/** `:path` as Envoy sees it: the URL's path plus query string (§7.2). */
function requestPath(url: string | undefined): string | undefined {
  if (url === undefined) return undefined
  const scheme = url.indexOf('://')
  if (scheme < 0) return url.startsWith('/') ? url : undefined
  const slash = url.indexOf('/', scheme + 3)
  if (slash < 0) return '/'
  const hash = url.indexOf('#', slash)
  return hash < 0 ? url.slice(slash) : url.slice(slash, hash)
}

/** Indices of flows in time order (nanosecond precision, then file order): DNS learning needs it. */
export function timeOrder(flows: readonly Flow[]): number[] {
  const n = flows.length
  // Times are read once into typed arrays: the comparator then touches no flow objects, which
  // are scattered in memory (a million flows sort several times faster this way).
  const ms = new Float64Array(n)
  const ns = new Float64Array(n)
  let sorted = true
  for (let i = 0; i < n; i++) {
    const f = flows[i]
    ms[i] = Number.isNaN(f.time) ? -Infinity : f.time
    ns[i] = f.timeNanos
    if (sorted && i > 0 && (ms[i - 1] - ms[i] || ns[i - 1] - ns[i]) > 0) sorted = false
  }
  // A plain push loop: Array.from with a callback is several times slower for a million items.
  const order: number[] = []
  for (let i = 0; i < n; i++) order.push(i)
  // Captures are usually already in time order: then file order is the answer.
  if (!sorted) order.sort((a, b) => ms[a] - ms[b] || ns[a] - ns[b] || a - b)
  return order
}
