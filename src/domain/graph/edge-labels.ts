/** Short texts for rule edges: ports (`TCP/8080`) and the L7 badge (`HTTP GET /api.*`). */
import type { L7Rules, PortRule, RuleElement } from '../policy/model.ts'

export function portsLabel(element: RuleElement): string {
  const parts: string[] = []
  for (const pr of element.toPorts ?? []) {
    for (const p of pr.ports) {
      const port = p.port === '0' ? '*' : p.endPort !== undefined ? `${p.port}-${p.endPort}` : p.port
      parts.push(`${p.protocol}/${port}`)
    }
    if (pr.ports.length === 0) parts.push('any port')
  }
  for (const icmp of element.icmps ?? []) parts.push(`${icmp.family === 'IPv6' ? 'ICMPv6' : 'ICMP'} ${icmp.type}`)
  return parts.length === 0 ? 'any' : unique(parts).join(', ')
}

export function l7Label(toPorts: readonly PortRule[] | null): string | undefined {
  const badges = (toPorts ?? []).flatMap((pr) => (pr.l7 ? [l7Summary(pr.l7)] : []))
  return badges.length === 0 ? undefined : unique(badges).join('; ')
}

function l7Summary(l7: L7Rules): string {
  const more = (n: number): string => (n > 1 ? ` +${n - 1}` : '')
  switch (l7.kind) {
    case 'http': {
      const r = l7.rules[0]
      if (!r) return 'HTTP (none)'
      const text = [r.method ?? '*', r.path ?? '/*', r.host ? `host ${r.host}` : ''].filter(Boolean).join(' ')
      return `HTTP ${text}${more(l7.rules.length)}`
    }
    case 'dns': {
      const r = l7.rules[0]
      return r ? `DNS ${r.matchName ?? r.matchPattern ?? '*'}${more(l7.rules.length)}` : 'DNS (none)'
    }
    case 'kafka': {
      const r = l7.rules[0]
      if (!r) return 'kafka (none)'
      return `kafka ${r.role ?? r.apiKey ?? 'any'} ${r.topic ?? '*'}${more(l7.rules.length)}`
    }
    case 'generic':
      return `${l7.l7proto}${more(l7.rules.length)}`
  }
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)]
}
