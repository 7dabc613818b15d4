/** Helpers shared by the policy tests. */
import type { Selector } from '../labels/selector.ts'
import { selectorToString } from '../labels/selector.ts'
import type { ParseResult, Peer } from './model.ts'

/** 1-based line of the first occurrence of `marker` in `text`. */
export function lineOf(text: string, marker: string): number {
  const i = text.indexOf(marker)
  if (i < 0) throw new Error(`marker not found: ${marker}`)
  return text.slice(0, i).split('\n').length
}

export const sel = (s: Selector): string => selectorToString(s)

/** Short, readable form of a peer for assertions. */
export function peerText(p: Peer): string {
  switch (p.kind) {
    case 'endpoints':
      return `endpoints(${sel(p.selector)})`
    case 'nodes':
      return `nodes(${sel(p.selector)})`
    case 'entity':
      return `entity(${p.entity})`
    case 'cidr':
      return p.except.length ? `cidr(${p.cidr} except ${p.except.join(',')})` : `cidr(${p.cidr})`
    case 'cidrGroup':
      return `cidrGroup(${p.ref ?? sel(p.selector ?? { requirements: [] })})`
    case 'fqdn':
      return `fqdn(${p.matchName ?? p.matchPattern})`
    case 'service':
      return `service(${p.namespace ?? '*'}/${p.name ?? sel(p.selector ?? { requirements: [] })})`
    case 'wildcard':
      return 'wildcard'
  }
}

export const errors = (r: ParseResult) => r.diagnostics.filter((d) => d.severity === 'error')
export const codes = (r: ParseResult, severity = 'error') => r.diagnostics.filter((d) => d.severity === severity).map((d) => d.code)

/** One line per element: `ingress <peers> <ports> [l7]`, for table-driven assertions. */
export function elementLines(r: ParseResult): string[] {
  return r.policies.flatMap((p) =>
    p.rules.flatMap((rule) =>
      rule.elements.map((e) => {
        const peers = e.peers.map(peerText).join(' | ') || '-'
        const ports = e.toPorts === null ? 'all' : e.toPorts.flatMap((pr) => pr.ports.map((pp) => `${pp.port}${pp.endPort ? `-${pp.endPort}` : ''}/${pp.protocol}`)).join(',')
        const l7 = e.toPorts?.flatMap((pr) => (pr.l7 ? [`${pr.l7.kind}:${pr.l7.rules.length}`] : [])) ?? []
        const icmp = e.icmps ? ` icmp:${e.icmps.map((i) => `${i.family}/${i.type}`).join(',')}` : ''
        return `${e.direction}${e.deny ? 'Deny' : ''} ${peers} ${ports}${l7.length ? ` [${l7.join(',')}]` : ''}${icmp}`
      }),
    ),
  )
}
