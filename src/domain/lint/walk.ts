/** Iteration and selector helpers shared by the checks. */
import { selectorFrom } from '../labels/selector.ts'
import type { Requirement, Selector } from '../labels/selector.ts'
import { LabelIndex, selectorMatches } from '../labels/selector.ts'
import { NAMESPACE_KEY } from '../labels/label.ts'
import type { Direction, ParseResult, Policy, Rule, RuleElement, YamlPath } from '../policy/model.ts'
import type { KnownEndpoint } from './model.ts'

export interface RuleAt {
  readonly policy: Policy
  readonly rule: Rule
}

export interface ElementAt extends RuleAt {
  readonly element: RuleElement
}

export function* rules(parse: ParseResult): Generator<RuleAt> {
  for (const policy of parse.policies) for (const rule of policy.rules) yield { policy, rule }
}

export function* elements(parse: ParseResult): Generator<ElementAt> {
  for (const { policy, rule } of rules(parse)) for (const element of rule.elements) yield { policy, rule, element }
}

/** The YAML path of a rule (its `spec` or `specs[i]`), from which sections hang. */
export const rulePath = (rule: Rule): YamlPath => rule.origin.path

export const sectionName = (direction: Direction, deny: boolean): string => (deny ? `${direction}Deny` : direction)

/** Whether the policy's rules make `direction` default-deny for its subject (§3.2). */
export function enforcesDefaultDeny(rule: Rule, direction: Direction): boolean {
  return rule.defaultDeny[direction] && rule.elements.some((e) => e.direction === direction)
}

/** The namespace a subject is pinned to (`In` one value), if any. */
export function namespaceOf(selector: Selector): string | undefined {
  const r = selector.requirements.find((q) => q.key === NAMESPACE_KEY && q.operator === 'In' && q.values.length === 1)
  return r?.values[0]
}

const sameRequirement = (a: Requirement, b: Requirement): boolean =>
  a.key === b.key && a.operator === b.operator && (a.source === b.source || a.source === 'any' || b.source === 'any') &&
  a.values.length === b.values.length && a.values.every((v, i) => v === b.values[i])

/**
 * Whether `wide` certainly selects everything `narrow` selects: each of its requirements appears
 * in `narrow` too (requirements are ANDed, §1.5). Conservative: false when unsure.
 */
export function covers(wide: Selector, narrow: Selector): boolean {
  return wide.requirements.every((w) => narrow.requirements.some((n) => sameRequirement(w, n)))
}

/** Whether a rule can select the pod of namespace `ns` (§2.2: own namespace or cluster-wide). */
export const inScope = (policy: Policy, ns: string | undefined): boolean => policy.namespace === null || ns === undefined || policy.namespace === ns

/** One label index per endpoint, built on first use: selectors × endpoints lookups stay Map gets. */
const indexes = new WeakMap<KnownEndpoint, LabelIndex>()

export function matchesEndpoint(selector: Selector, ep: KnownEndpoint): boolean {
  let index = indexes.get(ep)
  if (!index) {
    index = new LabelIndex(ep.labels)
    indexes.set(ep, index)
  }
  return selectorMatches(selector, index)
}

/** A synthetic identity for a drawn workload (its plain labels plus the namespace, §1.3). */
export function workloadIdentity(namespace: string, labels: Readonly<Record<string, string>>): KnownEndpoint {
  const list = Object.entries(labels).map(([key, value]) => ({ source: 'k8s', key, value }))
  list.push({ source: 'k8s', key: NAMESPACE_KEY, value: namespace })
  return { namespace, labels: list }
}

export { selectorFrom }
