/** Default-deny surprises: deny-only policies (§3.2), system namespaces (§3.2), probes (§3.4). */
import { setIn } from '../edits/splice.ts'
import type { Direction, Peer, Policy, Rule } from '../policy/model.ts'
import type { LintContext } from './context.ts'
import { enforcesDefaultDeny, namespaceOf, rulePath, rules, sectionName } from './walk.ts'

const DIRECTIONS: readonly Direction[] = ['ingress', 'egress']

/** Namespaces the seed says to roll out last: cluster plumbing whose lockdown breaks everything. */
const SYSTEM_NAMESPACE = /^(kube-system|kube-public|kube-node-lease|monitoring|.*ingress.*|cilium.*|cert-manager|istio-system|gatekeeper-system|.*-monitoring|prometheus)$/

export const isSystemNamespace = (ns: string): boolean => SYSTEM_NAMESPACE.test(ns)

export function checkDenyOnly(ctx: LintContext): void {
  for (const { policy, rule } of rules(ctx.input.parse)) {
    if (policy.kind === 'NetworkPolicy') continue
    for (const d of DIRECTIONS) {
      const own = rule.elements.filter((e) => e.direction === d)
      if (own.length === 0 || own.some((e) => !e.deny) || !rule.defaultDeny[d]) continue
      const section = sectionName(d, true)
      ctx.add({
        code: 'deny-only-enables-default-deny', policy, element: own[0],
        message: `This policy has only ${section} rules, yet it turns on default deny for ${d}: every ${d} connection of its pods that no other policy allows is now dropped, not just the denied ones.`,
        fix: (t) => {
          setIn(t, [...rulePath(rule), 'enableDefaultDeny', d], false)
          return `Set enableDefaultDeny.${d}: false (deny only what is listed)`
        },
      })
    }
  }
}

/** The system namespaces a rule's subject can land in: its own, or for a CCNP any it names or all. */
function systemScope(policy: Policy, rule: Rule): string | null {
  if (rule.subject.kind !== 'endpoints') return null
  if (policy.namespace !== null) return isSystemNamespace(policy.namespace) ? policy.namespace : null
  const ns = namespaceOf(rule.subject.selector)
  if (ns !== undefined) return isSystemNamespace(ns) ? ns : null
  // A cluster-wide subject with no namespace restriction selects kube-system's pods too (§2.3).
  const pinned = rule.subject.selector.requirements.some((r) => r.key === 'io.kubernetes.pod.namespace')
  return pinned ? null : 'every namespace, kube-system included'
}

export function checkSystemNamespaces(ctx: LintContext): void {
  for (const { policy, rule } of rules(ctx.input.parse)) {
    const scope = systemScope(policy, rule)
    if (scope === null) continue
    const dirs = DIRECTIONS.filter((d) => enforcesDefaultDeny(rule, d))
    if (dirs.length === 0) continue
    ctx.add({
      code: 'system-namespace-lockdown', policy, range: rule.subjectOrigin.range, path: rule.subjectOrigin.path,
      message: `Default deny on ${dirs.join(' and ')} for pods in ${scope}: locking down system namespaces with the rest can break DNS, metrics and ingress for the whole cluster. Treat them as a separate, last track, in audit mode first.`,
    })
  }
}

const isHostPeer = (p: Peer): boolean => p.kind === 'entity' && p.entity === 'host'
/** Peers through which a host's egress can still reach local pods (for probes). */
const reachesPods = (p: Peer): boolean =>
  p.kind === 'endpoints' || p.kind === 'wildcard' || (p.kind === 'entity' && (p.entity === 'all' || p.entity === 'cluster'))

export function checkProbes(ctx: LintContext): void {
  for (const { policy, rule } of rules(ctx.input.parse)) {
    for (const element of rule.elements) {
      if (element.direction !== 'ingress' || !element.deny || !element.peers.some(isHostPeer)) continue
      ctx.add({
        code: 'probes-blocked', policy, element,
        message: 'This denies ingress from the host entity: kubelet liveness and readiness probes come from the node (host), and an explicit deny beats the automatic localhost allow, so the pods will be restarted endlessly.',
      })
    }
    // A host policy with egress default deny cuts the node's own connections to its pods (§3.4, §2.1).
    if (rule.subject.kind !== 'nodes' || !enforcesDefaultDeny(rule, 'egress')) continue
    const open = rule.elements.some((e) => e.direction === 'egress' && !e.deny && e.peers.some(reachesPods))
    if (open) continue
    ctx.add({
      code: 'probes-blocked', policy, range: rule.subjectOrigin.range, path: rule.subjectOrigin.path,
      message: 'This host policy makes the node\'s egress default-deny without allowing its pods: kubelet probes from the node to pods on it are blocked. Allow egress to the cluster entity (or the probed pods).',
    })
  }
}
