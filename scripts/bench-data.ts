/**
 * Deterministic synthetic cluster for `npm run bench`: namespaces of versioned apps, ~250
 * policies (CNP, CCNP, KNP; L3/L4, HTTP, DNS, deny, CIDR) and Hubble flows with a skewed
 * (Zipf-like) identity distribution, replies, DNS and HTTP records — shaped like real captures.
 */
export const NAMESPACES = 40
export const APPS = 8

/** Small seeded PRNG (mulberry32) so every run measures the same data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface SynthPod {
  readonly ns: string
  readonly app: number
  readonly identity: number
  readonly labels: string[]
  readonly ip: string
  readonly name: string
}

export function pods(): SynthPod[] {
  const out: SynthPod[] = []
  for (let n = 0; n < NAMESPACES; n++) {
    const ns = `ns${n}`
    for (let a = 0; a < APPS; a++) {
      for (let v = 0; v <= a % 3; v++) {
        const identity = 10000 + out.length
        const labels = [`k8s:app=app${a}`, `k8s:version=v${v}`, `k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=${ns}`,
          `k8s:io.cilium.k8s.namespace.labels.team=t${n % 5}`, 'k8s:io.cilium.k8s.policy.cluster=default',
          `k8s:io.cilium.k8s.policy.serviceaccount=app${a}`, `k8s:io.kubernetes.pod.namespace=${ns}`]
        for (let r = 0; r < 2; r++) {
          const i = out.length
          out.push({ ns, app: a, identity, labels, ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, name: `app${a}-v${v}-${r}` })
        }
      }
    }
  }
  const dnsLabels = ['k8s:k8s-app=kube-dns', 'k8s:io.kubernetes.pod.namespace=kube-system',
    'k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=kube-system']
  out.push({ ns: 'kube-system', app: -1, identity: 102, labels: dnsLabels, ip: '10.96.0.10', name: 'coredns-0' })
  return out
}

const port = (app: number): number => 8080 + (app % 4)

/** ~250 policies as one multi-document YAML text. */
export function policiesYaml(namespaces = NAMESPACES): string {
  const docs: string[] = []
  for (let n = 0; n < namespaces; n++) {
    const ns = `ns${n}`
    for (let a = 0; a < 4; a++) {
      const http = a === 0
        ? `\n          rules:\n            http:\n              - method: GET\n                path: "/api/v1/.*"\n              - method: POST\n                path: /api/v1/orders`
        : ''
      docs.push(`apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: app${a}-ingress
  namespace: ${ns}
spec:
  endpointSelector:
    matchLabels:
      app: app${a}
  ingress:
    - fromEndpoints:
        - matchLabels:
            app: app${(a + 1) % APPS}
        - matchLabels:
            app: app${(a + 2) % APPS}
      toPorts:
        - ports:
            - port: "${port(a)}"
              protocol: TCP${http}`)
    }
    docs.push(`apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: app4-egress
  namespace: ${ns}
spec:
  endpointSelector:
    matchLabels:
      app: app4
  egress:
    - toEndpoints:
        - {}
    - toCIDRSet:
        - cidr: 203.0.113.0/24
      toPorts:
        - ports:
            - port: "443"
              protocol: TCP`)
    docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: app5
  namespace: ${ns}
spec:
  podSelector:
    matchLabels:
      app: app5
  policyTypes: [Ingress]
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: app6
        - namespaceSelector:
            matchLabels:
              team: t${n % 5}
      ports:
        - port: ${port(5)}
          protocol: TCP`)
    if (n % 4 === 0) {
      docs.push(`apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: app7-deny
  namespace: ${ns}
spec:
  endpointSelector:
    matchLabels:
      app: app7
  ingressDeny:
    - fromEndpoints:
        - matchLabels:
            app: app0
      toPorts:
        - ports:
            - port: "${port(7)}"
              protocol: TCP`)
    }
  }
  for (let n = 0; n < Math.min(10, namespaces); n++) {
    docs.push(`apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata:
  name: dns-ns${n}
spec:
  endpointSelector:
    matchLabels:
      k8s:io.kubernetes.pod.namespace: ns${n}
  egress:
    - toEndpoints:
        - matchLabels:
            k8s:io.kubernetes.pod.namespace: kube-system
            k8s-app: kube-dns
      toPorts:
        - ports:
            - port: "53"
              protocol: ANY
          rules:
            dns:
              - matchPattern: "*"
    - toEndpoints:
        - matchLabels:
            k8s:io.kubernetes.pod.namespace: ns${n}
    - toFQDNs:
        - matchPattern: "*.example.com"`)
  }
  return docs.join('\n---\n') + '\n'
}

/** Hubble JSONL lines (the `hubble observe -o json` wrapper). */
export function flowLines(count: number, seed = 7): string[] {
  const all = pods()
  const byNs = new Map<string, SynthPod[]>()
  for (const p of all) byNs.set(p.ns, [...(byNs.get(p.ns) ?? []), p])
  const dns = all[all.length - 1]
  const random = rng(seed)
  // Zipf-like: a few busy workloads send most of the traffic.
  const zipf = (n: number): number => Math.min(n - 1, Math.floor(n * Math.pow(random(), 2.5)))
  const ep = (p: SynthPod): object => ({ ID: 100 + (p.identity % 3000), identity: p.identity, namespace: p.ns, labels: p.labels, pod_name: p.name })
  const world = (): object => ({ identity: 2, labels: ['reserved:world'] })
  const lines: string[] = []
  const base = Date.UTC(2025, 2, 4, 9, 0, 0)
  for (let i = 0; i < count; i++) {
    const src = all[zipf(all.length - 1)]
    const r = random()
    let dst: SynthPod | { ip: string; world: true }
    let proto = 'TCP'
    let dport: number
    if (r < 0.7) {
      const peers = byNs.get(src.ns) ?? [src]
      dst = peers[zipf(peers.length)]
      dport = port(dst.app)
    } else if (r < 0.8) {
      dst = dns
      proto = 'UDP'
      dport = 53
    } else if (r < 0.9) {
      dst = { ip: `203.0.113.${Math.floor(random() * 250)}`, world: true }
      dport = 443
    } else {
      dst = all[zipf(all.length - 1)]
      dport = port(dst.app)
    }
    const reply = random() < 0.35
    const sport = 32768 + Math.floor(random() * 28000)
    const dstIp = 'world' in dst ? dst.ip : dst.ip
    const dstEp = 'world' in dst ? world() : ep(dst)
    const t = new Date(base + i * 3).toISOString().replace('Z', `${String(i % 1000).padStart(3, '0')}123Z`)
    const flow: Record<string, unknown> = {
      time: t, verdict: 'FORWARDED',
      IP: { source: reply ? dstIp : src.ip, destination: reply ? src.ip : dstIp, ipVersion: 'IPv4' },
      l4: { [proto]: { source_port: reply ? dport : sport, destination_port: reply ? sport : dport, ...(proto === 'TCP' && { flags: { ACK: true } }) } },
      source: reply ? dstEp : ep(src), destination: reply ? ep(src) : dstEp,
      Type: 'L3_L4', node_name: `node-${i % 5}`, event_type: { type: 4 }, traffic_direction: reply ? 'EGRESS' : 'INGRESS',
      trace_observation_point: 'TO_ENDPOINT', is_reply: reply, Summary: 'TCP Flags: ACK',
    }
    if (!reply && dport === 8080 && random() < 0.3) {
      flow.Type = 'L7'
      flow.event_type = { type: 129 }
      flow.l7 = { type: 'REQUEST', http: { method: random() < 0.8 ? 'GET' : 'DELETE', url: `http://app0.${src.ns}:8080/api/v1/items/${i % 50}`, protocol: 'HTTP/1.1' } }
    }
    lines.push(JSON.stringify({ flow, node_name: flow.node_name, time: t }))
  }
  return lines
}
