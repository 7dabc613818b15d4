/**
 * The flows overlay → React Flow edges. Flows whose endpoint sits in a namespace folded into a
 * summary box are drawn to that box, bundled per verdict like the counted rule edges. The layout
 * routes them around nodes like rule edges (useGraphLayout adds them to its input), so a flow
 * never reads as another node's traffic.
 */
import type { GraphModel } from '../../domain/graph/index.ts'
import type { FlowEdge, FlowOverlay } from '../../store/flow-overlay.ts'
import type { ObservedFlowEdge } from './edges/FlowEdge.tsx'
import type { LayoutEdgeInput, LayoutInput, Routes } from './layout/layout-types.ts'
import { monoWidth, textWidth } from './layout/text-width.ts'

/** flow-edge.css: 10 px text, 14 px lines, 4 px padding, 3 px gaps, 1 px border. */
const FLOW_FONT_PX = 10
const FLOW_LABEL_HEIGHT = 16
const FLOW_GAP = 3
const BADGE_PAD = 6

/** The overlay's edges as drawn with `collapsed` namespaces folded into summary boxes. */
export function foldFlowEdges(edges: readonly FlowEdge[], graph: GraphModel, collapsed: ReadonlySet<string>): readonly FlowEdge[] {
  if (collapsed.size === 0) return edges
  const folded = new Map<string, string>()
  for (const n of graph.nodes) if (n.parent !== undefined && collapsed.has(n.parent)) folded.set(n.id, n.parent)
  const bundles = new Map<string, FlowEdge>()
  const kept: FlowEdge[] = []
  for (const e of edges) {
    const source = folded.get(e.source) ?? e.source
    const target = folded.get(e.target) ?? e.target
    if (source === e.source && target === e.target) {
      kept.push(e)
      continue
    }
    // Traffic inside one summary box has no edge to draw (as rules inside it).
    if (source === target) continue
    const id = `agg/flow/${e.verdict}/${source}>${target}`
    const b = bundles.get(id)
    bundles.set(
      id,
      b
        ? { ...b, count: b.count + e.count, records: b.records + e.records, breaks: b.breaks + e.breaks, opens: b.opens + e.opens }
        : { ...e, id, source, target },
    )
  }
  return [...kept, ...bundles.values()]
}

/** The flow label's size (FlowEdge.tsx draws it at exactly this size, so the layout's room fits). */
export function flowLabelSize(e: FlowEdge): { width: number; height: number } {
  let width = 2 * 4 + 2 + monoWidth(e.recorded.length, FLOW_FONT_PX) + FLOW_GAP + textWidth(`×${e.count}`, FLOW_FONT_PX)
  if (e.breaks > 0) width += FLOW_GAP + BADGE_PAD + textWidth('would break', FLOW_FONT_PX, true)
  if (e.opens > 0) width += FLOW_GAP + BADGE_PAD + textWidth('would open', FLOW_FONT_PX, true)
  return { width: Math.ceil(width), height: FLOW_LABEL_HEIGHT }
}

/** The layout input with the drawn flow edges added, so the router takes them around nodes too. */
export function withFlowEdges(input: LayoutInput, flows: readonly FlowEdge[]): LayoutInput {
  if (flows.length === 0) return input
  const ids = new Set(input.nodes.map((n) => n.id))
  const extra: LayoutEdgeInput[] = []
  for (const f of flows) {
    if (!ids.has(f.source) || !ids.has(f.target)) continue
    const size = flowLabelSize(f)
    extra.push({ id: f.id, source: f.source, target: f.target, labelWidth: size.width, labelHeight: size.height })
  }
  return { ...input, edges: [...input.edges, ...extra] }
}

export function toObservedEdges(overlay: FlowOverlay, graph: GraphModel, collapsed: ReadonlySet<string>, routes?: Routes): ObservedFlowEdge[] {
  return foldFlowEdges(overlay.edges, graph, collapsed).map((e) => {
    const route = routes?.get(e.id)
    return {
      id: e.id,
      type: 'flow' as const,
      source: e.source,
      target: e.target,
      data: { flow: e, loop: e.source === e.target, ...(route ? { route } : {}) },
      zIndex: 1,
    }
  })
}
