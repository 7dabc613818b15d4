/** Compiled rules: each rule element with its peers, ports and L7 ready for matching. */
import type { Selector } from '../labels/selector.ts'
import type { Direction, L7Rules, Origin, Policy, PolicyKind, PortRule, Rule, RuleElement } from '../policy/model.ts'
import type { EngineProblem, Reason, Settings } from './api.ts'
import type { CompiledHttpRule } from './l7-http.ts'
import { compileHttpRule } from './l7-http.ts'
import type { CompiledKafkaRule } from './l7-kafka.ts'
import { compileKafkaRule } from './l7-kafka.ts'
import type { NameMatcher } from './dns-pattern.ts'
import { compileDnsSelector, compileMatchPattern } from './dns-pattern.ts'
import { formatPath, policyDisplayName } from './paths.ts'
import type { PeerContext, PeerMatcher } from './peers.ts'
import { compilePeer, peerClauses } from './peers.ts'
import type { CompiledIcmp, CompiledPortRule } from './ports.ts'
import { compileIcmp, compilePortRule } from './ports.ts'
import type { VersionClauseId } from './version-clauses.ts'
import { clauseInForce } from './version-clauses.ts'

/** L7 rules of one toPorts entry, compiled, each rule with the reason that names it. */
export type CompiledL7 = (
  | { readonly kind: 'http'; readonly rules: readonly CompiledHttpRule[] }
  | { readonly kind: 'kafka'; readonly rules: readonly CompiledKafkaRule[] }
  | { readonly kind: 'dns'; readonly rules: readonly (NameMatcher | null)[] }
  | { readonly kind: 'generic'; readonly rules: readonly unknown[] }
  /** `serverNames` (§6.6): the SNI must match one of them; L4-only rules do not lift it. */
  | { readonly kind: 'tls'; readonly rules: readonly (NameMatcher | null)[] }
) & {
  /** One reason per rule, naming it (`…toPorts[0].rules.http[1]`). */
  readonly reasons: readonly Reason[]
  /** The reason naming the whole list (`…toPorts[0].rules.http`). */
  readonly listReason: Reason
}

export interface CompiledToPort extends CompiledPortRule {
  readonly l7: CompiledL7 | null
  /** The `serverNames` SNI check of this entry (§6.6), or null. */
  readonly sni: CompiledL7 | null
  /** Reason naming this toPorts entry. */
  readonly reason: Reason
  /**
   * What the engine cannot judge or only partly judges about this entry (TLS contexts, a listener,
   * a generic L7 parser, an SNI the flow may not carry): shown beside an allow through it.
   */
  readonly note: Reason | null
}

export interface CompiledElement {
  readonly el: RuleElement
  readonly rule: CompiledRule
  readonly peers: PeerMatcher
  /** null: no toPorts (L3-only, or ICMP-only when `icmps` is set). */
  readonly toPorts: readonly CompiledToPort[] | null
  readonly icmps: readonly CompiledIcmp[] | null
  readonly reason: Reason
  /** Indexes of this element's toFQDNs peers (FqdnPeer.index), to explain expired DNS answers. */
  readonly fqdnIndexes: readonly number[]
  /**
   * The element's peers as the other side of a version clause would match them (version-clauses.ts):
   * where they disagree for a flow, the answer depends on the Cilium version.
   */
  readonly altPeers: readonly { readonly clause: VersionClauseId; readonly peers: PeerMatcher }[]
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

function anyPeer(ms: readonly PeerMatcher[]): PeerMatcher {
  if (ms.length === 0) return () => false // `peers: []` selects nothing (§2.5); the parser gives a wildcard peer when omitted
  if (ms.length === 1) return ms[0]
  return (id) => ms.some((m) => m(id))
}

/** The `serverNames` check (§6.6): `*.x` one label, `**.x` one or more, names case-insensitive. */
function compileSni(pr: PortRule, policy: Policy): CompiledL7 | null {
  const names = pr.serverNames ?? []
  if (names.length === 0) return null
  const path = formatPath([...pr.origin.path, 'serverNames'])
  const listReason: Reason = { ...baseReason(policy, path, 'allow'), origin: pr.origin }
  return {
    kind: 'tls',
    rules: names.map((n) => compileMatchPattern(n)),
    reasons: names.map((_, i) => ({ ...baseReason(policy, `${path}[${i}]`, 'allow'), origin: pr.origin })),
    listReason,
  }
}

const secretName = (t: { readonly secret?: { readonly namespace?: string; readonly name: string } }): string =>
  t.secret ? `${t.secret.namespace ? `${t.secret.namespace}/` : ''}${t.secret.name}` : 'files on the node'

/** What an allow through this toPorts entry leaves to the proxy or to data the flow may lack. */
function portNote(pr: PortRule, reason: Reason): Reason | null {
  const parts: string[] = []
  if (pr.serverNames && pr.serverNames.length > 0)
    parts.push(`TLS only, with an SNI matching ${pr.serverNames.join(', ')} (serverNames, §6.6); other connections are reset, so without an SNI the verdict depends on it`)
  if (pr.terminatingTLS) parts.push(`the proxy terminates TLS with ${secretName(pr.terminatingTLS)} (terminatingTLS, §6.6)`)
  if (pr.originatingTLS) parts.push(`the proxy re-originates TLS with ${secretName(pr.originatingTLS)} (originatingTLS, §6.6)`)
  if (pr.listener) {
    const cec = pr.listener.envoyConfig
    parts.push(`redirected to listener ${pr.listener.name} of ${cec.kind ?? 'CiliumEnvoyConfig'} ${cec.name} (§6.6); that listener's filters decide, not evaluated here`)
  }
  if (pr.l7?.kind === 'generic') parts.push(`L7 by parser ${pr.l7.l7proto} not evaluated; judged at L4 (l7proto, §7.1)`)
  return parts.length === 0 ? null : { ...reason, detail: parts.join('; ') }
}

function compileElement(
  el: RuleElement,
  rule: CompiledRule,
  ctx: PeerContext,
  problems: EngineProblem[],
): CompiledElement {
  const where = { policy: policyDisplayName(rule.policy), path: formatPath(el.origin.path), origin: el.origin }
  const fqdnIndexes: number[] = []
  const elCtx: PeerContext = {
    ...ctx,
    policy: rule.policy,
    problem: (message) => problems.push({ message, ...where }),
    addFqdn: (m, text) => {
      const i = ctx.addFqdn(m, text)
      fqdnIndexes.push(i)
      return i
    },
  }
  const peerMatchers = el.peers.map((p) => compilePeer(p, elCtx))
  const peers = anyPeer(peerMatchers)
  // Version-dependent peers: the same element as the other side of each clause would see it.
  const clauses = new Set(el.peers.flatMap((p) => peerClauses(p, elCtx)))
  const altPeers = [...clauses].map((clause) => ({
    clause,
    peers: anyPeer(el.peers.map((p, i) => (peerClauses(p, elCtx).includes(clause) ? compilePeer(p, elCtx, clause) : peerMatchers[i]))),
  }))
  const policy = rule.policy
  // An empty toPorts or icmps list is the same as none (Cilium checks their length).
  const toPorts =
    el.toPorts && el.toPorts.length > 0
      ? el.toPorts.map((pr): CompiledToPort => {
          const reason: Reason = { ...baseReason(policy, formatPath(pr.origin.path), el.deny ? 'deny' : 'allow'), origin: pr.origin }
          return {
            ...compilePortRule(pr),
            l7: pr.l7 && !el.deny ? compileL7(pr.l7, policy, problems) : null,
            sni: el.deny ? null : compileSni(pr, policy),
            reason,
            note: el.deny ? null : portNote(pr, reason),
          }
        })
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
    fqdnIndexes,
    altPeers,
  }
}

/**
 * `enableDefaultDeny` as the agent applies it: before ≈1.16 the field does not exist, and with
 * `enable-non-default-deny-policies` off every rule is default-deny (§0, §3.2).
 */
export function effectiveDefaultDeny(rule: Rule, settings: Settings): { readonly ingress: boolean; readonly egress: boolean } {
  if (!clauseInForce(settings.ciliumVersion, 'enable-default-deny') || !settings.nonDefaultDenyPolicies)
    return { ingress: true, egress: true }
  return rule.defaultDeny
}

const usesNodes = (rule: Rule): boolean => rule.elements.some((el) => el.peers.some((p) => p.kind === 'nodes'))

/** Compiles every rule of every policy, in order. */
export function compileRules(
  policies: readonly Policy[],
  ctx: PeerContext,
  problems: EngineProblem[],
): CompiledRule[] {
  const out: CompiledRule[] = []
  for (const policy of policies) {
    for (const rule of policy.rules) {
      if (usesNodes(rule) && !ctx.settings.enableNodeSelectorLabels) {
        // §5.7: the agent rejects the rule (ErrFromToNodesRequiresNodeSelectorOption): not evaluated.
        problems.push({
          message: 'fromNodes/toNodes need the agent option enable-node-selector-labels; Cilium rejects this rule (§5.7)',
          policy: policyDisplayName(policy),
          path: formatPath(rule.origin.path),
          origin: rule.origin,
        })
        continue
      }
      const cr: CompiledRule = {
        policy,
        rule,
        name: policyDisplayName(policy),
        kind: policy.kind,
        path: formatPath(rule.origin.path),
        subject: rule.subject.selector,
        nodeSubject: rule.subject.kind === 'nodes',
        defaultDeny: effectiveDefaultDeny(rule, ctx.settings),
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
