/** Graph model + layout → React Flow nodes and edges (groups first, as React Flow requires). */
import { MarkerType } from '@xyflow/react'
import type { GraphModel } from '../../domain/graph/index.ts'
import { describeEdge } from '../../domain/graph/index.ts'
import type { Layout, LayoutInput } from './layout/layout-types.ts'
import { nodeSize } from './layout/node-sizes.ts'
import type { MembraneFlowNode, RuleFlowEdge } from './flow-types.ts'

/** Widest an edge label is drawn (px); the CSS cuts longer ones with an ellipsis. */
export const EDGE_LABEL_MAX_WIDTH = 150

export function layoutInput(graph: GraphModel): LayoutInput {
  return {
    nodes: graph.nodes.map((n) => ({
      id: n.id,
      ...(n.parent === undefined ? {} : { parent: n.parent }),
      ...nodeSize(n),
      isGroup: n.kind === 'namespace',
    })),
    edges: graph.edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      // ~6.2 px a character at 11 px, plus padding; longer labels are cut (full text on hover).
      labelWidth: Math.min(EDGE_LABEL_MAX_WIDTH, (e.label.length + (e.l7 ? e.l7.length + 1 : 0)) * 6.2 + 16),
    })),
  }
}

export function toFlowNodes(graph: GraphModel, layout: Layout, stale: boolean): MembraneFlowNode[] {
  const groups: MembraneFlowNode[] = []
  const members: MembraneFlowNode[] = []
  for (const n of graph.nodes) {
    const p = layout.get(n.id) ?? { x: 0, y: 0 }
    if (n.kind === 'namespace') {
      groups.push({
        id: n.id,
        type: 'namespace',
        position: { x: p.x, y: p.y },
        data: { node: n, stale },
        style: { width: p.width ?? 240, height: p.height ?? 120 },
        zIndex: 0,
      })
    } else {
      members.push({
        id: n.id,
        type: 'member',
        position: { x: p.x, y: p.y },
        data: { node: n, stale },
        // The DOM node takes the width the layout planned for, so nothing overlaps.
        style: { width: nodeSize(n).width },
        ...(n.parent !== undefined && layout.has(n.parent) ? { parentId: n.parent, extent: 'parent' as const } : {}),
        // Above edges and their labels, so a node's connection handles can always be grabbed.
        zIndex: 3,
      })
    }
  }
  return [...groups, ...members]
}

export function toFlowEdges(graph: GraphModel): RuleFlowEdge[] {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]))
  return graph.edges.map((e) => ({
    id: e.id,
    type: 'rule',
    source: e.source,
    target: e.target,
    data: { edge: e, loop: e.source === e.target, title: describeEdge(e, nodes) },
    className: `rule-edge rule-edge--${e.kind}`,
    markerEnd: { type: MarkerType.ArrowClosed, color: e.kind === 'deny' ? '#d6336c' : '#2f9e44' },
    zIndex: 1,
  }))
}
