/** Request-level L7 verdicts (§7): union of the matching elements' rules, per protocol. */
import type { L7Protocol, L7Request, L7Result, Reason } from './api.ts'
import type { CompiledL7 } from './compiled.ts'
import { normalizeDnsName } from './dns-pattern.ts'
import { httpRuleMatches } from './l7-http.ts'
import { kafkaAllows } from './l7-kafka.ts'
import type { L7Plan } from './internal-types.ts'

const ORDER: readonly L7Protocol[] = ['http', 'dns', 'kafka']

/** Reasons of the rules in one L7 list that allow the request, or null when none does. */
function setAllows(s: CompiledL7, req: L7Request): readonly Reason[] | null {
  switch (s.kind) {
    case 'http': {
      if (!req.http) return null
      if (s.rules.length === 0) return [] // an empty list allows everything (§7.1)
      const i = s.rules.findIndex((r) => httpRuleMatches(r, req.http!))
      return i < 0 ? null : [s.reasons[i]]
    }
    case 'dns': {
      if (!req.dns) return null
      if (s.rules.length === 0) return []
      const name = normalizeDnsName(req.dns.query)
      const i = s.rules.findIndex((m) => m !== null && m(name))
      return i < 0 ? null : [s.reasons[i]]
    }
    case 'kafka': {
      // Kafka: an empty list allows nothing, `{}` allows everything (§7.3).
      if (!req.kafka) return null
      const hits = kafkaAllows(s.rules, req.kafka)
      return hits === null ? null : hits.map((i) => s.reasons[i])
    }
    case 'tls': {
      if (!req.tls) return null
      const name = normalizeDnsName(req.tls.sni)
      const i = s.rules.findIndex((m) => m !== null && m(name))
      return i < 0 ? null : [s.reasons[i]]
    }
    case 'generic':
      return null
  }
}

/**
 * Envoy's default `max_request_headers_kb` (60 KiB), which Cilium's proxy keeps: a request whose
 * head (method, :path, :authority, headers) is larger is answered 431 before any rule runs. So a
 * larger request is denied without matching, which also bounds the RE2 work per request (a rule
 * like `.{0,1000}.{0,1000}.{0,1000}` costs time in proportion to the input).
 */
export const MAX_HTTP_REQUEST_HEAD = 60 * 1024

function requestHeadSize(r: NonNullable<L7Request['http']>): number {
  let n = r.method.length + r.path.length + (r.host?.length ?? 0)
  for (const [k, v] of Object.entries(r.headers ?? {})) n += k.length + v.length + 4
  return n
}

/** A request's path as a reason quotes it: short, so output stays proportionate. */
const shown = (s: string): string => (s.length > 200 ? `${s.slice(0, 200)}…(${s.length - 200} more characters)` : s)

function describe(proto: L7Protocol, req: L7Request): string {
  if (proto === 'http' && req.http) return `${shown(req.http.method)} ${shown(req.http.path)}`
  if (proto === 'dns' && req.dns) return `DNS query ${req.dns.query}`
  if (proto === 'kafka' && req.kafka) {
    const topics = req.kafka.topics?.length ? ` topics ${req.kafka.topics.join(',')}` : ''
    return `Kafka apiKey ${req.kafka.apiKey}${topics}`
  }
  if (proto === 'tls' && req.tls) return `TLS SNI ${req.tls.sni}`
  return proto
}

/** Whether one side's plan lets the request through, with the reasons. */
export function planAllows(
  p: L7Plan,
  proto: L7Protocol,
  req: L7Request,
): { allowed: boolean; reasons: Reason[] } {
  // An L4-only rule or default-allow lifts L7 rules, never serverNames: any such rule forces TLS
  // with a matching SNI for that peer and port (§6.6).
  if (p.unrestricted && proto !== 'tls') return { allowed: true, reasons: [p.unrestricted] }
  const reasons: Reason[] = []
  const sets = p.sets.filter((s) => s.kind === proto)
  const head = proto === 'http' && req.http ? requestHeadSize(req.http) : 0
  if (head > MAX_HTTP_REQUEST_HEAD) {
    const detail = `the request head is ${head} bytes, over the proxy's ${MAX_HTTP_REQUEST_HEAD / 1024} KiB limit (Envoy max_request_headers_kb): it answers 431 and no rule is matched`
    return { allowed: false, reasons: sets.map((s) => ({ ...s.listReason, effect: 'default-deny', detail })) }
  }
  for (const s of sets) {
    const r = setAllows(s, req)
    if (r !== null) {
      reasons.push(...(r.length > 0 ? r : [s.listReason]))
      return { allowed: true, reasons }
    }
  }
  const what = describe(proto, req)
  for (const s of sets)
    reasons.push({
      ...s.listReason,
      effect: 'default-deny',
      detail: proto === 'tls' ? `${what} matches none of these serverNames: the proxy resets the connection (§6.6)` : `${what} matches none of these ${proto.toUpperCase()} rules`,
    })
  return { allowed: false, reasons }
}

/**
 * The L7 verdict of a flow whose L3/L4 passed, or null when no side applies L7 rules of a kind
 * the request carries. A denial here stays denied in audit mode (§3.7).
 */
export function evaluateL7(req: L7Request, plans: readonly (L7Plan | null)[]): L7Result | null {
  // The SNI is checked first: a connection the proxy resets never carries a request (§6.6).
  const tls = req.tls !== undefined ? protocolResult('tls', req, plans) : null
  if (tls?.verdict === 'denied') return tls
  for (const proto of ORDER) {
    if (req[proto] === undefined) continue
    const r = protocolResult(proto, req, plans)
    if (r !== null) return r
  }
  return tls
}

function protocolResult(proto: L7Protocol, req: L7Request, plans: readonly (L7Plan | null)[]): L7Result | null {
  const relevant = plans.filter((p): p is L7Plan => p !== null && p.sets.some((s) => s.kind === proto))
  if (relevant.length === 0) return null
  let allowed = true
  const reasons: Reason[] = []
  for (const p of relevant) {
    const r = planAllows(p, proto, req)
    if (!r.allowed) allowed = false
    reasons.push(...r.reasons)
  }
  return { protocol: proto, verdict: allowed ? 'allowed' : 'denied', reasons }
}
