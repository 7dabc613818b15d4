/**
 * Observed traffic over the policy graph (DESIGN.md "Graph visual language"): every endpoint of
 * the capture is drawn as a graph node — the policy graph's own node when one describes it (a
 * workload whose labels the pod carries), else a new node with the id handles.ts gives it — and
 * the flows between two nodes become one dashed edge per draft verdict, counted in connections.
 * The worker has already folded the flows per endpoint pair (flow-summary.ts), so this costs as
 * much as there are pairs, whatever the number of flows.
 */
import type { GraphModel, GraphNode, NodeRef } from '../domain/graph/index.ts'
import { namespaceId, nodeSpecOf, parseNodeRef } from '../domain/graph/index.ts'
import type { DraftVerdict, FlowRow, ObservedEndpointView } from '../worker/flow-view.ts'
import type { FlowView } from '../worker/flow-summary.ts'
import type { FlowFilter } from '../worker/flow-query.ts'
import { parseTimeWindow } from '../worker/flow-query.ts'

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
  /** The first flow (index) on the edge, for "show this edge's flows". */
  readonly first: number
}

export interface FlowOverlay {
  /** Nodes the capture adds to the graph (workloads no policy mentions, their namespaces, peers). */
  readonly nodes: readonly GraphNode[]
  readonly edges: readonly FlowEdge[]
  /** Graph node id per `FlowView.endpoints` index. */
  readonly endpointNode: readonly string[]
}

export const EMPTY_OVERLAY: FlowOverlay = { nodes: [], edges: [], endpointNode: [] }

export const flowEdgeId = (verdict: DraftVerdict, source: string, target: string): string => `flow/${verdict}/${source}>${target}`

const subset = (small: Readonly<Record<string, string>>, big: Readonly<Record<string, string>>): boolean =>
  Object.entries(small).every(([k, v]) => big[k] === v)

/**
 * Of a namespace's policy workload nodes, the one a pod with these labels is drawn as: the most
 * specific whose selector labels the pod carries (the flow overlay and the Cluster tab both ask).
 */
export function workloadNodeFor(candidates: readonly GraphNode[], labels: Readonly<Record<string, string>>): GraphNode | undefined {
  let best: GraphNode | undefined
  for (const n of candidates) {
    if (n.labels && subset(n.labels, labels) && (!best || Object.keys(n.labels).length > Object.keys(best.labels ?? {}).length)) best = n
  }
  return best
}

/** The graph node an observed endpoint is drawn as: a policy's workload when its labels fit the pod. */
function placeEndpoint(e: ObservedEndpointView, workloadsByNs: ReadonlyMap<string, readonly GraphNode[]>, ids: ReadonlySet<string>): string {
  if (ids.has(e.id)) return e.id
  if (e.kind === 'workload' && e.namespace !== undefined && e.labels) {
    const best = workloadNodeFor(workloadsByNs.get(e.namespace) ?? [], e.labels)
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
  if (!view || view.total === 0) return EMPTY_OVERLAY
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
    conns: number
    records: number
    breaks: number
    opens: number
    recorded: Record<string, number>
    ports: string[]
    first: number
  }
  const edges = new Map<string, Acc>()
  const pairEdge: string[] = []
  for (const p of view.pairs) {
    ensure(p.src)
    ensure(p.dst)
    const source = endpointNode[p.src]
    const target = endpointNode[p.dst]
    const id = flowEdgeId(p.verdict, source, target)
    pairEdge.push(id)
    let acc = edges.get(id)
    if (!acc) {
      acc = { source, target, verdict: p.verdict, conns: 0, records: 0, breaks: 0, opens: 0, recorded: {}, ports: [], first: p.first }
      edges.set(id, acc)
    }
    acc.conns += p.conns
    acc.records += p.records
    acc.breaks += p.breaks
    acc.opens += p.opens
    acc.first = Math.min(acc.first, p.first)
    for (const [v, n] of Object.entries(p.recorded)) acc.recorded[v] = (acc.recorded[v] ?? 0) + n
    for (const port of p.ports) if (acc.ports.length < 4 && !acc.ports.includes(port)) acc.ports.push(port)
  }
  // A connection seen on several pairs that land on one edge counts once there.
  for (const s of view.shared) {
    const perEdge = new Map<string, number>()
    for (const p of s.pairs) perEdge.set(pairEdge[p], (perEdge.get(pairEdge[p]) ?? 0) + 1)
    for (const [id, k] of perEdge) if (k > 1) edges.get(id)!.conns -= (k - 1) * s.n
  }
  return {
    nodes: [...added.values()],
    endpointNode,
    edges: [...edges.entries()].map(([id, a]) => ({
      id,
      kind: 'flow' as const,
      source: a.source,
      target: a.target,
      verdict: a.verdict,
      recorded: Object.entries(a.recorded).sort((x, y) => y[1] - x[1])[0][0],
      recordedCounts: a.recorded,
      count: a.conns,
      records: a.records,
      breaks: a.breaks,
      opens: a.opens,
      ports: a.ports.join(', '),
      first: a.first,
    })),
  }
}

/** The flow edge a row is drawn on (replies have none: they ride on their request's edge). */
export function edgeOfRow(r: FlowRow, overlay: FlowOverlay): string | null {
  const source = overlay.endpointNode[r.src]
  const target = overlay.endpointNode[r.dst]
  return r.reply || source === undefined || target === undefined ? null : flowEdgeId(r.verdict, source, target)
}

/** The policy graph with the capture's nodes added (edges stay the rule edges). */
export function withObservedNodes(graph: GraphModel, overlay: FlowOverlay): GraphModel {
  if (overlay.nodes.length === 0) return graph
  return { ...graph, nodes: [...graph.nodes, ...overlay.nodes] }
}

// --- filter chips ---------------------------------------------------------------------------------

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

const clock = (ms: number): string => new Date(ms).toISOString().slice(11, 19)

function timeWindowText(value: string): string {
  const w = parseTimeWindow(value)
  return w ? `${clock(w.from)}–${clock(w.to)}` : value
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
