/** Output of `evaluate`: the JSON contract (DESIGN.md) and a readable, grouped table. */
import type { EvalResult, Reason, SideResult } from '../domain/engine/index.ts'
import type { Flow, FlowEndpoint } from '../domain/flows/index.ts'
import { NAMESPACE_KEY, NAMESPACE_LABELS_PREFIX, SERVICE_ACCOUNT_KEY, CLUSTER_KEY } from '../domain/labels/label.ts'
import { isReply } from '../domain/flows/index.ts'
import { ellipsize } from './safe-text.ts'

export interface Summary {
  allowed: number
  denied: number
  audit: number
}

export function summarize(results: readonly EvalResult[]): Summary {
  const s: Summary = { allowed: 0, denied: 0, audit: 0 }
  for (const r of results) s[r.verdict]++
  return s
}

/** Exactly the contract's reason keys: internal fields (origin, element ids) stay out. */
const reasonJson = (r: Reason): object => ({ policy: r.policy, kind: r.kind, path: r.path, effect: r.effect })
const sideJson = (s: SideResult): object => ({ verdict: s.verdict, reasons: s.reasons.map(reasonJson) })

/** One element of `evaluate --json`'s `flows` list. */
export function flowResultJson(f: Pick<Flow, 'index'>, r: EvalResult): object {
  return {
    index: f.index,
    verdict: r.verdict,
    egress: sideJson(r.egress),
    ingress: sideJson(r.ingress),
    ...(r.l7 && { l7: { protocol: r.l7.protocol, verdict: r.l7.verdict, reasons: r.l7.reasons.map(reasonJson) } }),
  }
}

export function evaluateJson(flows: readonly Flow[], results: readonly EvalResult[]): string {
  return JSON.stringify({ flows: flows.map((f, i) => flowResultJson(f, results[i])), summary: summarize(results) })
}

const SHORT_KEYS = ['app', 'k8s-app', 'app.kubernetes.io/name', 'version', 'class']
const HIDDEN_KEYS = new Set([NAMESPACE_KEY, SERVICE_ACCOUNT_KEY, CLUSTER_KEY])

/** A short peer name: `ns/app=x,version=v1`, `world`, `host` — the workload, not the pod. */
export function peerName(e: FlowEndpoint): string {
  return ellipsize(fullPeerName(e))
}

function fullPeerName(e: FlowEndpoint): string {
  if (e.reserved !== undefined) return e.reserved.startsWith('world') && e.names?.[0] ? `${e.reserved}(${e.names[0]})` : e.reserved
  const labels = e.labels
    .filter((l) => l.source !== 'reserved' && !HIDDEN_KEYS.has(l.key) && !l.key.startsWith(NAMESPACE_LABELS_PREFIX))
    .map((l) => `${l.key}=${l.value}`)
    .sort()
  if (labels.length === 0) return e.podName ? `${e.namespace ?? '?'}/${e.podName}` : (e.ip ?? '(unknown)')
  // The conventional workload labels name a peer well enough for a table; fall back to all of them.
  const short = labels.filter((l) => SHORT_KEYS.some((k) => l.startsWith(`${k}=`)))
  return `${e.namespace ?? '?'}/${(short.length > 0 ? short : labels).join(',')}`
}

export function portText(f: Flow): string {
  const l4 = f.l4
  if (!l4) return 'any'
  if (l4.protocol === 'ICMPv4' || l4.protocol === 'ICMPv6') return `${l4.protocol}/type ${l4.icmpType ?? 0}`
  return `${l4.destinationPort ?? '?'}/${l4.protocol}`
}

/** The reason that decided a flow: the denying side's (or L7's) first reason. */
export function decidingReasonOf(r: EvalResult): Reason | undefined {
  const pick = (s: SideResult): Reason | undefined => s.reasons[0]
  const side = r.verdict === 'allowed' ? (r.l7 ? undefined : (pick(r.ingress) ?? pick(r.egress)))
    : r.egress.verdict === 'denied' || r.egress.verdict === 'audit' ? pick(r.egress) : pick(r.ingress)
  return r.l7 && r.l7.verdict === 'denied' ? r.l7.reasons[0] : (side ?? r.l7?.reasons[0])
}

/** The reason that decided a flow, in a few words. */
export function decidingReason(r: EvalResult): string {
  const reason = decidingReasonOf(r)
  if (!reason) return ''
  const where = reason.policy ? `${reason.policy} ${reason.path}` : ''
  return ellipsize(`${reason.effect}${where ? ` (${where})` : ''}${reason.detail && !where ? `: ${reason.detail}` : ''}`, 1000)
}

interface Group {
  src: string
  dst: string
  port: string
  draft: string
  recorded: Map<string, number>
  reason: string
  count: number
}

/** A readable table: non-reply flows grouped by connection and outcome, then the summary. */
export function evaluateTable(flows: readonly Flow[], results: readonly EvalResult[]): string {
  const groups = new Map<string, Group>()
  let replies = 0
  flows.forEach((f, i) => {
    if (isReply(f)) {
      replies++
      return
    }
    const r = results[i]
    const g0: Group = { src: peerName(f.source), dst: peerName(f.destination), port: portText(f), draft: r.verdict,
      recorded: new Map(), reason: decidingReason(r), count: 0 }
    const key = `${g0.src}\u0000${g0.dst}\u0000${g0.port}\u0000${g0.draft}\u0000${g0.reason}`
    const g = groups.get(key) ?? g0
    groups.set(key, g)
    g.count++
    g.recorded.set(f.verdict, (g.recorded.get(f.verdict) ?? 0) + 1)
  })
  const rows = [...groups.values()].sort((a, b) => order(a.draft) - order(b.draft) || b.count - a.count)
  const table = [['DRAFT', 'FLOWS', 'SOURCE', 'DESTINATION', 'PORT', 'RECORDED', 'WHY'],
    ...rows.map((g) => [g.draft.toUpperCase(), String(g.count), g.src, g.dst, g.port,
      [...g.recorded].map(([v, n]) => (g.recorded.size > 1 ? `${v}×${n}` : v)).join(' '), g.reason])]
  const s = summarize(results)
  const lines = align(table)
  if (replies > 0) lines.push('', `${replies} reply flow(s) not listed: replies of tracked connections are allowed.`)
  lines.push('', `${flows.length} flows: ${s.allowed} allowed, ${s.denied} denied, ${s.audit} audit`)
  return lines.join('\n') + '\n'
}

const order = (v: string): number => (v === 'denied' ? 0 : v === 'audit' ? 1 : 2)

export function align(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0].map((_, c) => Math.min(60, Math.max(...rows.map((r) => r[c].length))))
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ').trimEnd())
}
