/**
 * Every lint code, its default severity and the semantics it rests on (cilium-semantics.md §),
 * so a finding can always say why and a SARIF rule can describe itself.
 */
import type { Severity } from '../policy/model.ts'

export const LINT_CODES = [
  'fqdn-without-dns-proxy',
  'deny-only-enables-default-deny',
  'selector-matches-nothing',
  'label-not-in-identity',
  'empty-peers-list',
  'ports-without-peers',
  'probes-blocked',
  'system-namespace-lockdown',
  'l7-broad-scope',
  'peer-kinds-combined',
  'l7-on-non-tcp',
  'dns-rule-without-port',
  'endport-named-port',
  'deny-with-l7',
  'cnp-subject-namespace-overridden',
  'mixed-kinds-selecting-endpoint',
  'unused-rule',
] as const

export type LintCode = (typeof LINT_CODES)[number]

export interface CodeInfo {
  readonly severity: Severity
  /** One line for SARIF rule descriptions and the Problems pane tooltip. */
  readonly title: string
  /** The rule behind it, with its § in cilium-semantics.md. */
  readonly why: string
}

export const CODE_INFO: Readonly<Record<LintCode, CodeInfo>> = {
  'fqdn-without-dns-proxy': {
    severity: 'error',
    title: 'toFQDNs without a DNS rule that lets the DNS proxy see the lookup',
    why: '§5.6: toFQDNs IPs are learned only from DNS answers the DNS proxy intercepts, which needs an egress rule with rules.dns on port 53 for the same pods; without it the name never resolves to an allowed IP.',
  },
  'deny-only-enables-default-deny': {
    severity: 'warning',
    title: 'A policy with only deny rules turns on default deny',
    why: '§3.2, §4.2: deny entries count toward enforcement, so a policy with only ingressDeny/egressDeny makes that direction default-deny for its pods; everything not allowed elsewhere is dropped.',
  },
  'selector-matches-nothing': {
    severity: 'warning',
    title: 'A selector matches no known endpoint',
    why: '§1.5: matchLabels need every key with the value; a typo selects nothing, silently.',
  },
  'label-not-in-identity': {
    severity: 'warning',
    title: 'A selector uses a label Cilium drops from identities',
    why: '§1.3: pod-template-hash, controller-revision-hash, kubernetes.io/*, k8s.io/* and similar labels never reach the security identity, so a selector on them never matches.',
  },
  'empty-peers-list': {
    severity: 'warning',
    title: 'An empty peer list or empty rule means something other than it looks',
    why: '§2.5, §2.4, §8.3: `[]` selects nothing but still enables default deny; `[{}]` is every pod of the namespace (CNP) or cluster (CCNP), never world or host; `ingress: [{}]` denies everything in a CNP but allows everything in a KNP.',
  },
  'ports-without-peers': {
    severity: 'warning',
    title: 'toPorts without any peer admits every identity',
    why: '§2.5, §8.3: an element with ports but no peer field gets the L3 wildcard: every identity including world (the internet) and host, in every namespace.',
  },
  'probes-blocked': {
    severity: 'warning',
    title: 'Kubelet probes would be blocked',
    why: '§3.4: kubelet probes come from the host identity; they pass through the localhost allow unless an explicit deny of host wins, or a host policy blocks the node\'s own egress.',
  },
  'system-namespace-lockdown': {
    severity: 'warning',
    title: 'Default deny on a system namespace',
    why: '§3.2: any selecting rule makes its direction default-deny; on kube-system, monitoring or ingress controllers that breaks DNS, metrics and ingress for the whole cluster. Roll them out last, in audit mode (§3.7).',
  },
  'l7-broad-scope': {
    severity: 'info',
    title: 'L7 rules over a wide scope',
    why: '§7.6: every flow an L7 rule applies to is redirected through the Envoy proxy, adding latency and CPU; keep L7 to the boundaries that need it.',
  },
  'peer-kinds-combined': {
    severity: 'error',
    title: 'Two peer kinds in one rule element',
    why: '§5.1: Cilium rejects combining fromEndpoints, fromCIDR, fromEntities, toFQDNs … in one element; use separate list items, which are ORed.',
  },
  'l7-on-non-tcp': {
    severity: 'error',
    title: 'L7 rules on a non-TCP port',
    why: '§7.1: HTTP, Kafka and generic L7 rules only apply to TCP ports (DNS to UDP, TCP or ANY); Cilium rejects the policy otherwise.',
  },
  'dns-rule-without-port': {
    severity: 'error',
    title: 'A DNS rule without a port',
    why: '§7.1, §9.50: DNS rules need a port (53) to redirect to the DNS proxy; a DNS rule without one is invalid.',
  },
  'endport-named-port': {
    severity: 'warning',
    title: 'endPort with a named port is ignored',
    why: '§6.1: endPort is ignored for named ports, so the rule covers only the one named port.',
  },
  'deny-with-l7': {
    severity: 'error',
    title: 'L7 or TLS fields in a deny rule',
    why: '§4.1: a deny rule\'s toPorts holds only ports; L7 rules, serverNames and TLS are not supported there.',
  },
  'cnp-subject-namespace-overridden': {
    severity: 'warning',
    title: 'A CiliumNetworkPolicy subject names another namespace',
    why: '§2.3, §9.43: Cilium overwrites the namespace in a CNP\'s endpointSelector with the policy\'s own; use a CiliumClusterwideNetworkPolicy or move the policy.',
  },
  'mixed-kinds-selecting-endpoint': {
    severity: 'info',
    title: 'A NetworkPolicy and a Cilium policy select the same pods',
    why: '§8.6: KNP, CNP and CCNP entries share one repository: their allows add up and neither narrows the other; any Cilium deny still wins.',
  },
  'unused-rule': {
    severity: 'info',
    title: 'No observed flow used this rule',
    why: 'Flow replay (§10): no loaded flow was decided by this rule element; it may be stale, or the observation window too short.',
  },
}
