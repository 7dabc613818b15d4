/**
 * Every id Membrane hands out — graph node ids, edge ids, policy keys and rule element ids — is
 * built and read back here, and nowhere else. The formats are a public contract (DESIGN.md
 * "Stable handles", README "Node ids"): e2e tests and scripts select nodes and edges by them.
 *
 * Ids of valid Kubernetes objects read exactly as documented. Characters Kubernetes never allows
 * where they would make an id ambiguous (`%`, `,` and `=` in label keys, `,` in label values, `/`
 * in a namespace …) are percent-encoded, so every id reads back into what built it.
 */
import { CLUSTER_KEY, NAMESPACE_KEY, NAMESPACE_LABELS_PREFIX, SERVICE_ACCOUNT_KEY } from '../labels/label.ts'

export type PolicyKind = 'CiliumNetworkPolicy' | 'CiliumClusterwideNetworkPolicy' | 'NetworkPolicy'

/** `ns/<namespace>`: a namespace box. */
export type NamespaceId = `ns/${string}`
/** `wl/<namespace>/<k=v,…>`: a workload, its identity labels sorted by key. */
export type WorkloadId = `wl/${string}/${string}`
/** `sel/<namespace or _cluster>/<policy>/<yaml path>`: a selector that is not one workload. */
export type SelectorId = `sel/${string}/${string}/${string}`
/** `entity/<name>`: a reserved entity (world, cluster, host …). */
export type EntityId = `entity/${string}`
/** `cidr/<cidr>`, or `cidr/group:<name>` for a CiliumCIDRGroup reference. */
export type CidrId = `cidr/${string}`
/** `fqdn/<name or pattern>`, lower-cased (DNS names are case-insensitive, cilium-semantics §5.6, §7.5). */
export type FqdnId = `fqdn/${string}`
/** `node/<k=v,…>` for a host-policy node selector (`node/` selects every node). */
export type HostId = `node/${string}`
/** `svc/<namespace or _any>/<name>`: a toServices peer. */
export type ServiceId = `svc/${string}/${string}`
/** Any graph node id; React Flow puts it in the node's `data-id`. */
export type NodeId = NamespaceId | WorkloadId | SelectorId | EntityId | CidrId | FqdnId | HostId | ServiceId

/** `<kind>/<namespace or _cluster>/<name>`: unique in a well-formed workspace. */
export type PolicyKey = `${PolicyKind}/${string}/${string}`
/** `<policy key>#<yaml path>`: one rule element (an item of ingress, egressDeny …). */
export type ElementId = `${PolicyKey}#${string}`
/** `<element id>/<peer index>`: one peer of one rule element, drawn as one edge. */
export type EdgeId = `${ElementId}/${number}`

/** A YAML path as the parser records it (`['spec', 'ingress', 0]`). */
export type PathParts = readonly (string | number)[]
type Labels = Readonly<Record<string, string>>

/** What a node id stands for. */
export type NodeHandle =
  | { readonly kind: 'namespace'; readonly namespace: string }
  | { readonly kind: 'workload'; readonly namespace: string; readonly labels: Labels }
  | { readonly kind: 'selector'; readonly namespace: string | null; readonly policy: string; readonly path: PathParts }
  | { readonly kind: 'entity'; readonly name: string }
  | { readonly kind: 'cidr'; readonly cidr: string }
  | { readonly kind: 'cidrGroup'; readonly name: string }
  | { readonly kind: 'fqdn'; readonly name: string }
  | { readonly kind: 'nodes'; readonly labels: Labels }
  | { readonly kind: 'nodeExpression'; readonly text: string }
  | { readonly kind: 'service'; readonly namespace: string | null; readonly name: string }

/** Handles that name one concrete thing a gesture can write a rule for (no selectors or services). */
export type NodeRef = Extract<NodeHandle, { kind: 'workload' | 'namespace' | 'entity' | 'cidr' | 'cidrGroup' | 'fqdn' | 'nodes' }>

/** Written where a cluster-scoped policy or selector has no namespace. */
export const CLUSTER_SCOPE = '_cluster'
/** Written where a toServices peer names no namespace. */
const ANY_SCOPE = '_any'

/** Label keys that describe where a pod runs rather than what it is; left out of workload ids. */
export function isContextKey(key: string): boolean {
  return key === NAMESPACE_KEY || key.startsWith(NAMESPACE_LABELS_PREFIX) || key === CLUSTER_KEY || key === SERVICE_ACCOUNT_KEY
}

// --- percent-encoding of the few characters that would make an id ambiguous -------------------

const encoder = (chars: RegExp) => (s: string): string =>
  s.replace(chars, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
/** Label keys: also `:`, `!`, `(`, `)` and blanks, which only a selector expression contains (see parseNodeId). */
const encodeKey = encoder(/[%,=:!()\s]/g)
const encodeValue = encoder(/[%,]/g)
const encodeScope = encoder(/[%/]/g)
const decode = (s: string): string => s.replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
const RAW_IN_KEY = /[:!()\s]/

/** DNS names and patterns compare case-insensitively and without the final dot (§5.6, §7.4). */
export function canonicalFqdn(name: string): string {
  const n = name.trim().toLowerCase()
  return n.length > 1 && n.endsWith('.') ? n.slice(0, -1) : n
}

/** `k=v,k=v`, keys sorted, as an id segment. */
function labelSegment(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${encodeKey(k)}=${encodeValue(labels[k])}`)
    .join(',')
}

/** Reads a label segment; null when a part is not `k=v` as labelSegment writes it. */
function parseLabelSegment(s: string): Record<string, string> | null {
  const out: Record<string, string> = {}
  if (s === '') return out
  for (const part of s.split(',')) {
    const eq = part.indexOf('=')
    if (eq <= 0 || RAW_IN_KEY.test(part.slice(0, eq))) return null
    const key = decode(part.slice(0, eq))
    // A context key is never part of a drawn identity: such text is a selector expression.
    if (isContextKey(key)) return null
    out[key] = decode(part.slice(eq + 1))
  }
  return out
}

const pathText = (path: PathParts): string => path.join('.')
const parsePath = (text: string): (string | number)[] =>
  text === '' ? [] : text.split('.').map((p) => (/^(0|[1-9]\d*)$/.test(p) ? Number(p) : p))

// --- node ids ----------------------------------------------------------------------------------

/** `ns/<namespace>`. */
export const namespaceId = (namespace: string): NamespaceId => `ns/${encodeScope(namespace)}`
/** `wl/<namespace>/<k=v,…>`, keys sorted, values as written. */
export const workloadId = (namespace: string, labels: Labels): WorkloadId => `wl/${encodeScope(namespace)}/${labelSegment(labels)}`
/** `sel/<namespace or _cluster>/<policy>/<yaml path of the selector>`. */
export const selectorId = (namespace: string | null, policy: string, path: PathParts): SelectorId =>
  `sel/${namespace === null ? CLUSTER_SCOPE : encodeScope(namespace)}/${policy}/${pathText(path)}`
/** `entity/<name>`. */
export const entityId = (name: string): EntityId => `entity/${name}`
/** `cidr/<cidr>`. */
export const cidrId = (cidr: string): CidrId => `cidr/${cidr}`
/** `cidr/group:<name>`. */
export const cidrGroupId = (name: string): CidrId => `cidr/group:${name}`
/** `fqdn/<name>` in canonical form, so a name typed in YAML and one drawn from the palette meet. */
export const fqdnId = (name: string): FqdnId => `fqdn/${canonicalFqdn(name)}`
/** `node/<k=v,…>` (an empty value is written `k=`). */
export const hostId = (labels: Labels): HostId => `node/${labelSegment(labels)}`
/** `node/<selector text>` for a node selector that is not plain labels. */
export const hostExpressionId = (text: string): HostId => `node/${text}`
/** `svc/<namespace or _any>/<name>`. */
export const serviceId = (namespace: string | null, name: string): ServiceId =>
  `svc/${namespace === null ? ANY_SCOPE : encodeScope(namespace)}/${name}`

/** The id of whatever a handle stands for. */
export function nodeId(h: NodeHandle): NodeId {
  switch (h.kind) {
    case 'namespace':
      return namespaceId(h.namespace)
    case 'workload':
      return workloadId(h.namespace, h.labels)
    case 'selector':
      return selectorId(h.namespace, h.policy, h.path)
    case 'entity':
      return entityId(h.name)
    case 'cidr':
      return cidrId(h.cidr)
    case 'cidrGroup':
      return cidrGroupId(h.name)
    case 'fqdn':
      return fqdnId(h.name)
    case 'nodes':
      return hostId(h.labels)
    case 'nodeExpression':
      return hostExpressionId(h.text)
    case 'service':
      return serviceId(h.namespace, h.name)
  }
}

const cut = (s: string, at: number): [string, string] | null => (at < 0 ? null : [s.slice(0, at), s.slice(at + 1)])

/** Reads a node id; null for text that is not one. */
export function parseNodeId(id: string): NodeHandle | null {
  const head = cut(id, id.indexOf('/'))
  if (!head) return null
  const [kind, rest] = head
  if (kind === 'node') {
    // `node/` is "all nodes" (`nodeSelector: {}`), a real host-policy subject (§2.1).
    const labels = parseLabelSegment(rest)
    return labels ? { kind: 'nodes', labels } : { kind: 'nodeExpression', text: rest }
  }
  if (rest === '') return null
  switch (kind) {
    case 'ns':
      return { kind: 'namespace', namespace: decode(rest) }
    case 'wl': {
      const parts = cut(rest, rest.indexOf('/'))
      const labels = parts && parts[0] !== '' ? parseLabelSegment(parts[1]) : null
      if (!parts || !labels || Object.keys(labels).length === 0) return null
      return { kind: 'workload', namespace: decode(parts[0]), labels }
    }
    case 'sel': {
      const scope = cut(rest, rest.indexOf('/'))
      const tail = scope && cut(scope[1], scope[1].lastIndexOf('/'))
      if (!scope || !tail || scope[0] === '' || tail[0] === '') return null
      return { kind: 'selector', namespace: scope[0] === CLUSTER_SCOPE ? null : decode(scope[0]), policy: tail[0], path: parsePath(tail[1]) }
    }
    case 'entity':
      return { kind: 'entity', name: rest }
    case 'cidr':
      return rest.startsWith('group:') ? { kind: 'cidrGroup', name: rest.slice('group:'.length) } : { kind: 'cidr', cidr: rest }
    case 'fqdn':
      return { kind: 'fqdn', name: rest }
    case 'svc': {
      const parts = cut(rest, rest.indexOf('/'))
      if (!parts || parts[0] === '') return null
      return { kind: 'service', namespace: parts[0] === ANY_SCOPE ? null : decode(parts[0]), name: parts[1] }
    }
    default:
      return null
  }
}

/** Whether text from outside the model (a React Flow event, a picker) is a node id. */
export function isNodeId(s: string): s is NodeId {
  return parseNodeId(s) !== null
}

/** The handle of a node id when it names one concrete thing a rule can be written for. */
export function parseNodeRef(id: string): NodeRef | null {
  const h = parseNodeId(id)
  return h === null || h.kind === 'selector' || h.kind === 'service' || h.kind === 'nodeExpression' ? null : h
}

/** Pods (workloads, namespaces) and host nodes are selected by policies; world, CIDRs and names are not. */
export function canHavePolicy(id: string): boolean {
  const kind = parseNodeId(id)?.kind
  return kind === 'workload' || kind === 'namespace' || kind === 'nodes' || kind === 'nodeExpression'
}

/** Whether the id stands for host nodes (a CCNP nodeSelector subject, §2.1). */
export function isHostId(id: string): id is HostId {
  return id.startsWith('node/')
}

// --- policy keys, element ids, edge ids --------------------------------------------------------

/** `<kind>/<namespace or _cluster>/<name>`. */
export function policyKey(kind: PolicyKind, namespace: string | null, name: string): PolicyKey {
  return `${kind}/${namespace === null ? CLUSTER_SCOPE : encodeScope(namespace)}/${name}`
}

const POLICY_KINDS: ReadonlySet<string> = new Set<PolicyKind>(['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy', 'NetworkPolicy'])

/** What a policy key names; null for text that is not one. */
export function parsePolicyKey(key: string): { kind: PolicyKind; namespace: string | null; name: string } | null {
  const first = cut(key, key.indexOf('/'))
  const second = first && cut(first[1], first[1].indexOf('/'))
  if (!first || !second || !POLICY_KINDS.has(first[0]) || second[0] === '' || second[1] === '') return null
  return { kind: first[0] as PolicyKind, namespace: second[0] === CLUSTER_SCOPE ? null : decode(second[0]), name: second[1] }
}

/** Whether text from outside the model is a policy key. */
export function isPolicyKey(s: string): s is PolicyKey {
  return parsePolicyKey(s) !== null
}

/** `<namespace or _cluster>/<name>`: a policy as messages and pickers name it. */
export function scopedName(namespace: string | null, name: string): string {
  return `${namespace ?? CLUSTER_SCOPE}/${name}`
}

/** `<policy key>#<yaml path>`, the path dot-joined (`spec.ingress.0`). */
export function elementId(key: PolicyKey, path: PathParts): ElementId {
  return `${key}#${pathText(path)}`
}

/** The policy key and YAML path of an element id; null for text that is not one. */
export function parseElementId(id: string): { policyKey: PolicyKey; path: (string | number)[] } | null {
  // A path has no `#`; a (malformed) policy name might.
  const parts = cut(id, id.lastIndexOf('#'))
  if (!parts || parsePolicyKey(parts[0]) === null || parts[1] === '') return null
  return { policyKey: parts[0] as PolicyKey, path: parsePath(parts[1]) }
}

/** `<element id>/<peer index>`. */
export function edgeId(element: ElementId, peerIndex: number): EdgeId {
  return `${element}/${peerIndex}`
}

/** The element and peer index of an edge id; null for text that is not one. */
export function parseEdgeId(id: string): { elementId: ElementId; policyKey: PolicyKey; path: (string | number)[]; peerIndex: number } | null {
  const parts = cut(id, id.lastIndexOf('/'))
  if (!parts || !/^(0|[1-9]\d*)$/.test(parts[1])) return null
  const element = parseElementId(parts[0])
  if (!element) return null
  return { elementId: parts[0] as ElementId, ...element, peerIndex: Number(parts[1]) }
}
