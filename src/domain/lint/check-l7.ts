/** L7 scope (§7.6 proxy cost) and ports written one way but read another (§6.1). */
import { removeKey } from '../edits/splice.ts'
import type { Peer } from '../policy/model.ts'
import type { LintContext } from './context.ts'
import { elements, matchesEndpoint } from './walk.ts'

/** More subject endpoints than this behind one L7 rule is "many workloads". */
export const L7_WIDE_ENDPOINTS = 10

const widePeer = (p: Peer): boolean =>
  p.kind === 'wildcard' || (p.kind === 'entity' && (p.entity === 'all' || p.entity === 'world' || p.entity === 'cluster'))

export function checkL7Scope(ctx: LintContext): void {
  const known = ctx.input.endpoints ?? []
  for (const { policy, rule, element } of elements(ctx.input.parse)) {
    if (element.deny) continue
    const l7 = (element.toPorts ?? []).filter((pr) => pr.l7 !== undefined && pr.l7.kind !== 'dns')
    if (l7.length === 0) continue
    const subject = rule.subject.selector
    const ownReqs = subject.requirements.filter((r) => r.key !== 'io.kubernetes.pod.namespace')
    const reasons: string[] = []
    if (rule.subject.kind === 'endpoints' && ownReqs.length === 0) {
      reasons.push(policy.namespace === null ? 'it applies to every pod of the cluster' : `it applies to every pod in namespace ${policy.namespace}`)
    } else if (known.length > 0) {
      const n = known.filter((e) => (policy.namespace === null || e.namespace === policy.namespace) && matchesEndpoint(subject, e)).length
      if (n > L7_WIDE_ENDPOINTS) reasons.push(`it applies to ${n} endpoints`)
    }
    if (element.peers.some(widePeer)) reasons.push('its peers are a wide entity or every identity')
    if (reasons.length === 0) continue
    const kind = l7[0].l7?.kind.toUpperCase() ?? 'L7'
    ctx.add({
      code: 'l7-broad-scope', policy, element, range: l7[0].origin.range, path: l7[0].origin.path,
      message: `${kind} rules here send a wide scope of traffic through the Envoy proxy (${reasons.join('; ')}), which adds latency and CPU. Keep L7 to the boundaries that need it.`,
    })
  }
}

export function checkEndPortNamed(ctx: LintContext): void {
  for (const { policy, element } of elements(ctx.input.parse)) {
    for (const pr of element.toPorts ?? []) {
      for (const p of pr.ports) {
        if (/^\d+$/.test(p.port)) continue
        const end = ctx.ws.node(p.origin.doc, [...p.origin.path, 'endPort'])
        if (end === undefined) continue
        ctx.add({
          code: 'endport-named-port', policy, element, range: end.range, path: [...p.origin.path, 'endPort'],
          message: `endPort is ignored with the named port "${p.port}": the rule covers only that one port, not a range.`,
          fix: (t) => {
            removeKey(t, p.origin.path, 'endPort')
            return 'Remove endPort'
          },
        })
      }
    }
  }
}
