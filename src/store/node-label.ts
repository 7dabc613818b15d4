/** What a node is called in dialog titles and buttons: its label, never its id. */
import { formatLabels, parseNodeId } from '../domain/graph/index.ts'
import type { GraphModel } from '../domain/graph/index.ts'
import { useWorkspace } from './workspace-store.ts'

/**
 * The node's label as the graph shows it (`app=frontend`); with the namespace added when `other`
 * (the node at the far end of a connection) lives in another namespace, so `app=api → app=api`
 * never happens. Falls back to what the id says when the node is not drawn (any more).
 */
export function nodeLabel(id: string, other?: string, graph: GraphModel = useWorkspace.getState().displayGraph): string {
  const node = graph.nodes.find((n) => n.id === id)
  const far = other === undefined ? undefined : graph.nodes.find((n) => n.id === other)
  if (node) {
    const ns = node.kind === 'workload' ? node.namespace : undefined
    return ns && far?.namespace && far.namespace !== ns ? `${node.label} (${ns})` : node.label
  }
  const h = parseNodeId(id)
  if (h?.kind === 'workload') return formatLabels(h.labels)
  if (h && 'name' in h && typeof h.name === 'string') return h.name
  return id.slice(id.indexOf('/') + 1)
}
