/**
 * Normalized Hubble flows → the engine's `EvalRequest`: the per-request path of the replay, the
 * reference the columnar path (flow-evaluator.ts) must match. Endpoint refs are cached per
 * interned `FlowEndpoint`, so the engine's per-ref memo turns a million flows into a million lookups.
 */
import type { Flow, FlowEndpoint } from '../flows/index.ts'
import { dnsAnswer, isReply } from '../flows/index.ts'
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

export function protocolOf(flow: Flow): FlowProtocol {
  const p = flow.l4?.protocol
  if (p === 'TCP' || p === 'UDP' || p === 'SCTP' || p === 'ICMPv4' || p === 'ICMPv6') return p
  // No L4 (masked) or VRRP/IGMP: judged like an unknown-port TCP packet, which only L3 rules allow.
  return 'TCP'
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
