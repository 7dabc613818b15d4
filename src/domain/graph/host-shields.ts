/**
 * Host nodes' default-deny shields as enforced: host (nodeSelector) policies apply only with the
 * host firewall (§2.1). The graph builds the shields as if it were on; with it off no host policy
 * is enforced, so the host nodes (and the host / remote-node entities) carry no shield.
 */
import type { GraphModel, GraphNode } from './model.ts'

const isHost = (n: GraphNode): boolean => n.kind === 'node' || (n.kind === 'entity' && (n.label === 'host' || n.label === 'remote-node'))

/** The graph with host nodes' shields as enforced (the same graph when nothing changes). */
export function withHostShields(graph: GraphModel, hostFirewall: boolean): GraphModel {
  if (hostFirewall || !graph.nodes.some((n) => isHost(n) && (n.shields.ingress || n.shields.egress))) return graph
  return {
    ...graph,
    nodes: graph.nodes.map((n) => (isHost(n) && (n.shields.ingress || n.shields.egress) ? { ...n, shields: { ingress: false, egress: false } } : n)),
  }
}
