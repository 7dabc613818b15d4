import type { GraphModel } from '../domain/graph/index.ts'
import type { DraftNode } from '../store/drafts.ts'
import type { Selection } from '../store/workspace-types.ts'
import type { ActionTarget } from './types.ts'

/** The selection as an action target (what Delete applies to); null when it is not on the graph. */
export function targetOfSelection(selection: Selection | null, graph: GraphModel, drafts: readonly DraftNode[]): ActionTarget | null {
  if (!selection) return null
  if (selection.kind === 'edge') {
    const edge = graph.edges.find((e) => e.id === selection.id)
    return edge ? { kind: 'edge', edge } : null
  }
  const node = graph.nodes.find((n) => n.id === selection.id)
  return node ? { kind: 'node', node, draft: drafts.some((d) => d.id === node.id) } : null
}
