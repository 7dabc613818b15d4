/** `fqdn-without-dns-proxy`: toFQDNs only works when the DNS proxy sees the lookup (§5.6). */
import { compileDnsSelector, normalizeDnsName } from '../engine/dns-pattern.ts'
import { appendItems } from '../edits/splice.ts'
import type { DnsRule, Peer, PortRule } from '../policy/model.ts'
import type { LintContext } from './context.ts'
import type { ElementAt } from './walk.ts'
import { covers, elements, inScope, namespaceOf, rulePath } from './walk.ts'

type FqdnPeer = Extract<Peer, { kind: 'fqdn' }>

/** The DNS element the fix adds: kube-dns on 53, every name proxied (as in the seed's example). */
const DNS_ELEMENT = {
  toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s-app': 'kube-dns' } }],
  toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*' }] } }],
}

/** A name the pattern stands for, to test it against the DNS rules (`*` → one label, `**.` → two). */
function sampleName(p: FqdnPeer): string | undefined {
  if (p.matchName !== undefined) return normalizeDnsName(p.matchName)
  if (p.matchPattern === undefined) return undefined
  return normalizeDnsName(p.matchPattern.replace(/^\*{2,}\./, 'a.b.').replace(/\*/g, 'x'))
}

const fqdnText = (p: FqdnPeer): string => p.matchName ?? p.matchPattern ?? '?'

/** Whether one DNS port rule lets the proxy answer `name` (an empty DNS rule list allows all, §7.4). */
function allowsName(pr: PortRule, name: string): boolean {
  if (pr.l7?.kind !== 'dns') return false
  if (pr.l7.rules.length === 0) return true
  return pr.l7.rules.some((r: DnsRule) => compileDnsSelector(r)?.(name) === true)
}

export function checkFqdn(ctx: LintContext): void {
  const all = [...elements(ctx.input.parse)]
  const dnsPorts = (at: ElementAt): PortRule[] => {
    const ns = at.policy.namespace ?? namespaceOf(at.rule.subject.selector)
    const out: PortRule[] = []
    for (const o of all) {
      if (o.element.direction !== 'egress' || o.element.deny || o.rule.subject.kind !== at.rule.subject.kind) continue
      if (!inScope(o.policy, ns)) continue
      // Another policy's DNS rule counts only when it certainly selects these pods too.
      if (o.rule !== at.rule && !covers(o.rule.subject.selector, at.rule.subject.selector)) continue
      for (const pr of o.element.toPorts ?? []) if (pr.l7?.kind === 'dns') out.push(pr)
    }
    return out
  }
  for (const at of all) {
    const { policy, rule, element } = at
    if (element.direction !== 'egress' || element.deny || element.peerField !== 'toFQDNs') continue
    const fqdns = element.peers.filter((p): p is FqdnPeer => p.kind === 'fqdn')
    if (fqdns.length === 0) continue
    const dns = dnsPorts(at)
    const names = fqdns.map(fqdnText).join(', ')
    if (dns.length === 0) {
      ctx.add({
        code: 'fqdn-without-dns-proxy', policy, element,
        message: `toFQDNs ${names}: no egress DNS rule (rules.dns on port 53) covers these pods, so the DNS proxy never sees their lookups, Cilium never learns the IPs, and connections to ${names} are dropped.`,
        fix: (t) => {
          appendItems(t, [...rulePath(rule), 'egress'], [DNS_ELEMENT])
          return 'Add a DNS rule (kube-dns, port 53)'
        },
      })
      continue
    }
    const refused = fqdns.filter((p) => {
      const name = sampleName(p)
      return name !== undefined && !dns.some((pr) => allowsName(pr, name))
    })
    if (refused.length > 0) {
      const list = refused.map(fqdnText).join(', ')
      ctx.add({
        code: 'fqdn-without-dns-proxy', policy, element, severity: 'warning',
        message: `toFQDNs ${list}: the DNS rules for these pods do not allow looking up ${list}, so the query is REFUSED and no IP is learned.`,
      })
    }
  }
}
