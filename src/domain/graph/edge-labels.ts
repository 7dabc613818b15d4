/**
 * Short texts for rule edges: ports (`TCP/8080`), the L7 badge (`HTTP GET /api.*`), and the
 * badges for what a rule leaves to the proxy: TLS (`TLS sni: api.example.com`, terminate /
 * originate), listener redirects and generic L7 parsers the evaluator does not run.
 */
import type { L7Rules, PortRule, RuleElement, TlsContext } from '../policy/model.ts'
import type { EdgeBadge } from './model.ts'

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

const secretName = (t: TlsContext): string =>
  t.secret ? `${t.secret.namespace ? `${t.secret.namespace}/` : ''}${t.secret.name}` : t.trustedCA || t.certificate ? 'files on the node' : 'the node\'s defaults'

/** The TLS, listener and generic-L7 badges of an element's toPorts, in toPorts order, each once. */
export function edgeBadges(toPorts: readonly PortRule[] | null): EdgeBadge[] | undefined {
  const out: EdgeBadge[] = []
  const push = (b: EdgeBadge): void => {
    if (!out.some((x) => x.text === b.text)) out.push(b)
  }
  for (const pr of toPorts ?? []) {
    const names = pr.serverNames ?? []
    if (names.length > 0) {
      push({
        kind: 'tls',
        text: `TLS sni: ${names[0]}${names.length > 1 ? ` +${names.length - 1}` : ''}`,
        explain: `TLS only, with an SNI matching ${names.join(', ')} (serverNames, §6.6): the proxy resets other connections. Evaluated when a flow or a trace carries an SNI; without one the verdict depends on it.`,
      })
    }
    if (pr.terminatingTLS) {
      push({ kind: 'tls', text: `TLS terminate: ${secretName(pr.terminatingTLS)}`, explain: `The proxy terminates the client's TLS with ${secretName(pr.terminatingTLS)} (terminatingTLS, §6.6), so L7 rules see the plaintext request.` })
    }
    if (pr.originatingTLS) {
      push({ kind: 'tls', text: `TLS originate: ${secretName(pr.originatingTLS)}`, explain: `The proxy opens its own TLS connection to the destination, trusting ${secretName(pr.originatingTLS)} (originatingTLS, §6.6).` })
    }
    if (pr.listener) {
      const cec = pr.listener.envoyConfig
      push({ kind: 'listener', text: `listener: ${pr.listener.name}`, explain: `Redirected to listener ${pr.listener.name} of ${cec.kind ?? 'CiliumEnvoyConfig'} ${cec.name} (§6.6): that listener's filters decide, not evaluated here.` })
    }
    if (pr.l7?.kind === 'generic') {
      push({ kind: 'l7-unevaluated', text: `L7 ${pr.l7.l7proto} not evaluated`, explain: `L7 rules for parser ${pr.l7.l7proto} are not evaluated: flows on this port are judged at L4 (l7proto, §7.1).` })
    }
  }
  return out.length === 0 ? undefined : out
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)]
}
