/** Plain-words descriptions of graph elements, for hover text ("what does this rule let through?"). */
import type { YamlPath } from '../policy/model.ts'
import { parsePolicyKey } from './handles.ts'
import type { GraphEdge, GraphNode } from './model.ts'
import { formatLabels } from './selector-scope.ts'

const ENTITY_WORDS: Readonly<Record<string, string>> = {
  world: 'anything outside the cluster (world)',
  cluster: 'everything inside the cluster',
  host: 'the local node (host)',
  'remote-node': 'other nodes of the cluster',
  'kube-apiserver': 'the Kubernetes API server',
  health: 'Cilium health endpoints',
  init: 'endpoints still getting their identity (init)',
  ingress: 'the Cilium ingress proxy',
  unmanaged: 'pods not managed by Cilium',
  all: 'any peer at all (every identity)',
}

export function describeNode(node: GraphNode | undefined, fallbackId: string): string {
  if (!node) return fallbackId
  const ns = node.namespace
  switch (node.kind) {
    case 'namespace':
      return `all pods in namespace ${node.label}`
    case 'workload':
      return `pods labelled ${node.label} in namespace ${ns ?? '?'}`
    case 'selector':
      // A cluster-wide `endpointSelector: {}` selects every endpoint, not "pods matching {}".
      if (node.detail === '{}') return 'every endpoint in the cluster'
      return `pods matching ${node.detail ?? node.label}${ns ? ` in namespace ${ns}` : ''}`
    case 'entity':
      return ENTITY_WORDS[node.label] ?? `entity ${node.label}`
    case 'cidr':
      // The CIDR as written (the label shows a single address without its /32).
      return `addresses in ${node.id.startsWith('cidr/') ? node.id.slice('cidr/'.length) : node.label}${node.detail ? ` ${node.detail}` : ''}`
    case 'fqdn':
      return `names matching ${node.label} (as resolved through the DNS proxy)`
    case 'node':
      return describeHosts(node)
    case 'service':
      return node.label
  }
}

/** A host-policy node: its labels (none: every node), else the selector expression behind it. */
function describeHosts(node: GraphNode): string {
  if (node.labels === undefined) return `nodes labelled ${node.detail ?? node.label}`
  return Object.keys(node.labels).length === 0 ? 'every node (host firewall)' : `nodes labelled ${formatLabels(node.labels)}`
}

/** `spec.ingress[0]` from `['spec', 'ingress', 0]`. */
export function formatPath(path: YamlPath): string {
  return path.reduce<string>((out, p) => (typeof p === 'number' ? `${out}[${p}]` : out === '' ? p : `${out}.${p}`), '')
}

/** E.g. "pods labelled app=frontend in namespace shop may connect to … on TCP/8080." */
export function describeEdge(edge: GraphEdge, nodes: ReadonlyMap<string, GraphNode>): string {
  const from = describeNode(nodes.get(edge.source), edge.source)
  const to = describeNode(nodes.get(edge.target), edge.target)
  const ports = edge.label === 'any' ? 'on any port and protocol' : `on ${edge.label}`
  const l7 = edge.l7 ? `, only requests matching ${edge.l7}` : ''
  const verb = edge.kind === 'deny' ? 'may NOT connect to' : 'may connect to'
  const key = parsePolicyKey(edge.policyKey)
  const policy = key === null ? edge.policyKey : key.namespace === null ? `${key.kind} ${key.name}` : `${key.kind} ${key.namespace}/${key.name}`
  const badges = edge.badges?.length ? `\n${edge.badges.map((b) => b.explain).join('\n')}` : ''
  return `${capitalize(from)} ${verb} ${to} ${ports}${l7}.${badges}\n${edge.direction} rule ${formatPath(edge.origin.path)} of ${policy}`
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}
