/**
 * Deterministic generator for `public/samples/demo-flows.jsonl`: Hubble flows (the
 * `hubble observe -o json` line shape, hubble-flows.md §1a/§3) recorded on the demo cluster of
 * `public/samples/demo.yaml`. Pure: returns the file text. Build-time only: the app fetches the
 * committed file and never imports this; `npm run gen:demo-flows` (gen-demo-flows.ts) rewrites
 * the file, and a unit test checks the committed file is byte for byte what it writes.
 *
 * Recording story: "shop" is enforced, "payments" runs in policy-audit-mode (would-be denials are
 * AUDIT), monitoring and kube-system have no policies. Shapes follow Cilium ≈1.17: `uuid`,
 * `trace_reason`, `*_allowed_by` / `*_denied_by` with `kind`.
 */

interface Endpoint {
  readonly ID?: number
  readonly identity: number
  readonly cluster_name?: string
  readonly namespace?: string
  readonly labels: readonly string[]
  readonly pod_name?: string
  readonly workloads?: readonly { name: string; kind: string }[]
}

interface Pod {
  readonly ip: string
  readonly node: string
  readonly id: number
  readonly ep: Endpoint
}

interface PolicyRef {
  readonly name: string
  readonly namespace: string
  readonly kind: string
}

const CLUSTER = 'demo'
const BASE_MS = Date.UTC(2025, 5, 12, 9, 30, 0)

function pod(
  ns: string,
  labels: Readonly<Record<string, string>>,
  sa: string,
  podName: string,
  workload: { name: string; kind: string },
  identity: number,
  ip: string,
  node: string,
  id: number,
): Pod {
  const all = [
    ...Object.entries(labels).map(([k, v]) => `k8s:${k}=${v}`),
    `k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=${ns}`,
    `k8s:io.cilium.k8s.policy.cluster=${CLUSTER}`,
    `k8s:io.cilium.k8s.policy.serviceaccount=${sa}`,
    `k8s:io.kubernetes.pod.namespace=${ns}`,
  ].sort()
  return {
    ip,
    node: `${CLUSTER}/${node}`,
    id,
    ep: {
      identity,
      cluster_name: CLUSTER,
      namespace: ns,
      labels: all,
      pod_name: podName,
      workloads: [workload],
    },
  }
}

const frontend = pod(
  'shop',
  { app: 'frontend' },
  'frontend',
  'frontend-7c9d8f6b5d-x2kqp',
  { name: 'frontend', kind: 'Deployment' },
  48213,
  '10.244.1.17',
  'node-1',
  2210,
)
const backend = pod(
  'shop',
  { app: 'backend' },
  'backend',
  'backend-5f6b9c7d8-9hz4m',
  { name: 'backend', kind: 'Deployment' },
  30571,
  '10.244.2.44',
  'node-2',
  1187,
)
const db = pod(
  'shop',
  { app: 'db' },
  'db',
  'db-0',
  { name: 'db', kind: 'StatefulSet' },
  61877,
  '10.244.3.9',
  'node-3',
  342,
)
const pgGateway = pod(
  'payments',
  { app: 'pg-gateway' },
  'pg-gateway',
  'pg-gateway-6d8f9b7c4-r2lmq',
  { name: 'pg-gateway', kind: 'Deployment' },
  22804,
  '10.244.3.31',
  'node-3',
  905,
)
const prometheus = pod(
  'monitoring',
  { app: 'prometheus' },
  'prometheus',
  'prometheus-0',
  { name: 'prometheus', kind: 'StatefulSet' },
  40119,
  '10.244.1.52',
  'node-1',
  1630,
)
const coredns = pod(
  'kube-system',
  { 'k8s-app': 'kube-dns' },
  'coredns',
  'coredns-6f6b679f8f-7wq2l',
  { name: 'coredns', kind: 'Deployment' },
  102,
  '10.244.2.12',
  'node-2',
  77,
)

const world: Endpoint = { identity: 2, labels: ['reserved:world'] }
const host: Endpoint = { identity: 1, labels: ['reserved:host'] }
const stripe: Endpoint = { identity: 16777217, labels: ['fqdn:api.stripe.com', 'reserved:world'] }
const metadataEp: Endpoint = { identity: 16777218, labels: ['cidr:169.254.169.254/32', 'reserved:world'] }

/** One side of a connection: a pod (gets `ID` when observed on its own node) or an outside peer. */
type Side = { readonly pod: Pod } | { readonly ip: string; readonly ep: Endpoint }

function ipOf(s: Side): string {
  return 'pod' in s ? s.pod.ip : s.ip
}

function endpoint(s: Side, node: string): Endpoint {
  if ('pod' in s) return s.pod.node === node ? { ID: s.pod.id, ...s.pod.ep } : s.pod.ep
  return s.ep
}

/** A Policy reference as Hubble prints it; a clusterwide policy has no namespace (omitted). */
function policy(p: PolicyRef): Record<string, unknown> {
  const labels = [
    `k8s:io.cilium.k8s.policy.derived-from=${p.kind}`,
    `k8s:io.cilium.k8s.policy.name=${p.name}`,
  ]
  if (p.namespace) labels.push(`k8s:io.cilium.k8s.policy.namespace=${p.namespace}`)
  return {
    name: p.name,
    ...(p.namespace ? { namespace: p.namespace } : {}),
    labels,
    revision: '12',
    kind: p.kind,
  }
}

const POL = {
  frontendWorld: { name: 'frontend-from-world', namespace: 'shop', kind: 'CiliumNetworkPolicy' },
  backendIngress: { name: 'backend-ingress', namespace: 'shop', kind: 'CiliumNetworkPolicy' },
  dbKnp: { name: 'db-allow-backend', namespace: 'shop', kind: 'NetworkPolicy' },
  denyMetadata: { name: 'deny-metadata', namespace: 'shop', kind: 'CiliumNetworkPolicy' },
  pgGateway: { name: 'pg-gateway', namespace: 'payments', kind: 'CiliumNetworkPolicy' },
  dnsCcnp: { name: 'allow-kube-dns', namespace: '', kind: 'CiliumClusterwideNetworkPolicy' },
} satisfies Record<string, PolicyRef>

/** Builds the flow lines; time advances a few milliseconds per event. */
class Recorder {
  readonly lines: string[] = []
  private ms = 0
  private seq = 0

  tick(ms: number): void {
    this.ms += ms
  }

  private stamp(): { time: string; uuid: string } {
    this.seq += 1
    this.ms += 1
    const nanos = String((this.seq * 7919 * 104729) % 1_000_000).padStart(6, '0')
    const iso = new Date(BASE_MS + this.ms).toISOString().replace('Z', `${nanos}Z`)
    const uuid = fakeUuid(this.seq)
    return { time: iso, uuid }
  }

  emit(node: string, body: Record<string, unknown>): void {
    const { time, uuid } = this.stamp()
    const flow: Record<string, unknown> = { time, uuid }
    for (const [k, v] of Object.entries(body)) if (v !== undefined) flow[k] = v
    // protojson prints fields in .proto declaration order; mirror the usual layout.
    this.lines.push(JSON.stringify({ flow: order(flow), node_name: node, time }))
  }
}

/** A stable, UUID-shaped id (version 4 layout) derived from the event's sequence number. */
function fakeUuid(seq: number): string {
  let x = (seq * 2654435761) >>> 0
  let hex = ''
  while (hex.length < 32) {
    x = (Math.imul(x ^ (x >>> 15), 2246822519) + 0x9e3779b9) >>> 0
    hex += x.toString(16).padStart(8, '0')
  }
  const v = `4${hex.slice(13, 16)}`
  const r = `${'89ab'[x % 4]}${hex.slice(17, 20)}`
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${v}-${r}-${hex.slice(20, 32)}`
}

const FIELD_ORDER = [
  'time',
  'uuid',
  'verdict',
  'drop_reason',
  'IP',
  'l4',
  'source',
  'destination',
  'Type',
  'node_name',
  'source_names',
  'destination_names',
  'l7',
  'reply',
  'event_type',
  'source_service',
  'destination_service',
  'traffic_direction',
  'policy_match_type',
  'trace_observation_point',
  'trace_reason',
  'drop_reason_desc',
  'is_reply',
  'Summary',
  'egress_allowed_by',
  'ingress_allowed_by',
  'egress_denied_by',
  'ingress_denied_by',
]

function order(flow: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const k of FIELD_ORDER) if (k in flow) out[k] = flow[k]
  return out
}

function ip(src: string, dst: string): Record<string, string> {
  return { source: src, destination: dst, ipVersion: 'IPv4' }
}

function tcpSummary(flags: Record<string, boolean>): string {
  return `TCP Flags: ${Object.keys(flags).join(', ')}`
}

interface TcpConn {
  readonly from: Side
  readonly to: Side
  readonly sport: number
  readonly dport: number
  /** Which endpoint's policy decided: the destination's ingress or the source's egress. */
  readonly enforcedAt: 'ingress' | 'egress'
  readonly verdict: 'FORWARDED' | 'REDIRECTED' | 'AUDIT' | 'DROPPED'
  readonly matchType?: number
  readonly allowedBy?: PolicyRef
  readonly deniedBy?: PolicyRef
  readonly dropReason?: 133 | 181
  readonly service?: { name: string; namespace: string }
  readonly destinationNames?: string[]
  /** Emit the SYN-ACK reply trace (skipped for drops). */
  readonly reply?: boolean
}

function nodeOf(s: Side, fallback: string): string {
  return 'pod' in s ? s.pod.node : fallback
}

/** A new TCP connection: policy-verdict, (drop event | SYN trace), and the SYN-ACK reply. */
function tcp(r: Recorder, c: TcpConn): void {
  const decidingNode = c.enforcedAt === 'ingress' ? nodeOf(c.to, '') : nodeOf(c.from, '')
  const dir = c.enforcedAt === 'ingress' ? 'INGRESS' : 'EGRESS'
  const syn = { SYN: true }
  const l4 = { TCP: { source_port: c.sport, destination_port: c.dport, flags: syn } }
  const dropped = c.verdict === 'DROPPED'
  const base = {
    IP: ip(ipOf(c.from), ipOf(c.to)),
    l4,
    source: endpoint(c.from, decidingNode),
    destination: endpoint(c.to, decidingNode),
    Type: 'L3_L4',
    node_name: decidingNode,
    destination_names: c.destinationNames,
    destination_service: c.service,
  }
  const allowedKey = dir === 'INGRESS' ? 'ingress_allowed_by' : 'egress_allowed_by'
  const deniedKey = dir === 'INGRESS' ? 'ingress_denied_by' : 'egress_denied_by'
  r.emit(decidingNode, {
    verdict: c.verdict,
    drop_reason: dropped ? c.dropReason : undefined,
    ...base,
    event_type: { type: 5 },
    traffic_direction: dir,
    // protojson omits zero values: match type 0 (nothing matched, default deny) is absent.
    policy_match_type: c.matchType || undefined,
    drop_reason_desc: dropped ? (c.dropReason === 181 ? 'POLICY_DENY' : 'POLICY_DENIED') : undefined,
    Summary: tcpSummary(syn),
    [allowedKey]: c.allowedBy && !dropped && c.verdict !== 'AUDIT' ? [policy(c.allowedBy)] : undefined,
    [deniedKey]: c.deniedBy ? [policy(c.deniedBy)] : undefined,
  })
  if (dropped) {
    r.emit(decidingNode, {
      verdict: 'DROPPED',
      drop_reason: c.dropReason,
      ...base,
      event_type: { type: 1, sub_type: c.dropReason },
      traffic_direction: dir,
      drop_reason_desc: c.dropReason === 181 ? 'POLICY_DENY' : 'POLICY_DENIED',
      Summary: tcpSummary(syn),
    })
    return
  }
  // The SYN leaving the client (egress side) or reaching the server (ingress side).
  r.emit(decidingNode, {
    verdict: 'FORWARDED',
    ...base,
    event_type: dir === 'INGRESS' ? { type: 4 } : { type: 4, sub_type: 3 },
    traffic_direction: dir,
    trace_observation_point: dir === 'INGRESS' ? 'TO_ENDPOINT' : 'TO_STACK',
    trace_reason: 'NEW',
    is_reply: false,
    Summary: tcpSummary(syn),
  })
  if (c.reply === false) return
  r.tick(1)
  const synAck = { SYN: true, ACK: true }
  // Observed where the client lives: at its TO_ENDPOINT inside its egress connection
  // (pitfall 2). An outside client is seen leaving the server's node instead.
  const podClient = 'pod' in c.from
  const replyNode = podClient ? nodeOf(c.from, decidingNode) : decidingNode
  r.emit(replyNode, {
    verdict: 'FORWARDED',
    IP: ip(ipOf(c.to), ipOf(c.from)),
    l4: { TCP: { source_port: c.dport, destination_port: c.sport, flags: synAck } },
    source: endpoint(c.to, replyNode),
    destination: endpoint(c.from, replyNode),
    Type: 'L3_L4',
    node_name: replyNode,
    source_names: c.destinationNames,
    reply: true,
    event_type: podClient ? { type: 4 } : { type: 4, sub_type: 3 },
    source_service: c.service,
    traffic_direction: podClient ? 'EGRESS' : 'INGRESS',
    trace_observation_point: podClient ? 'TO_ENDPOINT' : 'TO_STACK',
    trace_reason: 'REPLY',
    is_reply: true,
    Summary: tcpSummary(synAck),
  })
}

/** A DNS lookup through the proxy: egress policy-verdict, L7 request, L7 response. */
function dns(r: Recorder, client: Pod, sport: number, query: string, ips: string[], ttl = 30): void {
  const node = client.node
  const from: Side = { pod: client }
  const to: Side = { pod: coredns }
  r.emit(node, {
    verdict: 'REDIRECTED',
    IP: ip(client.ip, coredns.ip),
    l4: { UDP: { source_port: sport, destination_port: 53 } },
    source: endpoint(from, node),
    destination: endpoint(to, node),
    Type: 'L3_L4',
    node_name: node,
    event_type: { type: 5 },
    traffic_direction: 'EGRESS',
    policy_match_type: 2,
    is_reply: false,
    Summary: 'UDP',
    egress_allowed_by: [policy(POL.dnsCcnp)],
  })
  const qtypes = ['A']
  r.emit(node, {
    verdict: 'FORWARDED',
    IP: ip(client.ip, coredns.ip),
    l4: { UDP: { source_port: sport, destination_port: 53 } },
    source: endpoint(from, node),
    destination: endpoint(to, node),
    Type: 'L7',
    node_name: node,
    l7: { type: 'REQUEST', dns: { query, observation_source: 'proxy', qtypes } },
    event_type: { type: 129 },
    traffic_direction: 'EGRESS',
    is_reply: false,
    Summary: `DNS Query ${query} A`,
  })
  r.tick(2)
  const answer = ips.length > 0
  r.emit(node, {
    verdict: 'FORWARDED',
    IP: ip(coredns.ip, client.ip),
    l4: { UDP: { source_port: 53, destination_port: sport } },
    source: endpoint(to, node),
    destination: endpoint(from, node),
    Type: 'L7',
    node_name: node,
    l7: {
      type: 'RESPONSE',
      latency_ns: String(1_200_000 + sport * 17),
      dns: answer
        ? { query, ips, ttl, observation_source: 'proxy', qtypes, rrtypes: ['A'] }
        : { query, ttl: 4294967295, rcode: 3, observation_source: 'proxy', qtypes },
    },
    reply: true,
    event_type: { type: 129 },
    traffic_direction: 'EGRESS',
    is_reply: true,
    Summary: answer
      ? `DNS Answer "${ips.join(',')}" TTL: ${ttl} (Proxy ${query} A)`
      : `DNS Answer RCode: Non-Existent Domain TTL: 4294967295 (Proxy ${query} A)`,
  })
}

/** An HTTP request/response pair seen by the ingress proxy of `server`. */
function http(
  r: Recorder,
  client: Pod,
  server: Pod,
  sport: number,
  port: number,
  method: string,
  path: string,
  code: number,
): void {
  const node = server.node
  const url = `http://${server.ep.workloads?.[0]?.name}.${server.ep.namespace}.svc.cluster.local:${port}${path}`
  const headers = [
    {
      key: ':authority',
      value: `${server.ep.workloads?.[0]?.name}.${server.ep.namespace}.svc.cluster.local:${port}`,
    },
    { key: 'User-Agent', value: 'shop-backend/1.8.2' },
    { key: 'X-Request-Id', value: `7f3c${sport.toString(16)}-${code}` },
  ]
  const denied = code === 403
  const common = { Type: 'L7', node_name: node, event_type: { type: 129 }, traffic_direction: 'INGRESS' }
  r.emit(node, {
    verdict: denied ? 'DROPPED' : 'FORWARDED',
    IP: ip(client.ip, server.ip),
    l4: { TCP: { source_port: sport, destination_port: port } },
    source: endpoint({ pod: client }, node),
    destination: endpoint({ pod: server }, node),
    ...common,
    l7: { type: 'REQUEST', http: { method, url, protocol: 'HTTP/1.1', headers } },
    is_reply: false,
    Summary: `HTTP/1.1 ${method} ${url}`,
  })
  r.tick(3)
  const latency = denied ? 310_442 : 8_000_000 + sport * 113
  r.emit(node, {
    verdict: 'FORWARDED',
    IP: ip(server.ip, client.ip),
    l4: { TCP: { source_port: port, destination_port: sport } },
    source: endpoint({ pod: server }, node),
    destination: endpoint({ pod: client }, node),
    ...common,
    l7: {
      type: 'RESPONSE',
      latency_ns: String(latency),
      http: { code, method, url, protocol: 'HTTP/1.1', headers },
    },
    reply: true,
    is_reply: true,
    Summary: `HTTP/1.1 ${code} ${Math.round(latency / 1e6)}ms (${method} ${url})`,
  })
}

/** A kubelet probe: the host reaching a pod, allowed by Cilium's localhost rule. */
function probe(r: Recorder, target: Pod, sport: number, port: number): void {
  const node = target.node
  const router = target.ip.replace(/\.\d+$/, '.1')
  const syn = { SYN: true }
  r.emit(node, {
    verdict: 'FORWARDED',
    IP: ip(router, target.ip),
    l4: { TCP: { source_port: sport, destination_port: port, flags: syn } },
    source: host,
    destination: endpoint({ pod: target }, node),
    Type: 'L3_L4',
    node_name: node,
    event_type: { type: 4 },
    traffic_direction: 'INGRESS',
    trace_observation_point: 'TO_ENDPOINT',
    trace_reason: 'NEW',
    is_reply: false,
    Summary: tcpSummary(syn),
  })
  const synAck = { SYN: true, ACK: true }
  r.emit(node, {
    verdict: 'FORWARDED',
    IP: ip(target.ip, router),
    l4: { TCP: { source_port: port, destination_port: sport, flags: synAck } },
    source: endpoint({ pod: target }, node),
    destination: host,
    Type: 'L3_L4',
    node_name: node,
    reply: true,
    event_type: { type: 4, sub_type: 3 },
    traffic_direction: 'INGRESS',
    trace_observation_point: 'TO_STACK',
    trace_reason: 'REPLY',
    is_reply: true,
    Summary: tcpSummary(synAck),
  })
}

/** The demo recording, one JSON object per line, newline-terminated. */
export function generateDemoFlows(): string {
  const r = new Recorder()
  const svc = (name: string, namespace: string) => ({ name, namespace })

  // Kubelet readiness probes (host identity), always allowed.
  probe(r, backend, 41822, 8080)
  probe(r, frontend, 52210, 3000)

  // Internet clients reach the storefront.
  tcp(r, {
    from: { ip: '198.51.100.23', ep: world },
    to: { pod: frontend },
    sport: 50412,
    dport: 3000,
    enforcedAt: 'ingress',
    verdict: 'FORWARDED',
    matchType: 2,
    allowedBy: POL.frontendWorld,
  })
  r.tick(40)
  tcp(r, {
    from: { ip: '203.0.113.90', ep: world },
    to: { pod: frontend },
    sport: 61877,
    dport: 3000,
    enforcedAt: 'ingress',
    verdict: 'FORWARDED',
    matchType: 2,
    allowedBy: POL.frontendWorld,
  })

  // frontend -> backend: resolve the Service, then connect to the backend pod on 8080.
  dns(r, frontend, 38211, 'backend.shop.svc.cluster.local.', ['10.96.14.20'])
  for (const sport of [43120, 43122, 43126]) {
    tcp(r, {
      from: { pod: frontend },
      to: { pod: backend },
      sport,
      dport: 8080,
      enforcedAt: 'ingress',
      verdict: 'FORWARDED',
      matchType: 2,
      allowedBy: POL.backendIngress,
      service: svc('backend', 'shop'),
    })
    r.tick(25)
  }

  // backend -> db on 5432 (allowed by the Kubernetes NetworkPolicy).
  dns(r, backend, 39001, 'db.shop.svc.cluster.local.', ['10.96.88.5'])
  for (const sport of [47700, 47702]) {
    tcp(r, {
      from: { pod: backend },
      to: { pod: db },
      sport,
      dport: 5432,
      enforcedAt: 'ingress',
      verdict: 'FORWARDED',
      matchType: 2,
      allowedBy: POL.dbKnp,
      service: svc('db', 'shop'),
    })
    r.tick(30)
  }

  // backend -> pg-gateway HTTP API, inspected by the L7 proxy on the gateway's ingress.
  dns(r, backend, 39017, 'pg-gateway.payments.svc.cluster.local.', ['10.96.120.7'])
  tcp(r, {
    from: { pod: backend },
    to: { pod: pgGateway },
    sport: 55310,
    dport: 8080,
    enforcedAt: 'ingress',
    verdict: 'REDIRECTED',
    matchType: 2,
    allowedBy: POL.pgGateway,
    service: svc('pg-gateway', 'payments'),
  })
  http(r, backend, pgGateway, 55310, 8080, 'POST', '/v1/charges', 201)
  r.tick(15)
  http(r, backend, pgGateway, 55310, 8080, 'GET', '/v1/charges/ch_3PqR8sT2', 200)
  r.tick(15)
  // Not in the L7 allow list: the proxy answers 403 (even in audit mode).
  http(r, backend, pgGateway, 55310, 8080, 'DELETE', '/v1/charges/ch_3PqR8sT2', 403)

  // pg-gateway -> card processor by DNS name (toFQDNs), IPs learned from the proxied answer.
  dns(r, pgGateway, 40533, 'api.stripe.com.', ['203.0.113.25', '203.0.113.26'], 60)
  tcp(r, {
    from: { pod: pgGateway },
    to: { ip: '203.0.113.25', ep: stripe },
    sport: 58820,
    dport: 443,
    enforcedAt: 'egress',
    verdict: 'FORWARDED',
    matchType: 2,
    allowedBy: POL.pgGateway,
    destinationNames: ['api.stripe.com'],
  })
  r.tick(20)
  tcp(r, {
    from: { pod: pgGateway },
    to: { ip: '203.0.113.26', ep: stripe },
    sport: 58826,
    dport: 443,
    enforcedAt: 'egress',
    verdict: 'FORWARDED',
    matchType: 2,
    allowedBy: POL.pgGateway,
    destinationNames: ['api.stripe.com'],
  })

  // pg-gateway -> an analytics vendor nobody allowed: would be denied (payments is in audit mode).
  dns(r, pgGateway, 40561, 'events.analytics-vendor.example.', ['198.51.100.77'], 120)
  tcp(r, {
    from: { pod: pgGateway },
    to: { ip: '198.51.100.77', ep: world },
    sport: 58901,
    dport: 443,
    enforcedAt: 'egress',
    verdict: 'AUDIT',
    destinationNames: ['events.analytics-vendor.example'],
  })

  // A lookup that fails: NXDOMAIN.
  dns(r, backend, 39044, 'pg-gateway.shop.svc.cluster.local.', [])

  // Prometheus scrapes: shop backend is allowed; pg-gateway and db were forgotten.
  for (const sport of [36010, 36014]) {
    tcp(r, {
      from: { pod: prometheus },
      to: { pod: backend },
      sport,
      dport: 9090,
      enforcedAt: 'ingress',
      verdict: 'FORWARDED',
      matchType: 2,
      allowedBy: POL.backendIngress,
    })
    r.tick(500)
  }
  tcp(r, {
    from: { pod: prometheus },
    to: { pod: pgGateway },
    sport: 36022,
    dport: 9090,
    enforcedAt: 'ingress',
    verdict: 'AUDIT',
  })
  r.tick(10)
  tcp(r, {
    from: { pod: prometheus },
    to: { pod: db },
    sport: 36030,
    dport: 9187,
    enforcedAt: 'ingress',
    verdict: 'DROPPED',
    matchType: 0,
    dropReason: 133,
  })

  // A compromised-looking backend probes the cloud metadata endpoint: explicit deny.
  tcp(r, {
    from: { pod: backend },
    to: { ip: '169.254.169.254', ep: metadataEp },
    sport: 49152,
    dport: 80,
    enforcedAt: 'egress',
    verdict: 'DROPPED',
    matchType: 2,
    dropReason: 181,
    deniedBy: POL.denyMetadata,
  })

  // frontend tries the database directly: default deny on db's ingress.
  tcp(r, {
    from: { pod: frontend },
    to: { pod: db },
    sport: 44001,
    dport: 5432,
    enforcedAt: 'ingress',
    verdict: 'DROPPED',
    matchType: 0,
    dropReason: 133,
    service: svc('db', 'shop'),
  })

  // An internet scanner hits the backend directly: default deny on shop ingress.
  tcp(r, {
    from: { ip: '192.0.2.200', ep: world },
    to: { pod: backend },
    sport: 33333,
    dport: 8080,
    enforcedAt: 'ingress',
    verdict: 'DROPPED',
    matchType: 0,
    dropReason: 133,
  })

  // Later: the frontend resolves the backend again and keeps calling it.
  r.tick(2000)
  dns(r, frontend, 38299, 'backend.shop.svc.cluster.local.', ['10.96.14.20'])
  for (const sport of [43190, 43194]) {
    tcp(r, {
      from: { pod: frontend },
      to: { pod: backend },
      sport,
      dport: 8080,
      enforcedAt: 'ingress',
      verdict: 'FORWARDED',
      matchType: 2,
      allowedBy: POL.backendIngress,
      service: svc('backend', 'shop'),
    })
    r.tick(25)
  }
  probe(r, backend, 41870, 8080)

  return r.lines.map((l) => `${l}\n`).join('')
}
