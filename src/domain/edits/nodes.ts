/**
 * The concrete things a gesture names (read from node ids by handles.ts), their display names,
 * and the policies whose subject is exactly such a thing.
 */
import type { NodeRef } from '../graph/handles.ts'
import { scopedName } from '../graph/handles.ts'
import { plainLabels, selectorScope } from '../graph/selector-scope.ts'
import type { Label } from '../labels/label.ts'
import { NAMESPACE_KEY } from '../labels/label.ts'
import { LabelIndex, selectorMatches } from '../labels/selector.ts'
import type { Direction, ParseResult, Policy, Rule } from '../policy/model.ts'

export type { NodeRef }

export type EndpointRef = Extract<NodeRef, { kind: 'workload' | 'namespace' }>

export function isEndpoint(n: NodeRef): n is EndpointRef {
  return n.kind === 'workload' || n.kind === 'namespace'
}

/** Nodes a host policy (CCNP nodeSelector, §2.1) applies to. */
export type HostRef = Extract<NodeRef, { kind: 'nodes' }>
/** Whatever a policy rule can select: pods (endpointSelector) or nodes (nodeSelector, §2.1). */
export type SubjectRef = EndpointRef | HostRef

/** Short human name: `shop/backend`, `all pods in shop`, `world`, `api.stripe.com`. */
export function displayName(n: NodeRef): string {
  switch (n.kind) {
    case 'workload':
      return `${n.namespace}/${shortName(n)}`
    case 'namespace':
      return `all pods in ${n.namespace}`
    case 'entity':
      return n.name
    case 'cidr':
      return n.cidr
    case 'cidrGroup':
      return `CIDR group ${n.name}`
    case 'fqdn':
      return n.name
    case 'nodes':
      return Object.keys(n.labels).length === 0 ? 'all nodes' : `nodes ${Object.entries(n.labels).map(([k, v]) => `${k}=${v}`).join(',')}`
  }
}

/** A name fragment for generated policy names: the `app` label, else the label values. */
export function shortName(n: NodeRef): string {
  switch (n.kind) {
    case 'workload':
      return n.labels.app ?? n.labels['app.kubernetes.io/name'] ?? n.labels['k8s-app'] ?? Object.values(n.labels).join('-')
    case 'namespace':
      return n.namespace
    case 'entity':
      return n.name
    case 'cidr':
      return n.cidr
    case 'cidrGroup':
      return n.name
    case 'fqdn':
      return n.name
    case 'nodes':
      return Object.values(n.labels).join('-') || 'nodes'
  }
}

/** A DNS-1123 fragment: lowercase alphanumerics and `-`. */
export function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'x'
}

/** `base`, else `base-2`, `base-3` … not yet used by a policy in `namespace` (or in `taken`). */
export function uniqueName(parse: ParseResult, namespace: string | null, base: string, taken: ReadonlySet<string> = new Set()): string {
  const used = new Set(parse.policies.filter((p) => p.namespace === namespace).map((p) => p.name))
  const b = base.slice(0, 240)
  for (let i = 1; ; i++) {
    const name = i === 1 ? b : `${b}-${i}`
    if (!used.has(name) && !taken.has(scopedName(namespace, name))) return name
  }
}

/** Whether a rule's subject is exactly this workload / namespace (nothing more, nothing less). */
export function ruleIsExactly(policy: Policy, rule: Rule, n: EndpointRef): boolean {
  if (rule.subject.kind !== 'endpoints' || policy.namespace !== n.namespace) return false
  const scope = selectorScope(rule.subject.selector)
  if (scope.namespace !== null && scope.namespace !== n.namespace) return false
  if (scope.anyNamespace) return false
  const plain = plainLabels(scope.rest)
  if (!plain) return false
  const want = n.kind === 'workload' ? n.labels : {}
  const keys = Object.keys(plain)
  return keys.length === Object.keys(want).length && keys.every((k) => want[k] === plain[k])
}

/** Whether a rule's subject is exactly `nodeSelector: {matchLabels: <these labels>}` (§2.1). */
export function hostRuleIsExactly(rule: Rule, n: HostRef): boolean {
  if (rule.subject.kind !== 'nodes') return false
  const plain = plainLabels(rule.subject.selector.requirements)
  if (!plain) return false
  const keys = Object.keys(plain)
  return keys.length === Object.keys(n.labels).length && keys.every((k) => n.labels[k] === plain[k])
}

/** The identity a drawn workload (§1.3) or node has, for "which rules select it". */
export function identityOf(n: SubjectRef): LabelIndex {
  if (n.kind === 'nodes') return new LabelIndex(Object.entries(n.labels).map(([key, value]) => ({ source: 'k8s', key, value })))
  const labels: Label[] = n.kind === 'workload' ? Object.entries(n.labels).map(([key, value]) => ({ source: 'k8s', key, value })) : []
  labels.push({ source: 'k8s', key: NAMESPACE_KEY, value: n.namespace })
  return new LabelIndex(labels)
}

/**
 * Rules of every policy that select the subject (§2.2: own namespace or cluster-wide). Nodes are
 * selected only by nodeSelector rules, which are cluster-wide; pods never by them (§2.1).
 */
export function rulesSelecting(parse: ParseResult, n: SubjectRef): { policy: Policy; rule: Rule; index: number }[] {
  const id = identityOf(n)
  const want = n.kind === 'nodes' ? 'nodes' : 'endpoints'
  const ns = n.kind === 'nodes' ? null : n.namespace
  const out: { policy: Policy; rule: Rule; index: number }[] = []
  for (const policy of parse.policies) {
    if (policy.namespace !== null && policy.namespace !== ns) continue
    policy.rules.forEach((rule, index) => {
      if (rule.subject.kind === want && selectorMatches(rule.subject.selector, id)) out.push({ policy, rule, index })
    })
  }
  return out
}

/** §3.2: a direction is default-deny when a selecting rule has elements there and enableDefaultDeny not false. */
export function enforces(rule: Rule, direction: Direction): boolean {
  return rule.defaultDeny[direction] && rule.elements.some((e) => e.direction === direction)
}
