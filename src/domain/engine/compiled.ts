/** Compiled rules: each rule element with its peers, ports and L7 ready for matching. */
import type { Selector } from '../labels/selector.ts'
import type { Direction, L7Rules, Origin, Policy, PolicyKind, Rule, RuleElement } from '../policy/model.ts'
import type { EngineProblem, Reason } from './api.ts'
import type { CompiledHttpRule } from './l7-http.ts'
import { compileHttpRule } from './l7-http.ts'
import type { CompiledKafkaRule } from './l7-kafka.ts'
import { compileKafkaRule } from './l7-kafka.ts'
import type { NameMatcher } from './dns-pattern.ts'
import { compileDnsSelector } from './dns-pattern.ts'
import { formatPath, policyDisplayName } from './paths.ts'
import type { PeerContext, PeerMatcher } from './peers.ts'
import { compilePeer } from './peers.ts'
import type { CompiledIcmp, CompiledPortRule } from './ports.ts'
import { compileIcmp, compilePortRule } from './ports.ts'

/** L7 rules of one toPorts entry, compiled, each rule with the reason that names it. */
export type CompiledL7 = (
  | { readonly kind: 'http'; readonly rules: readonly CompiledHttpRule[] }
  | { readonly kind: 'kafka'; readonly rules: readonly CompiledKafkaRule[] }
  | { readonly kind: 'dns'; readonly rules: readonly (NameMatcher | null)[] }
  | { readonly kind: 'generic'; readonly rules: readonly unknown[] }
) & {
  /** One reason per rule, naming it (`…toPorts[0].rules.http[1]`). */
  readonly reasons: readonly Reason[]
  /** The reason naming the whole list (`…toPorts[0].rules.http`). */
  readonly listReason: Reason
}

export interface CompiledToPort extends CompiledPortRule {
  readonly l7: CompiledL7 | null
  /** Reason naming this toPorts entry. */
  readonly reason: Reason
}

export interface CompiledElement {
  readonly el: RuleElement
  readonly rule: CompiledRule
  readonly peers: PeerMatcher
  /** null: no toPorts (L3-only, or ICMP-only when `icmps` is set). */
  readonly toPorts: readonly CompiledToPort[] | null
  readonly icmps: readonly CompiledIcmp[] | null
  readonly reason: Reason
}

export interface CompiledRule {
  readonly policy: Policy
  readonly rule: Rule
  readonly name: string
  readonly kind: PolicyKind
  readonly path: string
  readonly subject: Selector
  readonly nodeSubject: boolean
  readonly defaultDeny: { readonly ingress: boolean; readonly egress: boolean }
  readonly allow: { ingress: CompiledElement[]; egress: CompiledElement[] }
  readonly deny: { ingress: CompiledElement[]; egress: CompiledElement[] }
}

export function baseReason(policy: Policy, path: string, effect: Reason['effect']): Reason {
  return { policy: policyDisplayName(policy), kind: policy.kind, path, effect }
}

function compileL7(l7: L7Rules, policy: Policy, problems: EngineProblem[]): CompiledL7 {
  // Generic L7 rules are plain maps without their own origin: they share the list's.
  const origins: Origin[] = l7.kind === 'generic' ? l7.rules.map(() => l7.origin) : l7.rules.map((r) => r.origin)
  const reasons: Reason[] = origins.map((o) => ({ ...baseReason(policy, formatPath(o.path), 'allow'), origin: o }))
  const listReason: Reason = { ...baseReason(policy, formatPath(l7.origin.path), 'allow'), origin: l7.origin }
  const report = (message: string, path: string): void => {
    problems.push({ message, policy: policyDisplayName(policy), path, origin: l7.origin })
  }
  switch (l7.kind) {
    case 'http': {
      const rules = l7.rules.map(compileHttpRule)
      rules.forEach((r, i) => r.errors.forEach((m) => report(m, reasons[i].path)))
      return { kind: 'http', rules, reasons, listReason }
    }
    case 'kafka':
      return { kind: 'kafka', rules: l7.rules.map(compileKafkaRule), reasons, listReason }
    case 'dns': {
      const rules = l7.rules.map((r, i) => {
        const m = compileDnsSelector(r)
        if (!m) report(`invalid DNS rule ${JSON.stringify(r.matchName ?? r.matchPattern ?? '')}`, reasons[i].path)
        return m
      })
      return { kind: 'dns', rules, reasons, listReason }
    }
    case 'generic':
      return { kind: 'generic', rules: l7.rules, reasons, listReason }
  }
}

function compileElement(
  el: RuleElement,
  rule: CompiledRule,
  ctx: PeerContext,
  problems: EngineProblem[],
): CompiledElement {
  const where = { policy: policyDisplayName(rule.policy), path: formatPath(el.origin.path), origin: el.origin }
  const elCtx: PeerContext = { ...ctx, problem: (message) => problems.push({ message, ...where }) }
  const peerMatchers = el.peers.map((p) => compilePeer(p, elCtx))
  const peers: PeerMatcher =
    peerMatchers.length === 0
      ? () => false // `peers: []` selects nothing (§2.5); the parser gives a wildcard peer when omitted
      : peerMatchers.length === 1
        ? peerMatchers[0]
        : (id) => peerMatchers.some((m) => m(id))
  const policy = rule.policy
  // An empty toPorts or icmps list is the same as none (Cilium checks their length).
  const toPorts =
    el.toPorts && el.toPorts.length > 0
      ? el.toPorts.map((pr) => ({
          ...compilePortRule(pr),
          l7: pr.l7 && !el.deny ? compileL7(pr.l7, policy, problems) : null,
          reason: { ...baseReason(policy, formatPath(pr.origin.path), el.deny ? 'deny' : 'allow'), origin: pr.origin },
        }))
      : null
  const icmps = el.icmps && el.icmps.length > 0 ? el.icmps.map(compileIcmp) : null
  return {
    el,
    rule,
    peers,
    toPorts,
    icmps,
    reason: {
      ...baseReason(policy, formatPath(el.origin.path), el.deny ? 'deny' : 'allow'),
      elementId: el.id,
      origin: el.origin,
    },
  }
}

/** Compiles every rule of every policy, in order. */
export function compileRules(
  policies: readonly Policy[],
  ctx: PeerContext,
  problems: EngineProblem[],
): CompiledRule[] {
  const out: CompiledRule[] = []
  for (const policy of policies) {
    for (const rule of policy.rules) {
      const cr: CompiledRule = {
        policy,
        rule,
        name: policyDisplayName(policy),
        kind: policy.kind,
        path: formatPath(rule.origin.path),
        subject: rule.subject.selector,
        nodeSubject: rule.subject.kind === 'nodes',
        defaultDeny: rule.defaultDeny,
        allow: { ingress: [], egress: [] },
        deny: { ingress: [], egress: [] },
      }
      for (const el of rule.elements) {
        const ce = compileElement(el, cr, ctx, problems)
        const dir: Direction = el.direction
        ;(el.deny ? cr.deny : cr.allow)[dir].push(ce)
      }
      out.push(cr)
    }
  }
  return out
}
