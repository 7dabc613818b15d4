/** The flows overlay → React Flow edges (zoomed far out, bundled between namespace boxes like rule edges). */
import type { GraphModel } from '../../domain/graph/index.ts'
import type { FlowEdge, FlowOverlay } from '../../store/flow-overlay.ts'
import type { ObservedFlowEdge } from './edges/FlowEdge.tsx'

export function toObservedEdges(overlay: FlowOverlay, graph: GraphModel, aggregate: boolean): ObservedFlowEdge[] {
  let list: readonly FlowEdge[] = overlay.edges
  if (aggregate) {
    const parent = new Map(graph.nodes.map((n) => [n.id as string, (n.parent ?? n.id) as string]))
    const bundles = new Map<string, FlowEdge>()
    for (const e of overlay.edges) {
      const source = parent.get(e.source) ?? e.source
      const target = parent.get(e.target) ?? e.target
      const id = `agg/flow/${e.verdict}/${source}>${target}`
      const b = bundles.get(id)
      bundles.set(
        id,
        b
          ? { ...b, count: b.count + e.count, records: b.records + e.records, breaks: b.breaks + e.breaks, opens: b.opens + e.opens }
          : { ...e, id, source, target },
      )
    }
    list = [...bundles.values()]
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
