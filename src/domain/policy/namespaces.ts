/** Cilium's namespace translations of CNP/CCNP selectors (§2.3, §2.4), applied once at parse time. */
import { NAMESPACE_KEY, NAMESPACE_LABELS_PREFIX } from '../labels/label.ts'
import type { Requirement, Selector } from '../labels/selector.ts'
import type { PolicyKind } from './model.ts'

/** What a rule element needs to know about its policy and rule. */
export interface RuleScope {
  readonly kind: PolicyKind
  readonly namespace: string | null
  readonly subjectKind: 'endpoints' | 'nodes'
  /** CCNP subject selects `reserved:init` (§2.4 step 4 exception). */
  readonly subjectSelectsInit: boolean
}

const isNamespaceReq = (r: Requirement) => r.key === NAMESPACE_KEY && (r.source === 'k8s' || r.source === 'any')

export function nsIn(ns: string): Requirement {
  return { source: 'k8s', key: NAMESPACE_KEY, operator: 'In', values: [ns] }
}
export const NS_EXISTS: Requirement = { source: 'k8s', key: NAMESPACE_KEY, operator: 'Exists', values: [] }

/**
 * §2.3: a CNP subject always gets its policy's namespace. Cilium sets it in matchLabels, so a
 * namespace written there (a single-value `In`) is replaced; a matchExpressions term on the
 * namespace stays and is ANDed (and may leave the policy selecting nothing).
 */
export function pinSubject(selector: Selector, ns: string): { selector: Selector; replaced: boolean } {
  const fromMatchLabels = (r: Requirement): boolean => isNamespaceReq(r) && r.operator === 'In' && r.values.length === 1
  const kept = selector.requirements.filter((r) => !fromMatchLabels(r))
  return { selector: { requirements: [...kept, nsIn(ns)] }, replaced: kept.length !== selector.requirements.length }
}

/** Whether a subject selector picks `reserved:init` endpoints (Cilium's matchesPodInit). */
export function selectsInit(selector: Selector): boolean {
  return selector.requirements.some(
    (r) => r.source === 'reserved' && r.key === 'init' && (r.operator === 'Exists' || r.operator === 'In'),
  )
}

/** §2.4 steps 1–4, in order, for fromEndpoints / toEndpoints selectors. */
export function scopePeerSelector(selector: Selector, scope: RuleScope): Selector {
  const reqs = selector.requirements
  // 1. Any reserved: key → untouched (no namespace, no cluster).
  if (reqs.some((r) => r.source === 'reserved')) return selector
  // 2. Already names the namespace → untouched.
  if (reqs.some(isNamespaceReq)) return selector
  if (scope.kind === 'CiliumNetworkPolicy' && scope.namespace !== null) {
    // 3. Namespace-label keys select across namespaces since ≈v1.16, so no pinning.
    if (reqs.some((r) => r.key.startsWith(NAMESPACE_LABELS_PREFIX))) return selector
    return { requirements: [...reqs, nsIn(scope.namespace)] }
  }
  if (scope.kind === 'CiliumClusterwideNetworkPolicy') {
    // 4. CCNP: only pods (namespace Exists), unless the rule selects init endpoints.
    if (scope.subjectSelectsInit) return selector
    return { requirements: [...reqs, NS_EXISTS] }
  }
  return selector
}
