/** CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy → Policy (§2, §3.2, §4, §5, §6, §7). */
import type { PolicyKey } from '../graph/handles.ts'
import type { Selector } from '../labels/selector.ts'
import type { Ctx } from './context.ts'
import { buildElement, sectionName } from './elements.ts'
import { asBool, asMap, asSeq, asString, checkFields, field, fieldSet } from './fields.ts'
import type { Direction, Policy, PolicyKind, Rule, RuleElement, Subject, YamlPath } from './model.ts'
import type { RuleScope } from './namespaces.ts'
import { pinSubject, selectsInit } from './namespaces.ts'
import { parseSelector } from './selectors.ts'
import type { YMap, YNode } from './tree.ts'

export const CILIUM_OBJECT_FIELDS = fieldSet('apiVersion', 'kind', 'metadata', 'spec', 'specs', 'status')
const RULE_FIELDS = fieldSet(
  'endpointSelector', 'nodeSelector', 'ingress', 'ingressDeny', 'egress', 'egressDeny',
  'labels', 'enableDefaultDeny', 'description', 'log',
)
const DEFAULT_DENY_FIELDS = fieldSet('ingress', 'egress')
const SECTIONS: readonly [Direction, boolean][] = [['ingress', false], ['ingress', true], ['egress', false], ['egress', true]]

export interface PolicyHeader {
  readonly kind: Extract<PolicyKind, 'CiliumNetworkPolicy' | 'CiliumClusterwideNetworkPolicy'>
  readonly key: PolicyKey
  readonly name: string
  readonly namespace: string | null
}

/** Builds the policy; undefined when it has no spec at all. Invalid rules are skipped. */
export function normalizeCilium(obj: YMap, h: PolicyHeader, ctx: Ctx, path: YamlPath): Policy | undefined {
  checkFields(obj, CILIUM_OBJECT_FIELDS, ctx, path, h.kind)
  const rules: Rule[] = []
  const spec = field(obj, 'spec')
  const specs = field(obj, 'specs')
  if (spec === undefined && specs === undefined) {
    ctx.error('missing-spec', `${h.kind} needs spec or specs`, obj, path)
    return undefined
  }
  if (spec !== undefined) {
    const r = parseRule(spec, h, ctx, [...path, 'spec'])
    if (r) rules.push(r)
  }
  asSeq(specs, ctx, [...path, 'specs'], 'specs')?.items.forEach((item, i) => {
    const r = parseRule(item, h, ctx, [...path, 'specs', i])
    if (r) rules.push(r)
  })
  return { key: h.key, kind: h.kind, name: h.name, namespace: h.namespace, rules, origin: ctx.origin(obj, path) }
}

function parseSubject(spec: YMap, h: PolicyHeader, ctx: Ctx, path: YamlPath): { subject: Subject; node: YNode; field: string; raw: Selector } | undefined {
  const es = field(spec, 'endpointSelector')
  const ns = field(spec, 'nodeSelector')
  if (es !== undefined && ns !== undefined) {
    const at = spec.entries.get('nodeSelector')?.keyRange ?? spec.range
    ctx.error('subject-both', 'a rule takes endpointSelector or nodeSelector, not both', at, [...path, 'nodeSelector'])
    return undefined
  }
  if (es === undefined && ns === undefined) {
    ctx.error('subject-missing', 'a rule needs endpointSelector (pods) or nodeSelector (hosts)', spec, path)
    return undefined
  }
  if (ns !== undefined && h.kind === 'CiliumNetworkPolicy') {
    const at = spec.entries.get('nodeSelector')?.keyRange ?? ns
    ctx.error('node-selector-in-cnp', 'nodeSelector (host policy) is only allowed in a CiliumClusterwideNetworkPolicy', at, [...path, 'nodeSelector'])
    return undefined
  }
  const name = es !== undefined ? 'endpointSelector' : 'nodeSelector'
  const node = (es ?? ns) as YNode
  const raw = parseSelector(node, ctx, [...path, name], name)
  if (!raw) return undefined
  if (name === 'nodeSelector') return { subject: { kind: 'nodes', selector: raw }, node, field: name, raw }
  if (h.kind === 'CiliumNetworkPolicy' && h.namespace !== null) {
    const { selector, replaced } = pinSubject(raw, h.namespace)
    if (replaced) {
      // §2.3: Cilium overwrites it, so a CNP can never select pods of another namespace.
      ctx.warn('subject-namespace', `a CiliumNetworkPolicy only selects pods of its own namespace; the namespace in endpointSelector is replaced by "${h.namespace}"`, node, [...path, name])
    }
    return { subject: { kind: 'endpoints', selector }, node, field: name, raw }
  }
  return { subject: { kind: 'endpoints', selector: raw }, node, field: name, raw }
}

function parseRule(node: YNode, h: PolicyHeader, ctx: Ctx, path: YamlPath): Rule | undefined {
  const spec = asMap(node, ctx, path, 'spec')
  if (!spec) return undefined
  checkFields(spec, RULE_FIELDS, ctx, path, 'a policy spec')
  const subj = parseSubject(spec, h, ctx, path)
  const present = SECTIONS.filter(([d, deny]) => field(spec, sectionName(d, deny)) !== undefined)
  if (present.length === 0) {
    // Rejected since Jan 2025 (§0): a rule must have at least one section.
    ctx.error('no-rule-sections', 'a rule needs at least one of ingress, ingressDeny, egress or egressDeny', spec, path)
    return undefined
  }
  if (!subj) return undefined
  const scope: RuleScope = {
    kind: h.kind,
    namespace: h.namespace,
    subjectKind: subj.subject.kind,
    subjectSelectsInit: h.kind === 'CiliumClusterwideNetworkPolicy' && selectsInit(subj.raw),
  }
  const elements: RuleElement[] = []
  for (const [direction, deny] of present) {
    const name = sectionName(direction, deny)
    asSeq(field(spec, name), ctx, [...path, name], name)?.items.forEach((item, i) => {
      const el = buildElement(item, direction, deny, scope, h.key, ctx, [...path, name, i])
      if (el) elements.push(el)
    })
  }
  // §3.2: unset enableDefaultDeny means true.
  const dd = asMap(field(spec, 'enableDefaultDeny'), ctx, [...path, 'enableDefaultDeny'], 'enableDefaultDeny')
  if (dd) checkFields(dd, DEFAULT_DENY_FIELDS, ctx, [...path, 'enableDefaultDeny'], 'enableDefaultDeny')
  const ddIngress = dd ? asBool(field(dd, 'ingress'), ctx, [...path, 'enableDefaultDeny', 'ingress'], 'enableDefaultDeny.ingress') : undefined
  const ddEgress = dd ? asBool(field(dd, 'egress'), ctx, [...path, 'enableDefaultDeny', 'egress'], 'enableDefaultDeny.egress') : undefined
  const description = asString(field(spec, 'description'), ctx, [...path, 'description'], 'description')
  asSeq(field(spec, 'labels'), ctx, [...path, 'labels'], 'labels')
  asMap(field(spec, 'log'), ctx, [...path, 'log'], 'log')
  return {
    subject: subj.subject,
    subjectOrigin: ctx.origin(subj.node, [...path, subj.field]),
    elements,
    defaultDeny: { ingress: ddIngress ?? true, egress: ddEgress ?? true },
    ...(description !== undefined && { description }),
    origin: ctx.origin(spec, path),
  }
}
