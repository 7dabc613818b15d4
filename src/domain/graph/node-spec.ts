/**
 * The node drawn for one concrete thing (a workload, namespace, entity, CIDR, DNS name or node
 * set). Both the graph built from YAML and the palette drafts use it, so the two never disagree
 * on an id or a label.
 */
import type { NamespaceId, NodeId, NodeRef } from './handles.ts'
import { canonicalFqdn, namespaceId, nodeId } from './handles.ts'
import type { GraphNodeKind } from './model.ts'
import { formatLabels } from './selector-scope.ts'

/** A graph node without the parts that come from policies (shields, origins). */
export interface NodeSpec {
  readonly id: NodeId
  readonly kind: GraphNodeKind
  readonly label: string
  readonly parent?: NamespaceId
  readonly namespace?: string
  readonly labels?: Readonly<Record<string, string>>
  readonly detail?: string
}

/** Id, kind, label and fields of the node that stands for `ref`. */
export function nodeSpecOf(ref: NodeRef): NodeSpec {
  const id = nodeId(ref)
  switch (ref.kind) {
    case 'namespace':
      return { id, kind: 'namespace', label: ref.namespace, namespace: ref.namespace }
    case 'workload':
      return { id, kind: 'workload', label: formatLabels(ref.labels), labels: ref.labels, parent: namespaceId(ref.namespace), namespace: ref.namespace }
    case 'entity':
      return { id, kind: 'entity', label: ref.name }
    case 'cidr':
      return { id, kind: 'cidr', label: ref.cidr }
    case 'cidrGroup':
      return { id, kind: 'cidr', label: `CIDR group ${ref.name}` }
    case 'fqdn':
      return { id, kind: 'fqdn', label: canonicalFqdn(ref.name) }
    case 'nodes': {
      const text = formatLabels(ref.labels)
      return { id, kind: 'node', label: text === '' ? 'all nodes' : `node ${text}`, labels: ref.labels }
    }
  }
}
