/**
 * The flows table of a replayed capture, built and kept in the worker: each distinct endpoint
 * once (with the graph node id it is drawn as, from domain/graph/handles.ts), and one row per flow
 * with the recorded verdict, the draft's verdict, the deciding rule and whether the two disagree.
 * The page never receives all the rows: it gets a summary (flow-summary.ts) and the rows it draws
 * (flow-query.ts).
 */
import { namespaceLabelsOfFlowList } from '../domain/graph/index.ts'
import type { NamespaceLabels } from '../domain/graph/index.ts'
import type { EvalResult, Reason, SideResult } from '../domain/engine/index.ts'
import type { Flow, FlowEndpoint } from '../domain/flows/index.ts'
import { POLICY_DROP_REASONS } from '../domain/flows/index.ts'
import { cidrId, entityId, fqdnId, isContextKey, namespaceId, workloadId } from '../domain/graph/index.ts'
import type { VerdictSummary } from '../domain/replay/index.ts'

export type ObservedKind = 'workload' | 'namespace' | 'entity' | 'cidr' | 'fqdn'

/** One distinct peer seen in the capture, as the graph would draw it. */
export interface ObservedEndpointView {
  readonly id: string
  readonly kind: ObservedKind
  /** Short name for the graph and the table (`backend`, `world`, `api.example.com`). */
  readonly label: string
  readonly namespace?: string
  /** Plain identity labels (no source prefix, no namespace/cluster/service-account keys). */
  readonly labels?: Readonly<Record<string, string>>
}

export type DraftVerdict = 'allowed' | 'denied' | 'audit'

/** Which policy element decided a flow, for the table and for selecting it in graph and YAML. */
export interface DecidingRule {
  readonly side: 'ingress' | 'egress'
  readonly policy: string
  readonly path: string
  readonly effect: string
  readonly elementId?: string
}

export interface FlowRow {
  readonly index: number
  readonly time: number
  /** Index into `FlowTable.endpoints`. */
  readonly src: number
  readonly dst: number
  readonly srcName: string
  readonly dstName: string
  /** `TCP/8080`, `UDP/53`, `ICMPv4 8`, or '' without L4. */
  readonly proto: string
  readonly protocol?: string
  readonly port?: number
  readonly l7?: string
  readonly recorded: string
  readonly dropReason?: string
  readonly verdict: DraftVerdict
  readonly reply: boolean
  /** Interned 5-tuple: records of one connection at several observation points share it. */
  readonly conn: number
  readonly rule?: DecidingRule
  /** Recorded forwarded but the draft denies (`break`), or recorded policy-dropped but the draft allows (`open`). */
  readonly disagreement?: 'break' | 'open'
  /** Which sides deny (or audit) the flow, for writing the allow rule on the right side(s). */
  readonly blockedBy?: 'egress' | 'ingress' | 'both'
  /**
   * Set when a toFQDNs rule would have allowed the flow had its DNS answer not expired or fallen
   * out of the per-name cap (§5.6): the reason text, "DNS answer for … expired at … (TTL … s)".
   */
  readonly dnsExpired?: string
}

export interface FlowTable {
  readonly endpoints: readonly ObservedEndpointView[]
  readonly rows: readonly FlowRow[]
  readonly summary: VerdictSummary
  readonly breaks: number
  readonly opens: number
  /** Namespace labels the capture recorded, by namespace (for KNP namespaceSelector peers). */
  readonly namespaceLabels: NamespaceLabels
}

const PASSED = new Set(['FORWARDED', 'REDIRECTED', 'AUDIT', 'TRANSLATED', 'TRACED'])

/** The rows and endpoints of `flows` under `results` (same order). */
export function buildFlowTable(flows: readonly Flow[], results: readonly EvalResult[]): FlowTable {
  const endpoints: ObservedEndpointView[] = []
  const byObject = new Map<FlowEndpoint, number>()
  const byId = new Map<string, number>()
  const conns = new Map<string, number>()
  const endpointIndex = (e: FlowEndpoint): number => {
    const known = byObject.get(e)
    if (known !== undefined) return known
    const view = endpointView(e)
    let i = byId.get(view.id)
    if (i === undefined) {
      i = endpoints.length
      endpoints.push(view)
      byId.set(view.id, i)
    }
    byObject.set(e, i)
    return i
  }
  const rows: FlowRow[] = []
  const summary = { allowed: 0, denied: 0, audit: 0 }
  let breaks = 0
  let opens = 0
  const n = Math.min(flows.length, results.length)
  for (let i = 0; i < n; i++) {
    const f = flows[i]
    const r = results[i]
    summary[r.verdict]++
    const reply = f.isReply === true
    const disagreement = reply ? undefined : disagreementOf(f, r.verdict)
    if (disagreement === 'break') breaks++
    else if (disagreement === 'open') opens++
    const connKey = connectionKey(f)
    let conn = conns.get(connKey)
    if (conn === undefined) {
      conn = conns.size
      conns.set(connKey, conn)
    }
    const rule = decidingRule(r)
    const l7 = l7Summary(f)
    const blockedBy = blockedSides(r)
    const dnsExpired = r.verdict === 'allowed' ? undefined : dnsExpiryText(r)
    rows.push({
      index: f.index,
      time: f.time,
      src: endpointIndex(f.source),
      dst: endpointIndex(f.destination),
      srcName: endpointName(f.source),
      dstName: endpointName(f.destination),
      proto: protoText(f),
      ...(f.l4 && { protocol: f.l4.protocol }),
      ...(f.l4?.destinationPort !== undefined && { port: f.l4.destinationPort }),
      ...(l7 !== undefined && { l7 }),
      recorded: f.verdict,
      ...(f.dropReason !== undefined && { dropReason: f.dropReason }),
      verdict: r.verdict,
      reply,
      conn,
      ...(rule && { rule }),
      ...(disagreement && { disagreement }),
      ...(blockedBy && { blockedBy }),
      ...(dnsExpired !== undefined && { dnsExpired }),
    })
  }
  return { endpoints, rows, summary, breaks, opens, namespaceLabels: namespaceLabelsOfFlowList(flows) }
}

/**
 * Forwarded traffic the draft would deny breaks; a policy drop the draft would allow opens. A
 * drop for a datapath reason (router solicitations, stale IPs) is no policy decision, so no
 * disagreement (hubble-flows.md §3.3).
 */
function disagreementOf(f: Flow, verdict: DraftVerdict): 'break' | 'open' | undefined {
  if (verdict === 'denied' && PASSED.has(f.verdict)) return 'break'
  if (verdict !== 'denied' && f.verdict === 'DROPPED' && (f.dropReason === undefined || POLICY_DROP_REASONS.has(f.dropReason))) return 'open'
  return undefined
}

const blocks = (s: SideResult): boolean => s.verdict === 'denied' || s.verdict === 'audit'

function blockedSides(r: EvalResult): FlowRow['blockedBy'] {
  const e = blocks(r.egress)
  const i = blocks(r.ingress)
  return e && i ? 'both' : e ? 'egress' : i ? 'ingress' : undefined
}

/** The expired-answer reason of a denied flow (the engine puts it first on the egress side, §5.6). */
function dnsExpiryText(r: EvalResult): string | undefined {
  const reason = r.egress.reasons.find((x) => x.dnsExpiry !== undefined)
  return reason ? (reason.detail ?? `DNS answer for ${reason.dnsExpiry!.name} expired`) : undefined
}

/** The side and reason that decided: the denying side when one denies, else the allowing rule. */
export function decidingRule(r: EvalResult): DecidingRule | undefined {
  const pick = (side: 'ingress' | 'egress', s: SideResult, want: (x: Reason) => boolean): DecidingRule | undefined => {
    const reason = s.reasons.find(want)
    if (!reason) return undefined
    return {
      side,
      policy: reason.policy,
      path: reason.path,
      effect: reason.effect,
      ...(reason.elementId !== undefined && { elementId: reason.elementId }),
    }
  }
  const denying = (x: Reason): boolean => x.effect === 'deny' || x.effect === 'default-deny'
  if (r.verdict !== 'allowed') {
    return pick('egress', r.egress, denying) ?? pick('ingress', r.ingress, denying)
  }
  const allowing = (x: Reason): boolean => x.effect === 'allow' && x.policy !== ''
  return pick('ingress', r.ingress, allowing) ?? pick('egress', r.egress, allowing)
}

function plainLabels(e: FlowEndpoint): Record<string, string> {
  const out: Record<string, string> = {}
  for (const l of e.labels) {
    if (l.source === 'reserved' || l.source === 'cidr' || l.source === 'fqdn' || l.source === 'cidrgroup') continue
    if (isContextKey(l.key)) continue
    out[l.key] = l.value
  }
  return out
}

const hostCidr = (ip: string): string => (ip.includes(':') ? `${ip}/128` : `${ip}/32`)

/** The graph node a flow endpoint is drawn as (ids only through handles.ts). */
export function endpointView(e: FlowEndpoint): ObservedEndpointView {
  if (e.reserved === 'world' || (e.reserved === undefined && !e.isEndpoint && e.namespace === undefined)) {
    const name = e.names?.[0]
    if (name) return { id: fqdnId(name), kind: 'fqdn', label: name.replace(/\.$/, '') }
    if (e.ip) return { id: cidrId(hostCidr(e.ip)), kind: 'cidr', label: hostCidr(e.ip) }
    return { id: entityId(e.reserved ?? 'world'), kind: 'entity', label: e.reserved ?? 'world' }
  }
  if (e.reserved !== undefined && e.namespace === undefined) return { id: entityId(e.reserved), kind: 'entity', label: e.reserved }
  const ns = e.namespace ?? 'default'
  const labels = plainLabels(e)
  if (Object.keys(labels).length === 0) return { id: namespaceId(ns), kind: 'namespace', label: ns, namespace: ns }
  return { id: workloadId(ns, labels), kind: 'workload', label: workloadName(e, labels), namespace: ns, labels }
}

function workloadName(e: FlowEndpoint, labels: Record<string, string>): string {
  return e.workloads?.[0]?.name ?? labels.app ?? labels['k8s-app'] ?? labels['app.kubernetes.io/name'] ?? e.podName ?? Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',')
}

/** The table's text for a side: `ns/pod`, or the entity / name / IP. */
function endpointName(e: FlowEndpoint): string {
  if (e.podName) return e.namespace ? `${e.namespace}/${e.podName}` : e.podName
  if (e.reserved === 'world' && e.names?.[0]) return e.names[0].replace(/\.$/, '')
  if (e.reserved) return e.ip ? `${e.reserved} (${e.ip})` : e.reserved
  if (e.names?.[0]) return e.names[0].replace(/\.$/, '')
  return e.ip ?? '?'
}

function protoText(f: Flow): string {
  const l4 = f.l4
  if (!l4) return ''
  if (l4.protocol === 'ICMPv4' || l4.protocol === 'ICMPv6') return `${l4.protocol} ${l4.icmpType ?? 0}`
  return l4.destinationPort === undefined ? l4.protocol : `${l4.protocol}/${l4.destinationPort}`
}

function l7Summary(f: Flow): string | undefined {
  const l7 = f.l7
  if (!l7) return undefined
  if (l7.http) return [l7.http.method, l7.http.path ?? l7.http.url, l7.http.code].filter((x) => x !== undefined).join(' ')
  if (l7.dns) return `DNS ${l7.dns.query ?? ''}${l7.dns.ips?.length ? ` → ${l7.dns.ips.join(', ')}` : ''}${l7.dns.rcode === 3 ? ' NXDOMAIN' : ''}`
  if (l7.kafka) return `kafka ${l7.kafka.apiKey ?? ''} ${l7.kafka.topic ?? ''}`.trim()
  return l7.type
}

/** The connection a record belongs to, the same from either side of it (replies swap the ends). */
function connectionKey(f: Flow): string {
  const a = `${f.source.ip ?? f.source.identity}:${f.l4?.sourcePort ?? ''}`
  const b = `${f.destination.ip ?? f.destination.identity}:${f.l4?.destinationPort ?? f.l4?.icmpType ?? ''}`
  const p = f.l4?.protocol ?? ''
  return a < b ? `${p}|${a}|${b}` : `${p}|${b}|${a}`
}
