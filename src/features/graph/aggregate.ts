/**
 * Zoomed far out on a large graph, single workloads and their labels are unreadable: show each
 * namespace as one box and bundle the rule edges between two boxes into one counted edge.
 */
import { MarkerType } from '@xyflow/react'
import type { GraphModel } from '../../domain/graph/index.ts'
import type { EdgeData, MembraneFlowNode, RuleFlowEdge } from './flow-types.ts'

/** Graphs smaller than this are always drawn in full. */
export const AGGREGATE_MIN_NODES = 300
/** Below this zoom level a large graph is drawn aggregated. */
export const AGGREGATE_MAX_ZOOM = 0.35

export function hideMembers(nodes: readonly MembraneFlowNode[]): MembraneFlowNode[] {
  return nodes.map((n) => (n.parentId !== undefined ? { ...n, hidden: true } : n))
}

export function aggregateEdges(graph: GraphModel): RuleFlowEdge[] {
  const parent = new Map(graph.nodes.map((n) => [n.id, n.parent ?? n.id]))
  const bundles = new Map<string, { source: string; target: string; allow: number; deny: number; first: EdgeData }>()
  for (const e of graph.edges) {
    const source = parent.get(e.source) ?? e.source
    const target = parent.get(e.target) ?? e.target
    const key = `${source}>${target}`
    let b = bundles.get(key)
    if (!b) {
      b = { source, target, allow: 0, deny: 0, first: { edge: e, loop: source === target, title: '' } }
      bundles.set(key, b)
    }
    if (e.kind === 'deny') b.deny++
    else b.allow++
  }
  return [...bundles.entries()].map(([key, b]) => {
    const kind = b.allow === 0 ? 'deny' : 'allow'
    const label = [b.allow ? `${b.allow} allow` : '', b.deny ? `${b.deny} deny` : ''].filter(Boolean).join(', ')
    return {
      id: `agg/${key}`,
      type: 'rule' as const,
      source: b.source,
      target: b.target,
      data: { edge: { ...b.first.edge, kind, label }, loop: b.source === b.target, title: `${label} between ${b.source} and ${b.target}; zoom in to see each rule` },
      className: `rule-edge rule-edge--${kind} rule-edge--aggregate`,
      markerEnd: { type: MarkerType.ArrowClosed, color: kind === 'deny' ? '#d6336c' : '#2f9e44' },
      zIndex: 1,
    }
  })
}
