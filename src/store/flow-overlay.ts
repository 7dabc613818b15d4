/**
 * Observed traffic over the policy graph (DESIGN.md "Graph visual language"): every endpoint of
 * the capture is drawn as a graph node — the policy graph's own node when one describes it (a
 * workload whose labels the pod carries), else a new node with the id handles.ts gives it — and
 * the flows between two nodes become one dashed edge per draft verdict, counted in connections.
 */
import type { GraphModel, GraphNode, NodeRef } from '../domain/graph/index.ts'
import { namespaceId, nodeSpecOf, parseNodeRef } from '../domain/graph/index.ts'
import type { DraftVerdict, FlowRow, FlowView, ObservedEndpointView } from '../worker/flow-view.ts'

export interface FlowEdge {
  /** `flow/<verdict>/<source id>><target id>`. */
  readonly id: string
  readonly kind: 'flow'
  readonly source: string
  readonly target: string
  /** The draft's verdict on these flows. */
  readonly verdict: DraftVerdict
  /** The cluster's verdict most of the records carry (FORWARDED, DROPPED …). */
  readonly recorded: string
  /** Every recorded verdict with its record count. */
  readonly recordedCounts: Readonly<Record<string, number>>
  /** Distinct connections (records of one connection at several observation points count once). */
  readonly count: number
  readonly records: number
  readonly breaks: number
  readonly opens: number
  /** `TCP/8080, UDP/53` (first few). */
  readonly ports: string
}

export interface FlowOverlay {
  /** Nodes the capture adds to the graph (workloads no policy mentions, their namespaces, peers). */
  readonly nodes: readonly GraphNode[]
  readonly edges: readonly FlowEdge[]
  /** Graph node id per `FlowView.endpoints` index. */
  readonly endpointNode: readonly string[]
  /** Flow edge id per row of the view (replies have none: they ride on their request's edge). */
  readonly rowEdge: ReadonlyMap<number, string>
}

export const EMPTY_OVERLAY: FlowOverlay = { nodes: [], edges: [], endpointNode: [], rowEdge: new Map() }

export const flowEdgeId = (verdict: DraftVerdict, source: string, target: string): string => `flow/${verdict}/${source}>${target}`

const subset = (small: Readonly<Record<string, string>>, big: Readonly<Record<string, string>>): boolean =>
  Object.entries(small).every(([k, v]) => big[k] === v)

/** The graph node an observed endpoint is drawn as: a policy's workload when its labels fit the pod. */
function placeEndpoint(e: ObservedEndpointView, workloadsByNs: ReadonlyMap<string, readonly GraphNode[]>, ids: ReadonlySet<string>): string {
  if (ids.has(e.id)) return e.id
  if (e.kind === 'workload' && e.namespace !== undefined && e.labels) {
    let best: GraphNode | undefined
    for (const n of workloadsByNs.get(e.namespace) ?? []) {
      if (n.labels && subset(n.labels, e.labels) && (!best || Object.keys(n.labels).length > Object.keys(best.labels ?? {}).length)) best = n
    }
    if (best) return best.id
  }
  return e.id
}

function observedNode(e: ObservedEndpointView): GraphNode | null {
  const ref: NodeRef | null = parseNodeRef(e.id)
  if (!ref) return null
  const spec = nodeSpecOf(ref)
  // A workload is named as Hubble names it (its Deployment), the labels stay in the detail.
  const label = e.kind === 'workload' ? e.label : spec.label
  return { ...spec, label, ...(e.kind === 'workload' && { detail: spec.label }), shields: { ingress: false, egress: false }, origins: [] }
}

export function buildOverlay(graph: GraphModel, view: FlowView | null): FlowOverlay {
  if (!view || view.rows.length === 0) return EMPTY_OVERLAY
  const ids = new Set<string>(graph.nodes.map((n) => n.id))
  const workloadsByNs = new Map<string, GraphNode[]>()
  for (const n of graph.nodes) {
    if (n.kind !== 'workload' || n.namespace === undefined) continue
    const list = workloadsByNs.get(n.namespace) ?? []
    list.push(n)
    workloadsByNs.set(n.namespace, list)
  }
  const endpointNode = view.endpoints.map((e) => placeEndpoint(e, workloadsByNs, ids))
  const added = new Map<string, GraphNode>()
  const ensure = (i: number): void => {
    const id = endpointNode[i]
    if (ids.has(id) || added.has(id)) return
    const e = view.endpoints[i]
    const node = observedNode(e)
    if (!node) return
    if (node.parent !== undefined && !ids.has(node.parent) && !added.has(node.parent) && e.namespace !== undefined) {
      const ns = observedNode({ id: namespaceId(e.namespace), kind: 'namespace', label: e.namespace, namespace: e.namespace })
      if (ns) added.set(ns.id, ns)
    }
    added.set(id, node)
  }

  interface Acc {
    source: string
    target: string
    verdict: DraftVerdict
    conns: Set<number>
    records: number
    breaks: number
    opens: number
    recorded: Record<string, number>
    ports: Set<string>
  }
  const edges = new Map<string, Acc>()
  const rowEdge = new Map<number, string>()
  for (const r of view.rows) {
    if (r.reply) continue
    ensure(r.src)
    ensure(r.dst)
    const source = endpointNode[r.src]
    const target = endpointNode[r.dst]
    const id = flowEdgeId(r.verdict, source, target)
    let acc = edges.get(id)
    if (!acc) {
      acc = { source, target, verdict: r.verdict, conns: new Set(), records: 0, breaks: 0, opens: 0, recorded: {}, ports: new Set() }
      edges.set(id, acc)
    }
    acc.conns.add(r.conn)
    acc.records++
    if (r.disagreement === 'break') acc.breaks++
    else if (r.disagreement === 'open') acc.opens++
    acc.recorded[r.recorded] = (acc.recorded[r.recorded] ?? 0) + 1
    if (r.proto !== '' && acc.ports.size < 4) acc.ports.add(r.proto)
    rowEdge.set(r.index, id)
  }
  return {
    nodes: [...added.values()],
    endpointNode,
    rowEdge,
    edges: [...edges.entries()].map(([id, a]) => ({
      id,
      kind: 'flow' as const,
      source: a.source,
      target: a.target,
      verdict: a.verdict,
      recorded: Object.entries(a.recorded).sort((x, y) => y[1] - x[1])[0][0],
      recordedCounts: a.recorded,
      count: a.conns.size,
      records: a.records,
      breaks: a.breaks,
      opens: a.opens,
      ports: [...a.ports].join(', '),
    })),
  }
}

/** The policy graph with the capture's nodes added (edges stay the rule edges). */
export function withObservedNodes(graph: GraphModel, overlay: FlowOverlay): GraphModel {
  if (overlay.nodes.length === 0) return graph
  return { ...graph, nodes: [...graph.nodes, ...overlay.nodes] }
}

// --- filters --------------------------------------------------------------------------------------

export type FilterField =
  | 'namespace'
  | 'workload'
  | 'verdict'
  | 'recorded'
  | 'text'
  | 'would-break'
  | 'would-open'
  | 'newly-denied'
  | 'newly-allowed'
  | 'dns-expired'
  | 'time'
export type FilterSide = 'from' | 'to' | 'either'

/** One chip of the flows filter bar (Hubble UI's: a field, a side, optionally negated). */
export interface FlowFilter {
  readonly field: FilterField
  readonly value: string
  readonly side: FilterSide
  readonly negate: boolean
}

export function filterText(f: FlowFilter): string {
  const not = f.negate ? 'not ' : ''
  switch (f.field) {
    case 'would-break':
      return `${not}would break`
    case 'would-open':
      return `${not}would open`
    case 'newly-denied':
      return `${not}newly denied`
    case 'newly-allowed':
      return `${not}newly allowed`
    case 'dns-expired':
      return `${not}DNS expired`
    case 'time':
      return `${not}time: ${timeWindowText(f.value)}`
    case 'verdict':
    case 'recorded':
    case 'text':
      return `${not}${f.field}: ${f.value}`
    default:
      return `${not}${f.side === 'either' ? '' : `${f.side} `}${f.field}: ${f.value}`
  }
}

/** What a filter reads besides the row: the endpoints, and the baseline's verdicts when pinned. */
export interface FilterContext {
  readonly endpoints: readonly ObservedEndpointView[]
  readonly baseline: ReadonlyMap<number, DraftVerdict> | null
}

export function newlyDenied(r: FlowRow, baseline: ReadonlyMap<number, DraftVerdict> | null): boolean {
  const before = baseline?.get(r.index)
  return before !== undefined && before !== 'denied' && r.verdict === 'denied'
}

export function newlyAllowed(r: FlowRow, baseline: ReadonlyMap<number, DraftVerdict> | null): boolean {
  const before = baseline?.get(r.index)
  return before === 'denied' && r.verdict !== 'denied'
}

/** Denied (or audited) because the DNS answer that let a toFQDNs rule match it expired (§5.6). */
export function isDnsExpired(r: FlowRow): boolean {
  return r.dnsExpired !== undefined && r.verdict !== 'allowed'
}

/** A time chip's value: `<from ms>-<to ms>`, epoch milliseconds, end exclusive. */
export function timeWindowValue(from: number, to: number): string {
  return `${Math.floor(from)}-${Math.ceil(to)}`
}

export function parseTimeWindow(value: string): { from: number; to: number } | null {
  const m = /^(\d+)-(\d+)$/.exec(value)
  return m ? { from: Number(m[1]), to: Number(m[2]) } : null
}

const clock = (ms: number): string => new Date(ms).toISOString().slice(11, 19)

function timeWindowText(value: string): string {
  const w = parseTimeWindow(value)
  return w ? `${clock(w.from)}–${clock(w.to)}` : value
}

function matchesOne(r: FlowRow, f: FlowFilter, ctx: FilterContext): boolean {
  const sides = (test: (e: ObservedEndpointView, name: string) => boolean): boolean => {
    const from = test(ctx.endpoints[r.src], r.srcName)
    const to = test(ctx.endpoints[r.dst], r.dstName)
    return f.side === 'from' ? from : f.side === 'to' ? to : from || to
  }
  const v = f.value.toLowerCase()
  switch (f.field) {
    case 'namespace':
      return sides((e) => (e.namespace ?? '').toLowerCase() === v)
    case 'workload':
      return sides((e, name) => e.label.toLowerCase() === v || name.toLowerCase().includes(v))
    case 'verdict':
      return r.verdict === v
    case 'recorded':
      return r.recorded.toLowerCase() === v
    case 'would-break':
      return r.disagreement === 'break'
    case 'would-open':
      return r.disagreement === 'open'
    case 'newly-denied':
      return newlyDenied(r, ctx.baseline)
    case 'newly-allowed':
      return newlyAllowed(r, ctx.baseline)
    case 'dns-expired':
      return isDnsExpired(r)
    case 'time': {
      const w = parseTimeWindow(f.value)
      return w !== null && r.time >= w.from && r.time < w.to
    }
    case 'text': {
      const hay = `${r.srcName} ${r.dstName} ${r.proto} ${r.l7 ?? ''} ${r.recorded} ${r.dropReason ?? ''} ${r.verdict} ${r.rule ? `${r.rule.policy} ${r.rule.path}` : ''} ${r.dnsExpired ?? ''}`
      return hay.toLowerCase().includes(v)
    }
  }
}

/** Rows every chip lets through (chips AND together). */
export function filterRows(rows: readonly FlowRow[], filters: readonly FlowFilter[], ctx: FilterContext): FlowRow[] {
  if (filters.length === 0) return rows.slice()
  return rows.filter((r) => filters.every((f) => matchesOne(r, f, ctx) !== f.negate))
}

export type SortKey = 'time' | 'source' | 'destination' | 'proto' | 'recorded' | 'verdict' | 'rule'

export function sortRows(rows: FlowRow[], key: SortKey, descending: boolean): FlowRow[] {
  const val = (r: FlowRow): string | number => {
    switch (key) {
      case 'time':
        return Number.isNaN(r.time) ? 0 : r.time
      case 'source':
        return r.srcName
      case 'destination':
        return r.dstName
      case 'proto':
        return r.proto
      case 'recorded':
        return r.recorded
      case 'verdict':
        return r.verdict
      case 'rule':
        return r.rule ? `${r.rule.policy} ${r.rule.path}` : ''
    }
  }
  const dir = descending ? -1 : 1
  return rows.sort((a, b) => {
    const x = val(a)
    const y = val(b)
    return (x < y ? -1 : x > y ? 1 : a.index - b.index) * dir
  })
}

/**
 * What to select in graph and YAML for a flow: the rule edge of its deciding element (the one
 * touching the flow's ends when the element has several peers), else the node whose default
 * deny decided.
 */
export function ruleSelectionFor(r: FlowRow, graph: GraphModel, overlay: FlowOverlay): { kind: 'node' | 'edge'; id: string } | null {
  const src = overlay.endpointNode[r.src]
  const dst = overlay.endpointNode[r.dst]
  const elementId = r.rule?.elementId
  if (elementId !== undefined) {
    const edges = graph.edges.filter((e) => e.elementId === elementId)
    const best = edges.find((e) => e.source === src && e.target === dst) ?? edges.find((e) => e.source === src || e.target === dst) ?? edges[0]
    if (best) return { kind: 'edge', id: best.id }
  }
  if (r.rule) {
    const id = r.rule.side === 'egress' ? src : dst
    if (id !== undefined && graph.nodes.some((n) => n.id === id)) return { kind: 'node', id }
  }
  return null
}
