/** Maps between YAML offsets and graph elements, for selection sync in both directions. */
import type { GraphModel } from '../../domain/graph/index.ts'
import type { SourceRange } from '../../domain/policy/model.ts'
import type { Selection } from '../../store/workspace-types.ts'

/** The text range a selected node or edge came from. */
export function rangeOfSelection(graph: GraphModel, selection: Selection): SourceRange | null {
  if (selection.kind === 'edge') {
    const edge = graph.edges.find((e) => e.id === selection.id)
    return edge ? edge.origin.range : null
  }
  const node = graph.nodes.find((n) => n.id === selection.id)
  return node && node.origins.length > 0 ? node.origins[0].range : null
}

const contains = (r: SourceRange, offset: number): boolean => r.start <= offset && offset <= r.end
const size = (r: SourceRange): number => r.end - r.start

/** The innermost edge (rule element × peer) or node whose YAML contains `offset`. */
export function elementAtOffset(graph: GraphModel, offset: number): { kind: 'node' | 'edge'; id: string } | null {
  let best: { kind: 'node' | 'edge'; id: string; size: number } | null = null
  for (const e of graph.edges) {
    if (!contains(e.origin.range, offset)) continue
    // Inside an element with several peers, the peer under the cursor picks the edge.
    const s = contains(e.peerOrigin.range, offset) ? size(e.peerOrigin.range) : size(e.origin.range)
    if (!best || s < best.size) best = { kind: 'edge', id: e.id, size: s }
  }
  if (best) return { kind: best.kind, id: best.id }
  for (const n of graph.nodes) {
    if (n.kind === 'namespace') continue
    for (const o of n.origins) {
      if (contains(o.range, offset) && (!best || size(o.range) < best.size)) {
        best = { kind: 'node', id: n.id, size: size(o.range) }
      }
    }
  }
  return best ? { kind: best.kind, id: best.id } : null
}
