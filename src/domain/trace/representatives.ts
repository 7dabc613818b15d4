/**
 * A representative member of what a rule's subject or peer stands for: one identity that the
 * selector, entity, CIDR or name matches, to evaluate "the traffic this rule admits" on. Peers
 * that stand for many identities say so (`many`), and may name a second member whose verdict
 * can differ (`alternates`), so the graph can say when a verdict is not the same for all.
 */
import { CLUSTER_KEY, NAMESPACE_KEY, NAMESPACE_LABELS_PREFIX, SERVICE_ACCOUNT_KEY } from '../labels/label.ts'
import type { Label } from '../labels/label.ts'
import type { Selector } from '../labels/selector.ts'
import { LabelIndex, selectorMatches } from '../labels/selector.ts'
import type { EndpointRef } from '../engine/index.ts'
import { podRef, refFromEntity, refFromIp } from '../engine/index.ts'
import type { CidrGroup, Peer, Subject } from '../policy/model.ts'
import { parsePrefix } from '../engine/cidr.ts'

export interface Representative {
  readonly ref: EndpointRef
  /** How the member is named in explanations (`pod shop/{app=api}`, `203.0.113.10`). */
  readonly text: string
  /** The subject or peer stands for more than one identity: the verdict is judged on this one. */
  readonly many: boolean
  /** Other members worth judging too (e.g. a pod for `all`), so a differing verdict is noticed. */
  readonly alternates: readonly Representative[]
  /** For a DNS-name peer: the name the source resolves (through the DNS proxy, §5.6). */
  readonly dnsName?: string
}

/** Value given to `Exists` requirements: any value satisfies them. */
const ANY_VALUE = 'any'
/** An address outside the cluster (a documentation range: never a real peer). */
export const WORLD_IP = '203.0.113.10'
/** A namespace for a pod the selector places in no particular namespace. */
const OTHER_NAMESPACE = 'other-namespace'

/** A pod matching `selector`, placed in `fallbackNamespace` unless the selector names one. */
export function podMatching(selector: Selector, fallbackNamespace: string): Representative | null {
  const labels: Record<string, string> = {}
  const namespaceLabels: Record<string, string> = {}
  let namespace: string | undefined
  let serviceAccount: string | undefined
  let cluster: string | undefined
  let many = false
  const reserved: string[] = []
  for (const r of selector.requirements) {
    const value = r.operator === 'In' ? r.values[0] : r.operator === 'Exists' ? ANY_VALUE : undefined
    if (r.operator !== 'In' || r.values.length !== 1) many = true
    if (value === undefined) continue // NotIn / DoesNotExist: hold while the key is absent
    if (r.source === 'reserved') reserved.push(r.key)
    else if (r.key === NAMESPACE_KEY) namespace = r.operator === 'Exists' ? undefined : value
    else if (r.key.startsWith(NAMESPACE_LABELS_PREFIX)) namespaceLabels[r.key.slice(NAMESPACE_LABELS_PREFIX.length)] = value
    else if (r.key === SERVICE_ACCOUNT_KEY) serviceAccount = value
    else if (r.key === CLUSTER_KEY) cluster = value
    else labels[r.key] = value
  }
  if (reserved.length > 0) {
    const ref = refFromEntity(reserved[0])
    return ref ? { ref, text: reserved[0], many: false, alternates: [] } : null
  }
  const pinned = namespace !== undefined
  namespace ??= namespaceLabels['kubernetes.io/metadata.name'] ?? fallbackNamespace
  if (!pinned) many = true
  const ref = podRef({
    namespace,
    labels,
    ...(Object.keys(namespaceLabels).length > 0 && { namespaceLabels }),
    ...(serviceAccount !== undefined && { serviceAccount }),
    ...(cluster !== undefined && { cluster }),
    name: podText(namespace, labels),
  })
  // A requirement the sketch could not satisfy (e.g. In and NotIn on one key): no member.
  if (!selectorMatches(selector, new LabelIndex(ref.labels))) return null
  return { ref, text: `pod ${podText(namespace, labels)}`, many, alternates: [] }
}

function podText(namespace: string, labels: Readonly<Record<string, string>>): string {
  const l = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',')
  return l ? `${namespace}/{${l}}` : `${namespace}/(any pod)`
}

/** The host a nodeSelector subject selects: the node carries the labels the selector asks for. */
export function hostMatching(selector: Selector): Representative | null {
  const labels: Label[] = [{ source: 'reserved', key: 'host', value: '' }]
  let many = false
  for (const r of selector.requirements) {
    if (r.operator !== 'In' || r.values.length !== 1) many = true
    const value = r.operator === 'In' ? r.values[0] : r.operator === 'Exists' ? ANY_VALUE : undefined
    if (value !== undefined) labels.push({ source: 'node', key: r.key, value })
  }
  if (!selectorMatches(selector, new LabelIndex(labels))) return null
  const shown = labels.slice(1).map((l) => `${l.key}=${l.value}`).join(',')
  // An empty selector is every node: judged on the local host.
  return {
    ref: { labels, isEndpoint: true, name: shown ? `node {${shown}}` : 'host' },
    text: shown ? `a node labelled ${shown}` : 'the host',
    many: many || shown === '',
    alternates: [],
  }
}

/** The member a rule's subject is judged on. */
export function subjectMember(subject: Subject, policyNamespace: string | null): Representative | null {
  if (subject.kind === 'nodes') return hostMatching(subject.selector)
  return podMatching(subject.selector, policyNamespace ?? 'default')
}

/** The member a peer is judged on; null when the draft alone cannot name one (services, node sets). */
export function peerMember(peer: Peer, policyNamespace: string | null, cidrGroups: readonly CidrGroup[]): Representative | null {
  const home = policyNamespace ?? 'default'
  switch (peer.kind) {
    case 'endpoints': {
      const rep = podMatching(peer.selector, home)
      if (!rep || !rep.many) return rep
      // A peer that spans namespaces: a pod elsewhere may meet other policies.
      const elsewhere = podMatching(peer.selector, home === OTHER_NAMESPACE ? 'default' : OTHER_NAMESPACE)
      return elsewhere && elsewhere.text !== rep.text ? { ...rep, alternates: [elsewhere] } : rep
    }
    case 'entity':
      return entityMember(peer.entity, home)
    case 'wildcard':
      return entityMember('all', home)
    case 'cidr':
      return cidrMember(peer.cidr, peer.except)
    case 'cidrGroup': {
      const group = peer.ref !== undefined ? cidrGroups.find((g) => g.name === peer.ref) : undefined
      const cidr = group?.cidrs[0]
      return cidr === undefined ? null : cidrMember(cidr, peer.except)
    }
    case 'fqdn': {
      const name = peer.matchName ?? samplePattern(peer.matchPattern ?? '*')
      return { ref: refFromIp(WORLD_IP, { name }), text: name, many: peer.matchName === undefined, alternates: [], dnsName: name }
    }
    case 'service':
    case 'nodes':
      return null
  }
}

function entityMember(entity: string, home: string): Representative | null {
  const name = entity.toLowerCase()
  const pod = podMatching({ requirements: [] }, home)
  const world: Representative = { ref: refFromIp(WORLD_IP, { name: 'world' }), text: `world (${WORLD_IP})`, many: true, alternates: [] }
  if (name === 'all') return { ...world, text: `world (${WORLD_IP}), one of every identity`, alternates: pod ? [{ ...pod, many: true }] : [] }
  if (name === 'world' || name === 'world-ipv4') return world
  if (name === 'cluster') {
    const host = refFromEntity('host')
    return pod ? { ...pod, text: `${pod.text}, one of the cluster`, many: true, alternates: host ? [{ ref: host, text: 'host', many: false, alternates: [] }] : [] } : null
  }
  const ref = refFromEntity(name)
  return ref ? { ref, text: name, many: name === 'remote-node', alternates: [] } : null
}

/** An address inside `cidr` and outside every `except`. */
function cidrMember(cidr: string, except: readonly string[]): Representative | null {
  const p = parsePrefix(cidr)
  if (!p) return null
  // The first host address, else a few spread through the range, until one is outside `except`.
  const offsets = p.family === 4 && p.len <= 30 ? [1, 2 ** Math.max(0, 30 - p.len), 2 ** Math.max(0, 31 - p.len) + 1] : [0]
  for (const n of offsets) {
    const ip = p.family === 4 ? addToIpv4(p.bytes, n).join('.') : ipv6Text(p.bytes)
    if (!except.some((e) => containsIp(e, ip)))
      return { ref: refFromIp(ip, { name: ip }), text: ip, many: p.len < p.bytes.length * 8, alternates: [] }
  }
  return null
}

function addToIpv4(bytes: readonly number[], n: number): number[] {
  let v = ((bytes[0] << 24) >>> 0) + (bytes[1] << 16) + (bytes[2] << 8) + bytes[3] + n
  const out: number[] = []
  for (let i = 0; i < 4; i++) {
    out.unshift(v & 255)
    v = Math.floor(v / 256)
  }
  return out
}

function ipv6Text(bytes: readonly number[]): string {
  const groups: string[] = []
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16))
  return groups.join(':')
}

function containsIp(cidr: string, ip: string): boolean {
  const c = parsePrefix(cidr)
  const a = parsePrefix(ip)
  if (!c || !a || c.family !== a.family) return false
  for (let bit = 0; bit < c.len; bit++) {
    const byte = bit >> 3
    const mask = 0x80 >> (bit & 7)
    if ((c.bytes[byte] & mask) !== (a.bytes[byte] & mask)) return false
  }
  return true
}

/** A name a DNS pattern matches (`*` one label part, `**.` one or more labels, §7.5). */
export function samplePattern(pattern: string): string {
  const name = pattern.replace(/\*\*\./g, 'x.').replace(/\*/g, 'x')
  return name === '' || name === 'x' ? 'example.com' : name
}
