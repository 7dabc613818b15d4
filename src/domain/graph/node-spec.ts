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
      return { id, kind: 'cidr', label: cidrCaption(ref.cidr) }
    case 'cidrGroup':
      return { id, kind: 'cidr', label: `CIDR group ${ref.name}` }
    case 'fqdn':
      return { id, kind: 'fqdn', label: canonicalFqdn(ref.name) }
    case 'nodes': {
      const text = formatLabels(ref.labels)
      if (text === '') return { id, kind: 'node', label: 'all nodes', labels: ref.labels }
      return { id, kind: 'node', label: nodeSetLabel(ref.labels), labels: ref.labels, detail: text }
    }
  }
}

const ROLE_PREFIX = 'node-role.kubernetes.io/'
/** Well-known node labels in plain words: `<key>=<value>` → what a person calls those nodes. */
const NODE_LABEL_WORDS: Readonly<Record<string, (value: string) => string>> = {
  'kubernetes.io/hostname': (v) => `node ${v}`,
  'topology.kubernetes.io/zone': (v) => `nodes in zone ${v}`,
  'topology.kubernetes.io/region': (v) => `nodes in region ${v}`,
  'node.kubernetes.io/instance-type': (v) => `${v} nodes`,
  'kubernetes.io/os': (v) => `${v} nodes`,
  'kubernetes.io/arch': (v) => `${v} nodes`,
}

/**
 * A node set as a person says it: `control-plane nodes` for `node-role.kubernetes.io/control-plane=`,
 * `worker nodes` for `node-role=worker`; other labels stay `k=v`. The full labels are the detail.
 */
export function nodeSetLabel(labels: Readonly<Record<string, string>>): string {
  const roles: string[] = []
  const rest: string[] = []
  let named: string | null = null
  for (const key of Object.keys(labels).sort()) {
    const value = labels[key]
    if (key.startsWith(ROLE_PREFIX) && (value === '' || value === 'true')) roles.push(key.slice(ROLE_PREFIX.length))
    else if ((key === 'node-role' || key === 'role') && value !== '') roles.push(value)
    else if (named === null && NODE_LABEL_WORDS[key] && value !== '') named = NODE_LABEL_WORDS[key](value)
    else rest.push(value === '' ? key : `${key}=${value}`)
  }
  const head = roles.length > 0 ? `${roles.join(' + ')} nodes` : named ?? `nodes ${rest.shift() ?? ''}`.trim()
  const tail = [...(roles.length > 0 && named !== null ? [named] : []), ...rest]
  return tail.length === 0 ? head : `${head} (${tail.join(', ')})`
}

/**
 * A single-address prefix (`/32`, `/128`) reads as the address: shorter on the map, and what a
 * person means by it. The full CIDR stays in the node id and in the hover text (describe.ts).
 */
export function cidrCaption(cidr: string): string {
  const m = /^(.*)\/(\d+)$/.exec(cidr)
  if (!m) return cidr
  const single = m[1].includes(':') ? m[2] === '128' : m[2] === '32'
  return single ? m[1] : cidr
}
