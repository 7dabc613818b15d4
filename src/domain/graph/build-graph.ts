/**
 * Policy model → graph model. Subjects and peers become nodes (ids per DESIGN.md), every
 * (rule element, peer) becomes an edge in the direction of traffic.
 */
import type { Label } from '../labels/label.ts'
import { NAMESPACE_KEY } from '../labels/label.ts'
import type { Selector } from '../labels/selector.ts'
import type { Requirement } from '../labels/selector.ts'
import { LabelIndex, selectorMatches } from '../labels/selector.ts'
import type { Origin, ParseResult, Peer, Policy, Rule, RuleElement } from '../policy/model.ts'
import { edgeBadges, l7Label, portsLabel } from './edge-labels.ts'
import type { NodeId, PolicyKey } from './handles.ts'
import { edgeId, hostExpressionId, namespaceId, selectorId, serviceId } from './handles.ts'
import type { GraphEdge, GraphModel, GraphNode } from './model.ts'
import type { NodeSpec } from './node-spec.ts'
import { nodeSpecOf } from './node-spec.ts'
import type { DrawnScope } from './selector-scope.ts'
import { describeRequirement, describeSelector, drawnScope, plainLabels } from './selector-scope.ts'

interface NodeDraft extends NodeSpec {
  readonly shields: { ingress: boolean; egress: boolean }
  readonly origins: Origin[]
}

/**
 * Builds the cluster-map graph of a parse result. Pure; the same input gives the same graph.
 * `namespaceLabels`: what is known of the namespaces' labels (an inventory, or the namespace
 * labels Hubble records with flows); a KNP `namespaceSelector` they resolve to one namespace is
 * drawn as the workload it selects there (§8.2).
 */
export function buildGraph(parsed: Pick<ParseResult, 'policies'>, options: BuildOptions = {}): GraphModel {
  const known = options.namespaceLabels
  const nodes = new Map<NodeId, NodeDraft>()
  const edges: GraphEdge[] = []
  const policySubjects: Record<PolicyKey, NodeId[]> = {}

  const touch = (spec: NodeSpec, origin: Origin): NodeId => {
    let node = nodes.get(spec.id)
    if (!node) {
      node = { ...spec, shields: { ingress: false, egress: false }, origins: [] }
      nodes.set(spec.id, node)
      if (spec.namespace !== undefined) ensureNamespace(spec.namespace, origin)
    }
    node.origins.push(origin)
    return spec.id
  }
  const ensureNamespace = (namespace: string, origin: Origin): void => {
    if (!nodes.has(namespaceId(namespace))) touch(nodeSpecOf({ kind: 'namespace', namespace }), origin)
  }

  for (const policy of parsed.policies) {
    if (policy.namespace !== null) ensureNamespace(policy.namespace, policy.origin)
    policy.rules.forEach((rule) => {
      const subject = touch(subjectNode(policy, rule), rule.subjectOrigin)
      const subjects = (policySubjects[policy.key] ??= [])
      if (!subjects.includes(subject)) subjects.push(subject)
      for (const element of rule.elements) {
        element.peers.forEach((peer, i) => {
          const peerId = touch(peerNode(policy, peer, known), peer.origin)
          const [source, target] = element.direction === 'ingress' ? [peerId, subject] : [subject, peerId]
          edges.push(edgeFor(policy, element, i, source, target, peer.origin))
        })
      }
    })
  }

  applyShields(parsed.policies, nodes)
  const sortedNodes = [...nodes.values()].sort(byId).map(toNode)
  return { nodes: sortedNodes, edges: edges.sort(byId), policySubjects }
}

function edgeFor(
  policy: Policy,
  element: RuleElement,
  peerIndex: number,
  source: NodeId,
  target: NodeId,
  peerOrigin: Origin,
): GraphEdge {
  const l7 = l7Label(element.toPorts)
  const badges = edgeBadges(element.toPorts)
  return {
    id: edgeId(element.id, peerIndex),
    source,
    target,
    kind: element.deny ? 'deny' : 'allow',
    label: portsLabel(element),
    ...(l7 === undefined ? {} : { l7 }),
    ...(badges === undefined ? {} : { badges }),
    direction: element.direction,
    policyKey: policy.key,
    elementId: element.id,
    peerIndex,
    origin: element.origin,
    peerOrigin,
  }
}

function subjectNode(policy: Policy, rule: Rule): NodeSpec {
  if (rule.subject.kind === 'nodes') return hostNode(rule.subject.selector)
  return selectorNode(rule.subject.selector, policy, rule.subjectOrigin, 'all endpoints')
}

function hostNode(selector: Selector): NodeSpec {
  const plain = plainLabels(selector.requirements)
  if (plain) return nodeSpecOf({ kind: 'nodes', labels: plain })
  const text = describeSelector(selector)
  return { id: hostExpressionId(text), kind: 'node', label: `node ${text}`, detail: text }
}

/** A pod selector as the node a person would expect: a namespace, a workload or a selector box. */
function selectorNode(selector: Selector, policy: Policy, origin: Origin, everything: string, known?: NamespaceLabels): NodeSpec {
  const reserved = selector.requirements.filter((r) => r.source === 'reserved')
  if (reserved.length === 1 && selector.requirements.length === 1) {
    return nodeSpecOf({ kind: 'entity', name: reserved[0].key })
  }
  const scope = resolveNamespace(drawnScope(selector), known)
  const plain = plainLabels(scope.rest)
  const pods = scope.rest.length === 0 ? 'all pods' : `pods ${scope.rest.map(describeRequirement).join(', ')}`
  const nsLabels = scope.namespaceLabels.map(describeRequirement).join(', ')
  if (scope.namespace !== null && scope.namespaceLabels.length > 0) {
    return {
      id: selectorId(scope.namespace, policy.name, origin.path),
      kind: 'selector',
      label: `${pods}, if namespace has ${nsLabels}`,
      detail: describeSelector(selector),
      parent: namespaceId(scope.namespace),
      namespace: scope.namespace,
    }
  }
  if (scope.namespace !== null) {
    const ns = scope.namespace
    if (plain && scope.rest.length === 0) return nodeSpecOf({ kind: 'namespace', namespace: ns })
    if (plain) return nodeSpecOf({ kind: 'workload', namespace: ns, labels: plain })
    return {
      id: selectorId(ns, policy.name, origin.path),
      kind: 'selector',
      label: describeSelector({ requirements: scope.rest }),
      detail: describeSelector(selector),
      parent: namespaceId(ns),
      namespace: ns,
    }
  }
  if (scope.namespaceLabels.length > 0) {
    // KNP namespaceSelector (§8.2): "pods app=orders in namespaces team=api", never raw keys;
    // the namespaces known to match (several of them) are named.
    const which = scope.matching && scope.matching.length > 0 ? ` (${scope.matching.join(', ')})` : ''
    return {
      id: selectorId(policy.namespace, policy.name, origin.path),
      kind: 'selector',
      label: `${pods} in namespaces ${nsLabels}${which}`,
      detail: describeSelector(selector),
    }
  }
  const label =
    scope.rest.length === 0
      ? scope.anyNamespace
        ? 'all pods, any namespace'
        : everything
      : `${describeSelector({ requirements: scope.rest })}${scope.anyNamespace ? ' (any namespace)' : ''}`
  return {
    id: selectorId(policy.namespace, policy.name, origin.path),
    kind: 'selector',
    label,
    detail: describeSelector(selector),
  }
}

function peerNode(policy: Policy, peer: Peer, known: NamespaceLabels | undefined): NodeSpec {
  switch (peer.kind) {
    case 'endpoints':
      return selectorNode(peer.selector, policy, peer.origin, 'all endpoints', known)
    case 'entity':
      return nodeSpecOf({ kind: 'entity', name: peer.entity })
    case 'wildcard':
      return nodeSpecOf({ kind: 'entity', name: 'all' })
    case 'cidr': {
      const spec = nodeSpecOf({ kind: 'cidr', cidr: peer.cidr })
      return peer.except.length > 0 ? { ...spec, detail: `except ${peer.except.join(', ')}` } : spec
    }
    case 'cidrGroup':
      return nodeSpecOf({ kind: 'cidrGroup', name: peer.ref ?? describeSelector(peer.selector ?? { requirements: [] }) })
    case 'fqdn':
      return nodeSpecOf({ kind: 'fqdn', name: peer.matchName ?? peer.matchPattern ?? '*' })
    case 'service': {
      const name = peer.name ?? describeSelector(peer.selector ?? { requirements: [] })
      return { id: serviceId(peer.namespace ?? null, name), kind: 'service', label: `service ${name}` }
    }
    case 'nodes':
      return hostNode(peer.selector)
  }
}

/** Marks nodes whose direction is default-deny (§3.2) by testing drawn workloads against subjects. */
function applyShields(policies: readonly Policy[], nodes: Map<NodeId, NodeDraft>): void {
  const identities = [...nodes.values()]
    .filter((n) => n.kind === 'workload' || n.kind === 'namespace')
    .map((n) => ({ node: n, labels: new LabelIndex(identityLabels(n)) }))
  // Drawn nodes (host-policy subjects, fromNodes peers) with their labels, as host identities
  // carrying node labels: a host policy makes them default-deny like a workload (§2.1, §3.2).
  // The graph assumes the host firewall is on, as the evaluator does when host policies exist.
  const hosts = [...nodes.values()]
    .filter((n) => (n.kind === 'node' && n.labels !== undefined) || (n.kind === 'entity' && (n.label === 'host' || n.label === 'remote-node')))
    // The host and remote-node entities are nodes of unknown labels: only selectors every node
    // satisfies (`nodeSelector: {}`) are known to select them.
    .map((n) => ({ node: n, labels: new LabelIndex(hostLabels(n.kind === 'node' ? (n.labels ?? {}) : {})) }))
  for (const policy of policies) {
    for (const rule of policy.rules) {
      const enforces = {
        ingress: rule.defaultDeny.ingress && rule.elements.some((e) => e.direction === 'ingress'),
        egress: rule.defaultDeny.egress && rule.elements.some((e) => e.direction === 'egress'),
      }
      if (!enforces.ingress && !enforces.egress) continue
      const targets = rule.subject.kind === 'nodes' ? hosts : identities
      for (const { node, labels } of targets) {
        if (!selectorMatches(rule.subject.selector, labels)) continue
        if (enforces.ingress) node.shields.ingress = true
        if (enforces.egress) node.shields.egress = true
      }
    }
  }
}

/** Labels of the namespaces known by name (an inventory, flows' namespace labels). */
export type NamespaceLabels = Readonly<Record<string, Readonly<Record<string, string>>>>

export interface BuildOptions {
  readonly namespaceLabels?: NamespaceLabels
}

/** Whether a namespace's labels satisfy a requirement on namespace labels (keys without prefix). */
function namespaceHas(labels: Readonly<Record<string, string>>, r: Requirement): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key)
  switch (r.operator) {
    case 'In':
      return has && r.values.includes(labels[r.key])
    case 'NotIn':
      return !has || !r.values.includes(labels[r.key])
    case 'Exists':
      return has
    case 'DoesNotExist':
      return !has
  }
}

/**
 * A scope whose namespace-label requirements the known namespaces decide: exactly one namespace
 * matches → pinned to it (drawn as the workload it selects there); a pinned namespace known to
 * carry the labels → the condition is dropped. Every namespace carries its own name as
 * `kubernetes.io/metadata.name`. `matching` lists the known namespaces that match when several do.
 */
function resolveNamespace(scope: DrawnScope, known: NamespaceLabels | undefined): DrawnScope & { readonly matching?: readonly string[] } {
  if (!known || scope.namespaceLabels.length === 0) return scope
  const labelsOf = (ns: string): Record<string, string> => ({ 'kubernetes.io/metadata.name': ns, ...known[ns] })
  const fits = (ns: string): boolean => scope.namespaceLabels.every((r) => namespaceHas(labelsOf(ns), r))
  if (scope.namespace !== null) {
    return known[scope.namespace] !== undefined && fits(scope.namespace) ? { ...scope, namespaceLabels: [] } : scope
  }
  const matching = Object.keys(known).filter(fits).sort()
  if (matching.length === 1) return { ...scope, namespace: matching[0], anyNamespace: false, namespaceLabels: [] }
  return { ...scope, matching }
}

function hostLabels(labels: Readonly<Record<string, string>>): Label[] {
  return [{ source: 'reserved', key: 'host', value: '' }, ...Object.entries(labels).map(([key, value]) => ({ source: 'node', key, value }))]
}

/** The identity a drawn workload (or "every pod of a namespace") would have (§1.3). */
function identityLabels(node: NodeDraft): Label[] {
  const namespace = node.namespace
  const labels: Label[] = Object.entries(node.labels ?? {}).map(([key, value]) => ({ source: 'k8s', key, value }))
  if (namespace !== undefined) labels.push({ source: 'k8s', key: NAMESPACE_KEY, value: namespace })
  return labels
}

function toNode(d: NodeDraft): GraphNode {
  return {
    id: d.id,
    kind: d.kind,
    label: d.label,
    ...(d.parent === undefined ? {} : { parent: d.parent }),
    ...(d.namespace === undefined ? {} : { namespace: d.namespace }),
    ...(d.labels === undefined ? {} : { labels: d.labels }),
    ...(d.detail === undefined ? {} : { detail: d.detail }),
    shields: d.shields,
    origins: d.origins,
  }
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}
