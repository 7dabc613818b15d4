/**
 * Host policies (§2.1): rules whose subject is `nodeSelector`, which only a
 * CiliumClusterwideNetworkPolicy may carry. Written into an existing CCNP whose rule selects
 * exactly those nodes, else into a new `host-fw-…` CCNP.
 */
import { scopedName } from '../graph/handles.ts'
import type { Direction, ParseResult, Policy, Rule } from '../policy/model.ts'
import type { Built } from './element-yaml.ts'
import type { L7Spec, PolicyMode } from './gestures.ts'
import type { HostRef, NodeRef } from './nodes.ts'
import { displayName, hostRuleIsExactly, slug, uniqueName } from './nodes.ts'
import type { YValue } from './render.ts'
import { appendDocument, appendItems } from './splice.ts'
import type { EditBuilder } from './text-edits.ts'
import type { Workspace } from './workspace.ts'
import type { Written } from './writer.ts'
import { WriteError, firstRuleWarning, newDocStyle, sectionOf, valuesOf } from './writer.ts'

const CCNP = 'CiliumClusterwideNetworkPolicy'

export interface HostSideWrite {
  readonly subject: HostRef
  readonly direction: Direction
  readonly deny: boolean
  readonly build: () => readonly Built[]
  readonly policyKey?: string
}

/**
 * Refuses what Cilium would reject or silently not enforce on a host policy, before anything is
 * written, so the user gets a plain reason instead of a broken document.
 */
export function checkHostSide(host: HostRef, peer: NodeRef, direction: Direction, mode: PolicyMode, l7: L7Spec | undefined): void {
  const who = displayName(host)
  if (mode === 'knp') {
    throw new WriteError(`a Kubernetes NetworkPolicy cannot select nodes: ${who} needs a host policy, which is a CiliumClusterwideNetworkPolicy with nodeSelector (§2.1)`)
  }
  if (peer.kind === 'nodes') {
    // §5.7: from/toNodes is rejected unless the agent runs with enable-node-selector-labels.
    throw new WriteError(
      `a host policy cannot name ${displayName(peer)} as a peer here: fromNodes/toNodes need the agent option enable-node-selector-labels (§5.7); use the remote-node entity or the nodes' CIDR instead`,
    )
  }
  const kinds = l7 ? (['http', 'kafka', 'dns'] as const).filter((k) => (l7[k]?.length ?? 0) > 0) : []
  if (kinds.length === 0) return
  // §2.1: "L7 policy is not supported on host ingress yet"; host egress takes DNS rules only.
  if (direction === 'ingress') throw new WriteError(`host policies take no L7 rules on ingress (§2.1); drop the L7 part to allow ${who} at L4`)
  const notDns = kinds.filter((k) => k !== 'dns')
  if (notDns.length > 0) throw new WriteError(`host policies support only DNS L7 rules, on egress (§2.1); ${notDns.join('/')} rules on ${who} would not be enforced`)
}

/** The CCNP (and rule) the host side writes into, or null for a new one. */
export function findHostTarget(parse: ParseResult, subject: HostRef, policyKey?: string): { policy: Policy; rule: Rule } | null {
  if (policyKey !== undefined) {
    const policy = parse.policies.find((p) => p.key === policyKey)
    if (!policy) throw new WriteError(`policy ${policyKey} is not in the text (any more)`)
    // §2.1: nodeSelector rules live only in a CCNP; never write a host rule into a pod rule.
    const rule = policy.rules.find((r) => hostRuleIsExactly(r, subject)) ?? policy.rules.find((r) => r.subject.kind === 'nodes')
    if (policy.kind !== CCNP || !rule) throw new WriteError(`policy ${policy.name} is not a host policy (a CiliumClusterwideNetworkPolicy with nodeSelector, §2.1)`)
    return { policy, rule }
  }
  for (const policy of parse.policies) {
    if (policy.kind !== CCNP) continue
    const rule = policy.rules.find((r) => hostRuleIsExactly(r, subject))
    if (rule) return { policy, rule }
  }
  return null
}

/** `host-fw-control-plane` for `node-role.kubernetes.io/control-plane=` (the seed's name). */
export function hostPolicyBase(subject: HostRef): string {
  const parts = Object.entries(subject.labels).map(([k, v]) => (v !== '' ? v : k.slice(k.lastIndexOf('/') + 1)))
  return `host-fw-${parts.length > 0 ? slug(parts.join('-')) : 'all-nodes'}`
}

/** Plans the edits of the host side; `taken` collects new policy names so two sides never collide. */
export function writeHostSide(ws: Workspace, b: EditBuilder, parse: ParseResult, side: HostSideWrite, taken: Set<string>): Written {
  const section = sectionOf(side.direction, side.deny)
  const target = findHostTarget(parse, side.subject, side.policyKey)
  if (target) {
    const items = valuesOf(side.build())
    appendItems({ ws, b, doc: target.policy.origin.doc }, [...target.rule.origin.path, section], items)
    return { policy: target.policy.name, created: false }
  }
  const name = uniqueName(parse, null, hostPolicyBase(side.subject), taken)
  taken.add(scopedName(null, name))
  const items = valuesOf(side.build())
  const labels: YValue = Object.keys(side.subject.labels).length > 0 ? { matchLabels: { ...side.subject.labels } } : {}
  const doc: { [key: string]: YValue } = {
    apiVersion: 'cilium.io/v2',
    kind: CCNP,
    metadata: { name },
    spec: { nodeSelector: labels, [section]: items },
  }
  appendDocument(ws, b, doc, newDocStyle(ws, parse))
  return { policy: name, created: true }
}

/** §3.2 as for pods, plus the lock-out risk the seed's "Host policy" section warns about. */
export function hostFirstRuleWarning(parse: ParseResult, subject: HostRef, direction: Direction): string | undefined {
  const w = firstRuleWarning(parse, subject, direction)
  if (w === undefined) return undefined
  return `${w}; host policies are enforced only with the host firewall on (§2.1), and a mistake can lock you out of the node: try it in policy-audit-mode first`
}
