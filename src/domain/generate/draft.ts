/**
 * Observed flows → a draft of allow policies (the "observe → allow" step of the rollout loop):
 * one CiliumNetworkPolicy per workload, with ingress and/or egress rules that cover every
 * observed non-reply flow of that workload. Peers become selectors on stable labels
 * (labels.ts), reserved identities become entities, world traffic becomes toFQDNs when the
 * capture names it (DNS answers or `destination_names`, hubble-flows.md pitfall 5) and toCIDR
 * otherwise; FQDN egress brings the kube-dns egress with a DNS rule it needs (cilium-semantics
 * §5.6: names are only learned through the DNS proxy). Ports to one peer are merged into one
 * rule, and peers with the same ports share one rule.
 *
 * This module plans; yaml.ts writes the manifests; verify.ts evaluates the draft against the same
 * flows and falls back from FQDN to CIDR where the capture cannot teach the name in time.
 */
import type { Flow, FlowEndpoint } from '../flows/index.ts'
import { dnsAnswer, isReply } from '../flows/index.ts'
import { NAMESPACE_KEY } from '../labels/label.ts'
import { k8sName, stableLabels, workloadName } from './labels.ts'

export type DraftDirection = 'ingress' | 'egress'

/** Who a rule allows. */
export type DraftPeer =
  | { readonly kind: 'endpoints'; readonly namespace: string; readonly labels: Readonly<Record<string, string>> }
  | { readonly kind: 'entity'; readonly entity: string }
  | { readonly kind: 'cidr'; readonly cidr: string }
  | { readonly kind: 'fqdn'; readonly name: string }

/** One allowed port (or ICMP type); `protocol` as a CNP writes it. */
export type DraftPort =
  | { readonly kind: 'port'; readonly port: number; readonly protocol: 'TCP' | 'UDP' | 'SCTP' | 'ANY' }
  | { readonly kind: 'icmp'; readonly type: number; readonly family: 'IPv4' | 'IPv6' }

export interface DraftRule {
  readonly direction: DraftDirection
  readonly peers: readonly DraftPeer[]
  /** Empty: all ports (the flows had no L4 section). */
  readonly ports: readonly DraftPort[]
  /** The kube-dns egress that FQDN rules need: `rules.dns: [{matchPattern: "*"}]` on its ports. */
  readonly dnsProxy?: boolean
  /** `Flow.index` of every flow this rule was drafted for, ascending. */
  readonly flows: readonly number[]
}

export interface DraftPolicy {
  readonly namespace: string
  /** metadata.name (DNS-1123). */
  readonly name: string
  readonly workload: string
  /** endpointSelector.matchLabels. */
  readonly selector: Readonly<Record<string, string>>
  readonly ingress: readonly DraftRule[]
  readonly egress: readonly DraftRule[]
}

export interface DraftScope {
  /** Only workloads of this namespace get policies (their peers may be anywhere). */
  readonly namespace?: string
  /** Only this workload (by name as `DraftPolicy.workload`, or `key=value` of its selector). */
  readonly workload?: string
  /** Which sides to draft; default both. */
  readonly directions?: readonly DraftDirection[]
}

export interface DraftOptions extends DraftScope {
  /** Destination IPs that must be drafted as toCIDR even if named (verify.ts's fallback). */
  readonly cidrOnly?: ReadonlySet<string>
}

export interface UncoveredFlow {
  readonly index: number
  readonly reason: string
}

export interface DraftPlan {
  readonly policies: readonly DraftPolicy[]
  /** Observed non-reply flows the draft is for (forwarded, redirected or audited). */
  readonly considered: number
  /** Flows the draft cannot express (masked peers without labels…), with why. */
  readonly uncovered: readonly UncoveredFlow[]
  /** For each flow index drafted as an FQDN peer: the destination IP (for verify.ts). */
  readonly fqdnFlows: ReadonlyMap<number, string>
}

/** Verdicts that are observed traffic to keep (pitfall 9: AUDIT would be denied but is traffic). */
const OBSERVED = new Set(['FORWARDED', 'REDIRECTED', 'AUDIT'])

/** Reserved identities drafted as entities (entity names as CNPs spell them). */
const ENTITY_OF: Readonly<Record<string, string>> = {
  host: 'host', 'remote-node': 'remote-node', 'kube-apiserver': 'kube-apiserver', health: 'health', init: 'init',
  ingress: 'ingress', unmanaged: 'unmanaged', world: 'world', 'world-ipv4': 'world', 'world-ipv6': 'world',
}

const KUBE_DNS: DraftPeer = { kind: 'endpoints', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } }

interface Workload {
  namespace: string
  selector: Record<string, string>
  name: string
  key: string
  rules: Record<DraftDirection, Map<string, { peer: DraftPeer; ports: Map<string, DraftPort>; any: boolean; flows: number[] }>>
  fqdn: boolean
}

const selectorKey = (ns: string, sel: Readonly<Record<string, string>>): string =>
  `${ns}|${Object.entries(sel).map(([k, v]) => `${k}=${v}`).sort().join(',')}`

/** The namespace/selector of a policy that can select this endpoint, or why there is none. */
function workloadOf(e: FlowEndpoint): { namespace: string; selector: Record<string, string> } | string {
  if (!e.isEndpoint || e.reserved !== undefined) return 'not a pod'
  if (e.namespace === undefined) return 'pod without a namespace (field mask?)'
  const selector = stableLabels(e)
  if (Object.keys(selector).length === 0) return `pod ${e.namespace}/${e.podName ?? '?'} has no stable labels to select it by`
  return { namespace: e.namespace, selector }
}

function peerOf(e: FlowEndpoint, names: readonly string[] | undefined, cidrOnly: boolean): DraftPeer | string {
  if (e.reserved !== undefined && e.reserved !== 'world' && e.reserved !== 'world-ipv4' && e.reserved !== 'world-ipv6') {
    const entity = ENTITY_OF[e.reserved]
    return entity !== undefined ? { kind: 'entity', entity } : `reserved:${e.reserved} cannot be allowed by a rule`
  }
  const w = workloadOf(e)
  if (typeof w !== 'string') return { kind: 'endpoints', namespace: w.namespace, labels: w.selector }
  const external = e.reserved !== undefined || e.labels.some((l) => l.source === 'cidr' || l.source === 'fqdn' || l.source === 'reserved')
    || (!e.isEndpoint && e.ip !== undefined)
  if (external) {
    if (!cidrOnly && names && names.length > 0) return { kind: 'fqdn', name: names[0] }
    if (e.ip !== undefined) return { kind: 'cidr', cidr: e.ip.includes(':') ? `${e.ip}/128` : `${e.ip}/32` }
    return { kind: 'entity', entity: 'world' }
  }
  return w
}

const peerKey = (p: DraftPeer): string => {
  switch (p.kind) {
    case 'endpoints': return `e:${selectorKey(p.namespace, p.labels)}`
    case 'entity': return `n:${p.entity}`
    case 'cidr': return `c:${p.cidr}`
    case 'fqdn': return `f:${p.name}`
  }
}

function portOf(f: Flow): DraftPort | undefined {
  const l4 = f.l4
  if (!l4) return undefined
  if (l4.protocol === 'ICMPv4' || l4.protocol === 'ICMPv6') {
    return { kind: 'icmp', type: l4.icmpType ?? 0, family: l4.protocol === 'ICMPv4' ? 'IPv4' : 'IPv6' }
  }
  if (l4.protocol === 'TCP' || l4.protocol === 'UDP' || l4.protocol === 'SCTP') {
    return l4.destinationPort !== undefined ? { kind: 'port', port: l4.destinationPort, protocol: l4.protocol } : undefined
  }
  return undefined
}

const portKey = (p: DraftPort): string => (p.kind === 'port' ? `${p.protocol}/${String(p.port).padStart(5, '0')}` : `icmp/${p.family}/${p.type}`)

function trimDot(name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name
}

/** Whether a flow is one the draft must keep flowing. */
export function isDraftable(f: Flow): boolean {
  return OBSERVED.has(f.verdict) && !isReply(f)
}

/** Plans the draft (no YAML yet). Pure; `flows` in any order (DNS answers are read by time). */
export function planDraft(flows: readonly Flow[], options: DraftOptions = {}): DraftPlan {
  const directions = new Set(options.directions ?? ['ingress', 'egress'])
  const cidrOnly = options.cidrOnly ?? new Set<string>()
  // Names per IP from DNS answers (and destination_names): what a toFQDNs can use.
  const namesByIp = new Map<string, string[]>()
  const learn = (ip: string, name: string): void => {
    const n = trimDot(name).toLowerCase()
    if (n === '') return
    const list = namesByIp.get(ip)
    if (!list) namesByIp.set(ip, [n])
    else if (!list.includes(n)) list.push(n)
  }
  for (const f of flows) {
    const a = dnsAnswer(f)
    if (a) for (const ip of a.ips) learn(ip, a.query)
  }
  for (const f of flows) if (f.destination.ip !== undefined && f.destination.names) for (const n of f.destination.names) learn(f.destination.ip, n)

  const workloads = new Map<string, Workload>()
  const uncovered: UncoveredFlow[] = []
  const fqdnFlows = new Map<number, string>()
  let considered = 0
  const inScope = (w: { namespace: string; selector: Record<string, string> }, e: FlowEndpoint): boolean => {
    if (options.namespace !== undefined && w.namespace !== options.namespace) return false
    if (options.workload !== undefined) {
      const sel = Object.entries(w.selector).map(([k, v]) => `${k}=${v}`)
      if (workloadName(e, w.selector) !== options.workload && !sel.includes(options.workload)) return false
    }
    return true
  }
  const workload = (w: { namespace: string; selector: Record<string, string> }, e: FlowEndpoint): Workload => {
    const key = selectorKey(w.namespace, w.selector)
    let acc = workloads.get(key)
    if (!acc) {
      acc = { namespace: w.namespace, selector: w.selector, name: workloadName(e, w.selector), key,
        rules: { ingress: new Map(), egress: new Map() }, fqdn: false }
      workloads.set(key, acc)
    }
    return acc
  }
  const add = (acc: Workload, direction: DraftDirection, peer: DraftPeer, f: Flow): void => {
    const k = peerKey(peer)
    let r = acc.rules[direction].get(k)
    if (!r) acc.rules[direction].set(k, (r = { peer, ports: new Map(), any: false, flows: [] }))
    const port = portOf(f)
    if (port) r.ports.set(portKey(port), port)
    else r.any = true
    r.flows.push(f.index)
    if (peer.kind === 'fqdn') acc.fqdn = true
  }

  for (const f of flows) {
    if (!isDraftable(f)) continue
    considered++
    let covered = false
    const why: string[] = []
    const src = workloadOf(f.source)
    if (directions.has('egress') && typeof src !== 'string' && inScope(src, f.source)) {
      const ip = f.destination.ip
      const peer = peerOf(f.destination, ip !== undefined ? namesByIp.get(ip) : undefined, ip !== undefined && cidrOnly.has(ip))
      if (typeof peer === 'string') why.push(`egress: ${peer}`)
      else {
        add(workload(src, f.source), 'egress', peer, f)
        if (peer.kind === 'fqdn' && ip !== undefined) fqdnFlows.set(f.index, ip)
        covered = true
      }
    }
    const dst = workloadOf(f.destination)
    if (directions.has('ingress') && typeof dst !== 'string' && inScope(dst, f.destination)) {
      // Ingress peers are never FQDNs (toFQDNs is egress-only): world sources become CIDRs.
      const peer = peerOf(f.source, undefined, true)
      if (typeof peer === 'string') why.push(`ingress: ${peer}`)
      else {
        add(workload(dst, f.destination), 'ingress', peer, f)
        covered = true
      }
    }
    if (!covered) {
      // A pod side that no selector can pick (masked labels) would stay default-deny once its
      // neighbours are selected; say so. Non-pod sides (host, world…) are selected by nothing.
      for (const [side, w, e] of [['source', src, f.source], ['destination', dst, f.destination]] as const) {
        if (typeof w === 'string' && e.isEndpoint && e.reserved === undefined) why.push(`${side}: ${w}`)
      }
      if (why.length > 0) uncovered.push({ index: f.index, reason: why.join('; ') })
    }
  }

  const port53 = new Set<number>()
  for (const f of flows) if (f.l4?.destinationPort === 53) port53.add(f.index)
  const policies: DraftPolicy[] = []
  const names = new Map<string, number>()
  const sorted = [...workloads.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  for (const w of sorted) {
    if (w.fqdn) {
      // FQDN egress only works through the DNS proxy: allow DNS to kube-dns with a DNS rule (§5.6).
      const dnsPeer = [...w.rules.egress.values()].find((r) => r.peer.kind === 'endpoints' && r.peer.namespace === 'kube-system'
        && (r.peer.labels['k8s-app'] === 'kube-dns' || r.peer.labels['k8s-app'] === 'coredns'))?.peer ?? KUBE_DNS
      const k = peerKey(dnsPeer)
      const existing = w.rules.egress.get(k)
      w.rules.egress.delete(k)
      const dnsFlows: number[] = []
      if (existing) {
        // Port 53 goes into the DNS rule; anything else to kube-dns stays a plain rule.
        const rest = new Map([...existing.ports].filter(([, p]) => !(p.kind === 'port' && p.port === 53)))
        dnsFlows.push(...existing.flows.filter((i) => port53.has(i)))
        if (rest.size > 0 || existing.any) {
          w.rules.egress.set(`${k}|rest`, { ...existing, ports: rest, flows: existing.flows.filter((i) => !port53.has(i)) })
        }
      }
      w.rules.egress.set(`${k}|dns`, { peer: dnsPeer, ports: new Map([['ANY/00053', { kind: 'port', port: 53, protocol: 'ANY' }]]),
        any: false, flows: dnsFlows })
    }
    const base = k8sName(`${w.name}-observed`)
    const seen = names.get(`${w.namespace}/${base}`) ?? 0
    names.set(`${w.namespace}/${base}`, seen + 1)
    policies.push({
      namespace: w.namespace, name: seen === 0 ? base : `${base}-${seen + 1}`, workload: w.name, selector: w.selector,
      ingress: mergeRules('ingress', w.rules.ingress), egress: mergeRules('egress', w.rules.egress),
    })
  }
  return { policies, considered, uncovered, fqdnFlows }
}

/** Peers with the same ports (and the same kind) share one rule; the DNS rule stays its own. */
function mergeRules(direction: DraftDirection, rules: Workload['rules'][DraftDirection]): DraftRule[] {
  const groups = new Map<string, { peers: DraftPeer[]; ports: DraftPort[]; flows: number[]; dnsProxy: boolean }>()
  for (const [key, r] of rules) {
    const dnsProxy = key.endsWith('|dns')
    const variants: DraftPort[][] = r.any ? [[]] : []
    // A rule holds either ports or ICMP types: split a peer that has both.
    const ports = [...r.ports.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, p]) => p)
    const l4 = ports.filter((p) => p.kind === 'port')
    const icmp = ports.filter((p) => p.kind === 'icmp')
    if (l4.length > 0) variants.push(l4)
    if (icmp.length > 0) variants.push(icmp)
    for (const v of variants) {
      const gk = `${dnsProxy ? 'dns' : r.peer.kind}|${v.map(portKey).join(',')}`
      let g = groups.get(gk)
      if (!g) groups.set(gk, (g = { peers: [], ports: v, flows: [], dnsProxy }))
      if (!g.peers.some((p) => peerKey(p) === peerKey(r.peer))) g.peers.push(r.peer)
      g.flows.push(...r.flows)
    }
  }
  return [...groups.values()].map((g) => ({
    direction, peers: g.peers, ports: g.ports, ...(g.dnsProxy && { dnsProxy: true }),
    flows: [...new Set(g.flows)].sort((a, b) => a - b),
  }))
}

/** The endpoint selector (matchLabels) for a peer in a policy of `namespace`. */
export function peerSelector(p: Extract<DraftPeer, { kind: 'endpoints' }>, namespace: string): Record<string, string> {
  return p.namespace === namespace ? { ...p.labels } : { ...p.labels, [`k8s:${NAMESPACE_KEY}`]: p.namespace }
}
