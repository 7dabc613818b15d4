/**
 * Palette nodes that are not in the YAML yet: drawn (dashed) so the user can connect them; the
 * first rule that mentions one makes it a real node and the draft disappears.
 */
import type { GraphModel, GraphNode, NodeId, NodeRef } from '../domain/graph/index.ts'
import { namespaceId, nodeSpecOf } from '../domain/graph/index.ts'
import { parseLabelText } from '../domain/edits/index.ts'

export type DraftKind = 'namespace' | 'workload' | 'entity' | 'cidr' | 'fqdn' | 'node'

export interface DraftNode {
  readonly id: NodeId
  readonly kind: DraftKind
  readonly label: string
  readonly namespace?: string
  readonly labels?: Readonly<Record<string, string>>
}

/** The same id and label the graph gives the thing once the YAML mentions it (node-spec.ts). */
function draftOf(kind: DraftKind, ref: NodeRef): DraftNode {
  const spec = nodeSpecOf(ref)
  return {
    id: spec.id,
    kind,
    label: spec.label,
    ...(spec.namespace !== undefined && { namespace: spec.namespace }),
    ...(spec.labels !== undefined && { labels: spec.labels }),
  }
}

export const PALETTE_ENTITIES = ['world', 'cluster', 'host', 'remote-node', 'kube-apiserver', 'health', 'ingress', 'all']

/** Builds a draft node for palette input, or an error message for input that cannot be a node. */
export function makeDraft(kind: DraftKind, input: { name?: string; namespace?: string; labels?: string }): DraftNode | string {
  const name = (input.name ?? '').trim()
  switch (kind) {
    case 'namespace':
      if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) return 'A namespace name is lowercase letters, digits and dashes.'
      return draftOf(kind, { kind: 'namespace', namespace: name })
    case 'workload': {
      const ns = (input.namespace ?? '').trim()
      const labels = parseLabelText(input.labels ?? '')
      if (!ns) return 'Give the workload a namespace.'
      if (!labels || Object.keys(labels).length === 0) return 'Give the workload labels, e.g. app=backend.'
      return draftOf(kind, { kind: 'workload', namespace: ns, labels })
    }
    case 'entity':
      if (!PALETTE_ENTITIES.includes(name)) return `Unknown entity "${name}".`
      return draftOf(kind, { kind: 'entity', name })
    case 'cidr': {
      const cidr = name.includes('/') ? name : name.includes(':') ? `${name}/128` : `${name}/32`
      if (!/^[0-9a-fA-F:.]+\/\d{1,3}$/.test(cidr)) return 'A CIDR looks like 10.0.0.0/8.'
      return draftOf(kind, { kind: 'cidr', cidr })
    }
    case 'fqdn':
      if (!/^[a-zA-Z0-9*._-]+$/.test(name)) return 'A DNS name or pattern, e.g. api.example.com or *.example.com.'
      return draftOf(kind, { kind: 'fqdn', name })
    case 'node': {
      const labels = parseLabelText(input.labels ?? '')
      if (!labels) return 'Node labels look like node-role.kubernetes.io/worker='
      return draftOf(kind, { kind: 'nodes', labels })
    }
  }
}

/** The graph plus the drafts it does not contain yet (and their namespaces). */
export function mergeDrafts(graph: GraphModel, drafts: readonly DraftNode[]): GraphModel {
  if (drafts.length === 0) return graph
  const have = new Set(graph.nodes.map((n) => n.id))
  const extra: GraphNode[] = []
  const add = (n: GraphNode): void => {
    if (have.has(n.id)) return
    have.add(n.id)
    extra.push(n)
  }
  const none = { ingress: false, egress: false }
  for (const d of drafts) {
    if (d.kind === 'workload' && d.namespace) {
      add({ ...nodeSpecOf({ kind: 'namespace', namespace: d.namespace }), shields: none, origins: [], detail: 'draft' })
    }
    add({
      id: d.id,
      kind: d.kind,
      label: d.label,
      shields: none,
      origins: [],
      detail: 'not in the YAML yet: connect it to write a rule',
      ...(d.kind === 'workload' && d.namespace ? { parent: namespaceId(d.namespace), namespace: d.namespace } : {}),
      // Drafts saved before namespace drafts carried their namespace have it only as the label.
      ...(d.kind === 'namespace' ? { namespace: d.namespace ?? d.label } : {}),
      ...(d.labels ? { labels: d.labels } : {}),
    })
  }
  return extra.length === 0 ? graph : { nodes: [...graph.nodes, ...extra], edges: graph.edges }
}

/** Drafts that the YAML now mentions are real nodes: drop them. */
export function pruneDrafts(graph: GraphModel, drafts: readonly DraftNode[]): readonly DraftNode[] {
  if (drafts.length === 0) return drafts
  const have = new Set(graph.nodes.map((n) => n.id))
  const kept = drafts.filter((d) => !have.has(d.id))
  return kept.length === drafts.length ? drafts : kept
}
