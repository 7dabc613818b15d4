/** Graph model + layout → React Flow nodes and edges (groups first, as React Flow requires). */
import { MarkerType } from '@xyflow/react'
import type { GraphEdge, GraphModel, GraphNode } from '../../domain/graph/index.ts'
import { describeEdge } from '../../domain/graph/index.ts'
import type { Layout, LayoutInput, LayoutRole, Routes } from './layout/layout-types.ts'
import { namespaceMinWidth, nodeSize } from './layout/node-sizes.ts'
import { SPACING } from './layout/spacing.ts'
import type { MembraneFlowNode, RuleFlowEdge } from './flow-types.ts'
import { edgeLabelText } from './edges/edge-label-text.ts'
import type { L7Group } from './edges/l7-lines.ts'
import type { Bundle, NamespaceSummary } from './aggregate.ts'
import type { EdgeVerdict } from '../../domain/trace/index.ts'
import { bundleVerdict, markerColour, verdictLook } from './edges/verdict-style.ts'

/** The full L7 rules behind an edge, when the policy model has them. */
export type L7Lookup = (edge: GraphEdge) => readonly L7Group[] | undefined

const noL7: L7Lookup = () => undefined

/** A summary box: title, counts and shields. */
export const SUMMARY_HEIGHT = 64

export function layoutRole(n: GraphNode): LayoutRole {
  switch (n.kind) {
    case 'namespace':
      return 'group'
    case 'cidr':
    case 'fqdn':
      return 'external'
    case 'entity':
      return n.label === 'world' ? 'external' : 'cluster'
    case 'node':
      return 'cluster'
    default:
      return n.parent === undefined ? 'cluster' : 'member'
  }
}

export function layoutInput(
  graph: GraphModel,
  l7: L7Lookup = noL7,
  viewport?: { width: number; height: number },
  summaries?: ReadonlyMap<string, NamespaceSummary>,
): LayoutInput {
  return {
    nodes: graph.nodes.map((n) => {
      const summary = summaries?.get(n.id)
      const size =
        n.kind !== 'namespace'
          ? nodeSize(n)
          : summary
            ? { width: summary.width, height: SUMMARY_HEIGHT }
            : { width: Math.max(160, namespaceMinWidth(n)), height: SPACING.nsPadTop + 22 }
      return {
        id: n.id,
        ...(n.parent === undefined ? {} : { parent: n.parent }),
        ...size,
        isGroup: n.kind === 'namespace',
        role: layoutRole(n),
      }
    }),
    edges: graph.edges.map((e) => {
      const text = edgeLabelText(e, l7(e))
      return { id: e.id, source: e.source, target: e.target, labelWidth: text.width, labelHeight: text.height }
    }),
    ...(viewport ? { viewport } : {}),
  }
}

export function toFlowNodes(
  graph: GraphModel,
  layout: Layout,
  stale: boolean,
  summaries?: ReadonlyMap<string, NamespaceSummary>,
): MembraneFlowNode[] {
  const groups: MembraneFlowNode[] = []
  const members: MembraneFlowNode[] = []
  for (const n of graph.nodes) {
    const p = layout.get(n.id) ?? { x: 0, y: 0 }
    if (n.kind === 'namespace') {
      const summary = summaries?.get(n.id)
      groups.push({
        id: n.id,
        type: 'namespace',
        position: { x: p.x, y: p.y },
        data: { node: n, stale, ...(summary ? { summary } : {}) },
        style: { width: p.width ?? 240, height: p.height ?? 120 },
        zIndex: 0,
      })
    } else {
      const size = nodeSize(n)
      members.push({
        id: n.id,
        type: 'member',
        position: { x: p.x, y: p.y },
        data: { node: n, stale },
        // The DOM node takes the size the layout planned for, so nothing overlaps.
        style: { width: p.width ?? size.width, height: p.height ?? size.height },
        ...(n.parent !== undefined && layout.has(n.parent) ? { parentId: n.parent, extent: 'parent' as const } : {}),
        // Above edges and their labels, so a node's connection handles can always be grabbed.
        zIndex: 3,
      })
    }
  }
  return [...groups, ...members]
}

/**
 * `verdicts`: the evaluator's verdicts by edge id (edge-verdicts-slice.ts). The arrowhead takes
 * the colour of the edge's verdict look; a counted edge sums up the verdicts of its rules.
 */
export function toFlowEdges(
  graph: GraphModel,
  routes: Routes,
  l7: L7Lookup = noL7,
  bundles?: ReadonlyMap<string, Bundle>,
  verdicts?: Readonly<Record<string, EdgeVerdict>>,
): RuleFlowEdge[] {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]))
  const nameOf = (id: string): string => nodes.get(id as GraphNode['id'])?.label ?? id
  return graph.edges.map((e) => {
    const route = routes.get(e.id)
    const bundle = bundles?.get(e.id)
    const groups = bundle ? undefined : l7(e)
    const summary = bundle ? bundleVerdict(bundle.edges, verdicts, (id) => bundle.names.get(id) ?? nameOf(id)) : undefined
    const title = bundle
      ? [
          `${bundle.edges.length === 1 ? `One rule (${e.label})` : `${e.label} rules`} from ${nameOf(e.source)} to ${nameOf(e.target)}; open the namespace (double-click or zoom in) to see each`,
          ...summary!.lines,
        ].join('\n')
      : describeEdge(e, nodes)
    const look = summary ? summary.look : verdictLook(e, verdicts?.[e.id])
    return {
      id: e.id,
      type: 'rule',
      source: e.source,
      target: e.target,
      data: {
        edge: e,
        loop: e.source === e.target,
        title,
        ...(route ? { route } : {}),
        ...(groups ? { l7: groups } : {}),
        ...(bundle ? { bundle } : {}),
        ...(summary ? { bundleVerdict: summary } : {}),
      },
      className: `rule-edge rule-edge--${e.kind}${bundle ? ' rule-edge--aggregate' : ''}`,
      markerEnd: { type: MarkerType.ArrowClosed, color: markerColour(e.kind, look) },
      zIndex: 1,
    }
  })
}
