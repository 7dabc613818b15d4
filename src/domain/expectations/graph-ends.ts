/**
 * Where an expectation sits on the graph: the node ids of its two ends, so the page can draw it
 * as a test edge. A `ns:k=v` end is the workload with those labels, or else the first drawn
 * workload of the namespace that carries them all; entities and single addresses map to their
 * nodes; a pod by name has no node of its own (null: listed in the panel, not drawn).
 */
import { cidrId, entityId, parseNodeId, workloadId } from '../graph/handles.ts'
import type { Expectation } from './model.ts'
import { SpecError, parsePeerSpec } from './spec.ts'

function endNode(spec: string, nodes: ReadonlySet<string>): string | null {
  let peer
  try {
    peer = parsePeerSpec(spec)
  } catch (e) {
    if (e instanceof SpecError) return null
    throw e
  }
  switch (peer.kind) {
    case 'entity':
      return nodes.has(entityId(peer.name)) ? entityId(peer.name) : null
    case 'ip': {
      const id = cidrId(`${peer.ip}/${peer.ip.includes(':') ? 128 : 32}`)
      return nodes.has(id) ? id : nodes.has('entity/world') ? 'entity/world' : null
    }
    case 'pod': {
      const exact = workloadId(peer.namespace, peer.labels)
      if (nodes.has(exact)) return exact
      const want = Object.entries(peer.labels)
      for (const id of nodes) {
        const h = parseNodeId(id)
        if (h?.kind === 'workload' && h.namespace === peer.namespace && want.every(([k, v]) => h.labels[k] === v)) return id
      }
      return null
    }
    case 'named-pod':
    case 'fqdn':
      return null
  }
}

/** The graph node ids of the expectation's ends; null where an end has no node. */
export function expectationEnds(e: Pick<Expectation, 'from' | 'to'>, nodes: ReadonlySet<string>): { source: string | null; target: string | null } {
  return { source: endNode(e.from, nodes), target: endNode(e.to, nodes) }
}
