/**
 * Namespaces drawn as summary boxes: when a workspace is too big for every workload to be legible
 * in the pane, each collapsed namespace becomes one box (title, counts, shields), the rules
 * between two boxes become one counted edge, and the rules inside a box become a count in it.
 * A namespace expands on double-click or when the user zooms in (GraphPane).
 */
import type { EdgeId, GraphEdge, GraphModel, GraphNode, NodeId } from '../../domain/graph/index.ts'
import { textWidth } from './layout/text-width.ts'
import { namespaceMinWidth } from './layout/node-sizes.ts'

export interface NamespaceSummary {
  readonly workloads: number
  readonly selectors: number
  /** Rules whose both ends are in this namespace. */
  readonly inside: number
  /** Workloads with default deny in force on ingress / egress. */
  readonly shieldedIn: number
  readonly shieldedOut: number
  /** One short line each: what the box holds. */
  readonly lines: readonly string[]
  readonly text: string
  readonly width: number
}

export interface Bundle {
  readonly allow: number
  readonly deny: number
  readonly edges: readonly GraphEdge[]
  /** How the hover text names the folded ends of those rules (`shop/app=web`). */
  readonly names: ReadonlyMap<string, string>
}

export interface CollapsedGraph {
  readonly graph: GraphModel
  readonly summaries: ReadonlyMap<string, NamespaceSummary>
  /** Counted edges by id (`agg/<source>><target>`). */
  readonly bundles: ReadonlyMap<string, Bundle>
}

export const AGGREGATE_PREFIX = 'agg/'
export const SUMMARY_TITLE_PX = 14
const SUMMARY_TEXT_PX = 12

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

/** The graph with `collapsed` namespaces folded into summary boxes. */
export function collapseNamespaces(graph: GraphModel, collapsed: ReadonlySet<string>): CollapsedGraph {
  if (collapsed.size === 0) return { graph, summaries: new Map(), bundles: new Map() }
  const folded = new Map<NodeId, NodeId>()
  const counts = new Map<string, { workloads: number; selectors: number; inside: number; shieldedIn: number; shieldedOut: number }>()
  for (const n of graph.nodes) if (n.kind === 'namespace' && collapsed.has(n.id)) counts.set(n.id, { workloads: 0, selectors: 0, inside: 0, shieldedIn: 0, shieldedOut: 0 })
  const nodes: GraphNode[] = []
  for (const n of graph.nodes) {
    const c = n.parent !== undefined ? counts.get(n.parent) : undefined
    if (!c) {
      nodes.push(n)
      continue
    }
    folded.set(n.id, n.parent!)
    if (n.kind === 'selector') c.selectors++
    else c.workloads++
    if (n.shields.ingress) c.shieldedIn++
    if (n.shields.egress) c.shieldedOut++
  }
  const edges: GraphEdge[] = []
  const bundles = new Map<string, { source: NodeId; target: NodeId; allow: number; deny: number; edges: GraphEdge[]; names: Map<string, string> }>()
  const byId = new Map(graph.nodes.map((n) => [n.id, n]))
  const nameOf = (id: NodeId): string => {
    const n = byId.get(id)
    return n ? (n.namespace !== undefined && n.kind !== 'namespace' ? `${n.namespace}/${n.label}` : n.label) : id
  }
  for (const e of graph.edges) {
    const source = folded.get(e.source) ?? e.source
    const target = folded.get(e.target) ?? e.target
    if (source === e.source && target === e.target) {
      edges.push(e)
      continue
    }
    if (source === target) {
      const c = counts.get(source)
      if (c) c.inside++
      continue
    }
    const id = `${AGGREGATE_PREFIX}${source}>${target}`
    let b = bundles.get(id)
    if (!b) {
      b = { source, target, allow: 0, deny: 0, edges: [], names: new Map() }
      bundles.set(id, b)
    }
    b.edges.push(e)
    b.names.set(e.source, nameOf(e.source))
    b.names.set(e.target, nameOf(e.target))
    if (e.kind === 'deny') b.deny++
    else b.allow++
  }
  for (const [id, b] of bundles) {
    // A counted edge keeps the first rule's origin (for selection) but none of its L7 text.
    const { l7: _l7, ...first } = b.edges[0]
    // One rule reads as itself (its ports); several as a count.
    const label =
      b.edges.length === 1
        ? b.edges[0].label
        : [b.allow ? `${b.allow} allow` : '', b.deny ? `${b.deny} deny` : ''].filter(Boolean).join(', ')
    // The counted edge's id names a pair of boxes, not a rule: it exists only in this view.
    edges.push({ ...first, id: id as EdgeId, source: b.source, target: b.target, kind: b.allow === 0 ? 'deny' : 'allow', label })
  }
  const summaries = new Map<string, NamespaceSummary>()
  for (const n of graph.nodes) {
    const c = counts.get(n.id)
    if (!c) continue
    const lines = [[plural(c.workloads, 'workload'), c.selectors ? plural(c.selectors, 'selector') : ''].filter(Boolean).join(', ')]
    lines.push(c.inside ? `${plural(c.inside, 'rule')} inside` : 'no rules inside')
    const width = Math.ceil(Math.max(namespaceMinWidth(n, SUMMARY_TITLE_PX), ...lines.map((l) => textWidth(l, SUMMARY_TEXT_PX) + 28)))
    summaries.set(n.id, { ...c, lines, text: lines.join(', '), width })
  }
  return { graph: { ...graph, nodes, edges }, summaries, bundles }
}

/** The namespace a hidden node is folded into, if any. */
export function foldedInto(graph: GraphModel, collapsed: ReadonlySet<string>, id: string): string | undefined {
  const n = graph.nodes.find((x) => x.id === id)
  return n?.parent !== undefined && collapsed.has(n.parent) ? n.parent : undefined
}
