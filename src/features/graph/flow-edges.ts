/**
 * The flows overlay → React Flow edges. Flows whose endpoint sits in a namespace folded into a
 * summary box are drawn to that box, bundled per verdict like the counted rule edges.
 */
import type { GraphModel } from '../../domain/graph/index.ts'
import type { FlowEdge, FlowOverlay } from '../../store/flow-overlay.ts'
import type { ObservedFlowEdge } from './edges/FlowEdge.tsx'

export function toObservedEdges(overlay: FlowOverlay, graph: GraphModel, collapsed: ReadonlySet<string>): ObservedFlowEdge[] {
  let list: readonly FlowEdge[] = overlay.edges
  if (collapsed.size > 0) {
    const folded = new Map<string, string>()
    for (const n of graph.nodes) if (n.parent !== undefined && collapsed.has(n.parent)) folded.set(n.id, n.parent)
    const bundles = new Map<string, FlowEdge>()
    const kept: FlowEdge[] = []
    for (const e of overlay.edges) {
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
    list = [...kept, ...bundles.values()]
  }
  return list.map((e) => ({
    id: e.id,
    type: 'flow' as const,
    source: e.source,
    target: e.target,
    data: { flow: e, loop: e.source === e.target },
    zIndex: 1,
  }))
}
