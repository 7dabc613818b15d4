/**
 * What the page holds of a loaded capture: its counts, its endpoints, the flows folded per
 * (draft verdict, source endpoint, destination endpoint) for the graph overlay, the timeline's
 * buckets and the breakage diff. All of it grows with the distinct peers and pairs, not with the
 * number of flows, so handing it to the main thread after every load or edit stays cheap however
 * big the capture; the rows themselves stay in the worker (flow-query.ts pages them).
 */
import type { NamespaceLabels } from '../domain/graph/index.ts'
import type { VerdictSummary } from '../domain/replay/index.ts'
import type { LostGap } from './flow-stream.ts'
import type { Timeline } from './flow-timeline.ts'
import { buildTimeline } from './flow-timeline.ts'
import type { Baseline, Breakage } from './flow-query.ts'
import { breakageOf, isDnsExpired } from './flow-query.ts'
import type { DraftVerdict, FlowTable, ObservedEndpointView } from './flow-view.ts'

/** The requests (replies ride on them) from one endpoint to another that the draft treats alike. */
export interface FlowPair {
  readonly verdict: DraftVerdict
  /** Indices into `FlowView.endpoints`. */
  readonly src: number
  readonly dst: number
  /** Distinct connections among the records. */
  readonly conns: number
  readonly records: number
  readonly breaks: number
  readonly opens: number
  readonly recorded: Readonly<Record<string, number>>
  /** `TCP/8080`… the first few, in the order seen. */
  readonly ports: readonly string[]
  /** The first flow (index) of the pair, for "show this edge's flows". */
  readonly first: number
}

/**
 * Connections whose records fall on several pairs (one 5-tuple seen with different endpoint
 * views): `n` of them on exactly these `pairs`. The overlay subtracts them where those pairs
 * land on one graph edge, so an edge still counts each connection once.
 */
export interface SharedConnections {
  readonly pairs: readonly number[]
  readonly n: number
}

export interface FlowView {
  /** Flows loaded. */
  readonly total: number
  readonly endpoints: readonly ObservedEndpointView[]
  readonly pairs: readonly FlowPair[]
  readonly shared: readonly SharedConnections[]
  readonly summary: VerdictSummary
  readonly breaks: number
  readonly opens: number
  /** Flows the draft denies because a DNS answer expired (the quick filter's count). */
  readonly dnsExpired: number
  /** Namespace labels the capture recorded, by namespace (for KNP namespaceSelector peers). */
  readonly namespaceLabels: NamespaceLabels
  /** Pod names seen on workload endpoints (what a redacted export hides). */
  readonly pods: readonly string[]
  readonly timeline: Timeline | null
  /** Since the pinned baseline, or null when none is pinned. */
  readonly breakage: Breakage | null
}

const TIMELINE_BUCKETS = 120
const PORTS_SHOWN = 4

export function summarizeFlows(table: FlowTable, lostEvents: readonly LostGap[], baseline: Baseline | null): FlowView {
  interface Acc {
    verdict: DraftVerdict
    src: number
    dst: number
    conns: Set<number>
    records: number
    breaks: number
    opens: number
    recorded: Record<string, number>
    ports: string[]
    first: number
  }
  const pairs = new Map<string, number>()
  const accs: Acc[] = []
  /** Connection → its first pair, then every further pair it is seen on. */
  const connPair = new Map<number, number>()
  const connMore = new Map<number, Set<number>>()
  let dnsExpired = 0
  const pods = new Set<string>()
  const podOf = (i: number, name: string): void => {
    const e = table.endpoints[i]
    const ns = e?.namespace
    if (e?.kind === 'workload' && ns !== undefined && name.startsWith(`${ns}/`)) pods.add(name.slice(ns.length + 1))
  }
  for (const r of table.rows) {
    if (isDnsExpired(r)) dnsExpired++
    podOf(r.src, r.srcName)
    podOf(r.dst, r.dstName)
    if (r.reply) continue
    const key = `${r.verdict}|${r.src}|${r.dst}`
    let p = pairs.get(key)
    if (p === undefined) {
      p = accs.length
      pairs.set(key, p)
      accs.push({ verdict: r.verdict, src: r.src, dst: r.dst, conns: new Set(), records: 0, breaks: 0, opens: 0, recorded: {}, ports: [], first: r.index })
    }
    const a = accs[p]
    a.conns.add(r.conn)
    a.records++
    if (r.disagreement === 'break') a.breaks++
    else if (r.disagreement === 'open') a.opens++
    a.recorded[r.recorded] = (a.recorded[r.recorded] ?? 0) + 1
    if (r.proto !== '' && a.ports.length < PORTS_SHOWN && !a.ports.includes(r.proto)) a.ports.push(r.proto)
    const firstPair = connPair.get(r.conn)
    if (firstPair === undefined) connPair.set(r.conn, p)
    else if (firstPair !== p) {
      const more = connMore.get(r.conn) ?? new Set([firstPair])
      more.add(p)
      connMore.set(r.conn, more)
    }
  }
  const shared = new Map<string, { pairs: number[]; n: number }>()
  for (const set of connMore.values()) {
    const list = [...set].sort((x, y) => x - y)
    const key = list.join(',')
    const s = shared.get(key) ?? { pairs: list, n: 0 }
    s.n++
    shared.set(key, s)
  }
  return {
    total: table.rows.length,
    endpoints: table.endpoints,
    pairs: accs.map(({ conns, ...a }) => ({ ...a, conns: conns.size })),
    shared: [...shared.values()],
    summary: table.summary,
    breaks: table.breaks,
    opens: table.opens,
    dnsExpired,
    namespaceLabels: table.namespaceLabels,
    pods: [...pods],
    timeline: buildTimeline(table.rows, lostEvents, TIMELINE_BUCKETS),
    breakage: baseline ? breakageOf(table.rows, baseline) : null,
  }
}
