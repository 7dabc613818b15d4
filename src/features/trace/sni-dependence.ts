/**
 * When a trace carries no SNI but the rule that allowed it has `serverNames`, the answer is only
 * half of it: the proxy resets TLS connections whose SNI matches none of them (§6.6). This finds
 * those rules so the panel can say the verdict depends on the SNI.
 */
import type { EvalResult, Reason } from '../../domain/engine/index.ts'
import type { Policy, PortRule, Protocol } from '../../domain/policy/index.ts'
import type { TraceQuery } from '../../domain/trace/index.ts'

export interface SniDependence {
  /** `shop/tls spec.egress[0]`: the allowing rules with serverNames on the traced port. */
  readonly rules: readonly string[]
  readonly serverNames: readonly string[]
}

function covers(pr: PortRule, protocol: string, port: number | undefined): boolean {
  if (pr.ports.length === 0) return true
  return pr.ports.some((p) => {
    if (p.protocol !== 'ANY' && p.protocol !== (protocol as Protocol)) return false
    if (p.port === '0') return true
    const n = Number(p.port)
    if (port === undefined || !Number.isInteger(n)) return false
    return p.endPort !== undefined ? port >= n && port <= p.endPort : port === n
  })
}

/** The serverNames the verdict hangs on, or null when the query has an SNI or none applies. */
export function sniDependence(result: EvalResult, query: TraceQuery | null, policies: readonly Policy[]): SniDependence | null {
  if (!query || query.sni) return null
  const toPorts = new Map<string, readonly PortRule[] | null>()
  for (const p of policies) for (const r of p.rules) for (const el of r.elements) toPorts.set(el.id, el.toPorts)
  const rules = new Set<string>()
  const names = new Set<string>()
  const look = (reason: Reason): void => {
    if (reason.effect !== 'allow' || reason.elementId === undefined) return
    for (const pr of toPorts.get(reason.elementId) ?? []) {
      if (!pr.serverNames?.length || !covers(pr, query.protocol, query.port)) continue
      rules.add(`${reason.policy} ${reason.path}`)
      for (const n of pr.serverNames) names.add(n)
    }
  }
  for (const r of result.egress.reasons) look(r)
  for (const r of result.ingress.reasons) look(r)
  return rules.size === 0 ? null : { rules: [...rules], serverNames: [...names] }
}
