/**
 * Writes rule elements for one subject: into an existing policy whose subject is exactly that
 * workload (appending to its ingress/egress list), else into a new policy document.
 */
import { compileDnsSelector, normalizeDnsName } from '../engine/dns-pattern.ts'
import { scopedName } from '../graph/handles.ts'
import type { Direction, ParseResult, Policy, Rule } from '../policy/model.ts'
import type { Built, PolicyCtx } from './element-yaml.ts'
import { subjectSelector } from './element-yaml.ts'
import type { PolicyMode } from './gestures.ts'
import type { EndpointRef, SubjectRef } from './nodes.ts'
import { displayName, enforces, ruleIsExactly, rulesSelecting, uniqueName } from './nodes.ts'
import type { Style, YValue } from './render.ts'
import { DEFAULT_STYLE } from './render.ts'
import { appendDocument, appendItems } from './splice.ts'
import type { EditBuilder } from './text-edits.ts'
import type { Workspace } from './workspace.ts'

export interface SideWrite {
  readonly subject: EndpointRef
  readonly direction: Direction
  readonly deny: boolean
  /** Elements to write, built for the policy they land in (namespacing depends on it, §2.4). */
  readonly build: (ctx: PolicyCtx, target: { policy: Policy; rule: Rule } | null) => readonly Built[]
  readonly policyKey?: string
  readonly mode: PolicyMode
  /** Name for a new policy (made unique in its namespace). */
  readonly newName: string
  readonly comment?: readonly string[]
}

export interface Written {
  readonly policy: string
  readonly created: boolean
}

export class WriteError extends Error {}

export function sectionOf(direction: Direction, deny: boolean): string {
  return deny ? `${direction}Deny` : direction
}

/** The policy (and rule) a side writes into, or null for a new one. */
export function findTarget(parse: ParseResult, subject: EndpointRef, mode: PolicyMode, policyKey?: string): { policy: Policy; rule: Rule } | null {
  if (policyKey !== undefined) {
    const policy = parse.policies.find((p) => p.key === policyKey)
    if (!policy) throw new WriteError(`policy ${policyKey} is not in the text (any more)`)
    const rule = policy.rules.find((r) => ruleIsExactly(policy, r, subject)) ?? policy.rules[0]
    if (!rule) throw new WriteError(`policy ${policyKey} has no valid rule to write into`)
    return { policy, rule }
  }
  const kind = mode === 'knp' ? 'NetworkPolicy' : 'CiliumNetworkPolicy'
  for (const policy of parse.policies) {
    if (policy.kind !== kind) continue
    const rule = policy.rules.find((r) => ruleIsExactly(policy, r, subject))
    if (rule) return { policy, rule }
  }
  return null
}

export function valuesOf(built: readonly Built[]): YValue[] {
  return built.map((x) => {
    if ('error' in x) throw new WriteError(x.error)
    return x.value
  })
}

/** The style of the last policy document, so a new one looks like the rest of the file. */
export function newDocStyle(ws: Workspace, parse: ParseResult): Style {
  const last = parse.policies[parse.policies.length - 1]
  return last ? ws.style(last.origin.doc) : DEFAULT_STYLE
}

/** Plans the edits of one side; `taken` collects new policy names so two sides never collide. */
export function writeSide(ws: Workspace, b: EditBuilder, parse: ParseResult, side: SideWrite, taken: Set<string>): Written {
  const target = findTarget(parse, side.subject, side.mode, side.policyKey)
  const section = sectionOf(side.direction, side.deny)
  if (target) {
    const { policy, rule } = target
    if (policy.kind === 'NetworkPolicy' && side.deny) throw new WriteError('a Kubernetes NetworkPolicy has no deny rules (§8.6); use a CiliumNetworkPolicy')
    const items = valuesOf(side.build({ kind: policy.kind, namespace: policy.namespace }, target))
    const t = { ws, b, doc: policy.origin.doc }
    if (policy.kind === 'NetworkPolicy') addPolicyType(t, rule, side.direction)
    appendItems(t, [...rule.origin.path, section], items)
    return { policy: scopedName(policy.namespace, policy.name), created: false }
  }
  const ns = side.subject.namespace
  const name = uniqueName(parse, ns, side.newName, taken)
  taken.add(scopedName(ns, name))
  const knp = side.mode === 'knp'
  if (knp && side.deny) throw new WriteError('a Kubernetes NetworkPolicy has no deny rules (§8.6); use a CiliumNetworkPolicy')
  const items = valuesOf(side.build({ kind: knp ? 'NetworkPolicy' : 'CiliumNetworkPolicy', namespace: ns }, null))
  const spec: Record<string, YValue> = knp
    ? { podSelector: subjectSelector(side.subject), policyTypes: [side.direction === 'ingress' ? 'Ingress' : 'Egress'], [section]: items }
    : { endpointSelector: subjectSelector(side.subject), [section]: items }
  const doc = {
    apiVersion: knp ? 'networking.k8s.io/v1' : 'cilium.io/v2',
    kind: knp ? 'NetworkPolicy' : 'CiliumNetworkPolicy',
    metadata: { name, namespace: ns },
    spec,
  }
  appendDocument(ws, b, doc, newDocStyle(ws, parse), side.comment)
  return { policy: scopedName(ns, name), created: true }
}

/** KNP: an egress rule only counts when policyTypes lists Egress (Kubernetes semantics, §8.5). */
function addPolicyType(t: { ws: Workspace; b: EditBuilder; doc: number }, rule: Rule, direction: Direction): void {
  const path = [...rule.origin.path, 'policyTypes']
  const node = t.ws.node(t.doc, path)
  if (!node || node.t !== 'seq') return
  const want = direction === 'ingress' ? 'Ingress' : 'Egress'
  if (!node.items.some((i) => i.t === 'scalar' && i.value === want)) appendItems(t, path, [want])
}

/** Whether a rule selecting the subject already lets its DNS through the proxy for `name` (§5.6). */
export function dnsCovered(parse: ParseResult, subject: SubjectRef, name: string): string | null {
  const probe = normalizeDnsName(name.replace(/\*+/g, 'a'))
  for (const { policy, rule } of rulesSelecting(parse, subject)) {
    for (const e of rule.elements) {
      if (e.direction !== 'egress' || e.deny) continue
      for (const pr of e.toPorts ?? []) {
        if (pr.l7?.kind !== 'dns') continue
        if (pr.l7.rules.some((r) => compileDnsSelector(r)?.(probe) ?? false)) return scopedName(policy.namespace, policy.name)
      }
    }
  }
  return null
}

export function describeWrite(w: Written, subject: SubjectRef, section: string): string {
  return `${w.created ? 'new policy' : 'policy'} ${w.policy} (${section} of ${displayName(subject)})`
}

/**
 * §3.2: a rule (allow or deny) in a direction nothing enforced yet flips that direction into
 * allowlist mode — including when the only rules so far opted out with enableDefaultDeny=false.
 */
export function firstRuleWarning(parse: ParseResult, subject: SubjectRef, direction: Direction): string | undefined {
  if (rulesSelecting(parse, subject).some((r) => enforces(r.rule, direction))) return undefined
  return `${displayName(subject)} had no default-deny ${direction} rule: its ${direction} now becomes default-deny, so traffic no rule allows is dropped`
}
