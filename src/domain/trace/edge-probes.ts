/**
 * The traffic a rule edge admits, as requests to evaluate: one per port of the rule (and one per
 * L7 row), from the edge's peer to its subject (ingress) or from its subject to its peer
 * (egress). Ranges, "all ports" and L3-only rules are judged on one port of what they admit.
 */
import type { FlowProtocol, HttpRequest, KafkaRequest, L4Protocol, L7Request, NamedPort } from '../engine/index.ts'
import { icmpTypeNumber } from '../engine/icmp.ts'
import type { HttpRule, KafkaRule, L7Rules, PortProtocol, PortRule, RuleElement } from '../policy/model.ts'

export interface EdgeProbe {
  /** How the probe is named: `TCP/9080`, `TCP/80 GET /api`, `any (judged on TCP/80)`. */
  readonly label: string
  readonly protocol: FlowProtocol
  readonly port?: number
  readonly icmpType?: number
  /** A named port of the rule: the destination gets it at `port` (§6.2). */
  readonly namedPort?: { readonly name: string; readonly port: NamedPort }
  readonly l7?: L7Request
}

/** Enough probes to judge a rule; more rows than this are judged on the first ones. */
export const MAX_PROBES_PER_EDGE = 12
/** The port an L3-only or "all ports" rule is judged on. */
const ANY_PORT = 80
/** Where a named port is placed on the representative destination. */
const NAMED_PORT_BASE = 30000

export function elementProbes(element: RuleElement): EdgeProbe[] {
  const out: EdgeProbe[] = []
  if (element.toPorts === null && element.icmps === null) {
    out.push({ label: `any (judged on TCP/${ANY_PORT})`, protocol: 'TCP', port: ANY_PORT })
  }
  for (const icmp of element.icmps ?? []) {
    const type = icmpTypeNumber(icmp.family, icmp.type)
    const protocol = icmp.family === 'IPv4' ? 'ICMPv4' : 'ICMPv6'
    out.push({ label: `${protocol} ${String(icmp.type)}`, protocol, ...(type !== null && { icmpType: type }) })
  }
  let named = 0
  for (const pr of element.toPorts ?? []) {
    const ports: readonly Pick<PortProtocol, 'port' | 'protocol' | 'endPort'>[] = pr.ports.length > 0 ? pr.ports : [{ port: '0', protocol: 'ANY' }]
    for (const pp of ports) {
      const protocol: L4Protocol = pp.protocol === 'ANY' ? 'TCP' : pp.protocol
      const text = pp.port.trim()
      let l4: EdgeProbe
      if (/^\d+$/.test(text)) {
        const n = Number(text)
        l4 = n === 0
          ? { label: `${pp.protocol === 'ANY' ? 'any protocol' : protocol}, all ports (judged on ${protocol}/${ANY_PORT})`, protocol, port: ANY_PORT }
          : { label: pp.endPort !== undefined ? `${protocol}/${n}-${pp.endPort}` : `${protocol}/${n}`, protocol, port: n }
      } else {
        const port = NAMED_PORT_BASE + named++
        l4 = { label: `${protocol}/${text}`, protocol, port, namedPort: { name: text.toLowerCase(), port: { port, protocol } } }
      }
      const rows = l7Rows(pr)
      if (rows.length === 0) out.push(l4)
      for (const row of rows) out.push({ ...l4, label: `${l4.label} ${row.label}`, l7: row.l7 })
    }
  }
  return out.slice(0, MAX_PROBES_PER_EDGE)
}

/** One request per L7 rule row that a sample request can be made for. */
function l7Rows(pr: PortRule): { label: string; l7: L7Request }[] {
  const rows: { label: string; l7: L7Request }[] = []
  const l7: L7Rules | undefined = pr.l7
  if (l7?.kind === 'http') {
    for (const r of l7.rules) {
      const http = httpSample(r)
      if (http) rows.push({ label: `${http.method} ${http.path}`, l7: { http, ...tls(pr) } })
    }
  } else if (l7?.kind === 'dns') {
    for (const r of l7.rules) {
      const query = r.matchName ?? (r.matchPattern !== undefined ? r.matchPattern.replace(/\*\*\./g, 'x.').replace(/\*/g, 'x') : undefined)
      if (query !== undefined) rows.push({ label: `DNS ${query}`, l7: { dns: { query: query === 'x' ? 'example.com' : query } } })
    }
  } else if (l7?.kind === 'kafka') {
    for (const r of l7.rules) {
      const kafka = kafkaSample(r)
      rows.push({ label: `Kafka ${String(kafka.apiKey)}${kafka.topics ? ` ${kafka.topics.join(',')}` : ''}`, l7: { kafka } })
    }
  } else if (pr.serverNames && pr.serverNames.length > 0) {
    const sni = pr.serverNames[0].replace(/^\*\*\./, 'x.').replace(/^\*\./, 'x.')
    rows.push({ label: `TLS ${sni}`, l7: { tls: { sni } } })
  }
  return rows
}

function tls(pr: PortRule): L7Request {
  const name = pr.serverNames?.[0]
  return name === undefined ? {} : { tls: { sni: name.replace(/^\*\*?\./, 'x.') } }
}

/** A request an HTTP rule admits; null when its regexes are too clever to sample. */
function httpSample(r: HttpRule): HttpRequest | null {
  const method = r.method === undefined ? 'GET' : sampleRegex(r.method, 'GET')
  const path = r.path === undefined ? '/' : sampleRegex(r.path, '/')
  const host = r.host === undefined ? undefined : sampleRegex(r.host, 'example.com')
  if (method === null || path === null || host === null) return null
  const headers: Record<string, string> = {}
  for (const h of r.headers ?? []) {
    const i = h.indexOf(':')
    if (i < 0) headers[h.trim()] = 'x'
    else headers[h.slice(0, i).trim()] = h.slice(i + 1).trim()
  }
  for (const m of r.headerMatches ?? []) if (m.value !== undefined) headers[m.name] = m.value
  return { method, path, ...(host !== undefined && { host }), ...(Object.keys(headers).length > 0 && { headers }) }
}

/** A string the (anchored, §7.2) regex matches, by simplifying common forms; null otherwise. */
export function sampleRegex(regex: string, fallback: string): string | null {
  let re: RegExp
  try {
    re = new RegExp(`^(?:${regex})$`)
  } catch {
    return null
  }
  if (re.test(fallback)) return fallback
  // `A|B` at the top level: any alternative will do.
  const alternatives = /^[^()[\]]*$/.test(regex) ? regex.split('|') : [regex]
  for (const alt of alternatives) {
    const guess = simplify(alt)
    if (re.test(guess)) return guess
  }
  return null
}

function simplify(regex: string): string {
  return regex
    .replace(/^\^/, '')
    .replace(/\$$/, '')
    .replace(/\[\^\/\]\+|\[\^\/\]\*/g, 'x')
    .replace(/\\d\+|\[0-9\]\+|\\d\*|\[0-9\]\*/g, '1')
    .replace(/\.\*|\.\+/g, (m) => (m === '.+' ? 'x' : ''))
    .replace(/\(([^|()]*)\|[^()]*\)/g, '$1')
    .replace(/\\(.)/g, '$1')
    .replace(/[()?]/g, '')
}

function kafkaSample(r: KafkaRule): KafkaRequest {
  const apiKey = r.apiKey ?? (r.role === 'consume' ? 'fetch' : 'produce')
  return {
    apiKey,
    ...(r.apiVersion !== undefined && /^\d+$/.test(r.apiVersion) && { apiVersion: Number(r.apiVersion) }),
    ...(r.clientID !== undefined && { clientID: r.clientID }),
    ...(r.topic !== undefined && { topics: [r.topic] }),
  }
}
