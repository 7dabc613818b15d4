/**
 * "Allow these flows": the blocked flows of the table's current filter become connect gestures
 * (one per source → destination pair and side, their ports merged), applied one after the other
 * to the text and committed as ONE edit, so a single undo takes them all back.
 */
import { applyGesture } from '../../domain/edits/index.ts'
import type { ConnectGesture, EditResult, GestureOutcome, PortSpec } from '../../domain/edits/index.ts'
import type { NodeId } from '../../domain/graph/index.ts'
import type { ParseResult, Protocol } from '../../domain/policy/model.ts'
import type { FlowRow } from '../../worker/flow-view.ts'
import { isAllowable } from '../../worker/flow-query.ts'

const PORT_PROTOCOLS: ReadonlySet<string> = new Set(['TCP', 'UDP', 'SCTP'])

/** Rows an allow rule would change (flow-query.ts isAllowable: blocked requests no deny rule decides). */
export function allowable(rows: readonly FlowRow[]): FlowRow[] {
  return rows.filter(isAllowable)
}

/**
 * One allow gesture per (source node, destination node, sides to write), its ports the flows'
 * destination ports; a flow without a port (ICMP, no L4) makes that gesture port-less (L3).
 */
export function allowGestures(rows: readonly FlowRow[], endpointNode: readonly string[]): ConnectGesture[] {
  interface Group { from: string; to: string; placement: 'ingress' | 'egress' | 'both'; ports: Map<string, PortSpec>; anyPort: boolean }
  const groups = new Map<string, Group>()
  for (const r of allowable(rows)) {
    const from = endpointNode[r.src]
    const to = endpointNode[r.dst]
    if (from === undefined || to === undefined) continue
    const placement = r.blockedBy!
    const key = `${from}\u0000${to}\u0000${placement}`
    let g = groups.get(key)
    if (!g) groups.set(key, (g = { from, to, placement, ports: new Map(), anyPort: false }))
    if (r.protocol !== undefined && PORT_PROTOCOLS.has(r.protocol) && r.port !== undefined) {
      g.ports.set(`${r.protocol}/${r.port}`, { port: String(r.port), protocol: r.protocol as Protocol })
    } else {
      g.anyPort = true
    }
  }
  return [...groups.values()].map((g) => ({
    type: 'connect',
    from: g.from as NodeId,
    to: g.to as NodeId,
    ports: g.anyPort ? [] : [...g.ports.values()].sort((a, b) => Number(a.port) - Number(b.port)),
    action: 'allow',
    placement: g.placement,
  }))
}

/** The single replacement that turns `before` into `after` (common prefix and suffix kept). */
function oneEdit(before: string, after: string): { start: number; end: number; text: string } {
  let start = 0
  const max = Math.min(before.length, after.length)
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++
  let tail = 0
  while (tail < max - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++
  return { start, end: before.length - tail, text: after.slice(start, after.length - tail) }
}

/**
 * Applies `gestures` in turn (each to the text the one before wrote) and folds them into one
 * outcome against the original `text`. A gesture that cannot be written is skipped and named in
 * the warning; when none can be written the first error is the answer.
 */
export function applyGestures(text: string, parse: ParseResult, gestures: readonly ConnectGesture[]): GestureOutcome {
  let current = text
  let currentParse = parse
  let written = 0
  const failed: string[] = []
  const warnings: string[] = []
  for (const g of gestures) {
    const out = applyGesture(current, currentParse, g)
    if ('error' in out) {
      failed.push(`${g.from} → ${g.to}: ${out.error}`)
      continue
    }
    written++
    current = out.text
    currentParse = out.parse
    if (out.warning) warnings.push(out.warning)
  }
  if (written === 0) return { error: failed[0] ?? 'nothing to change' }
  const notes = [...new Set(warnings)]
  if (failed.length > 0) notes.push(`${failed.length} could not be written: ${failed.join('; ')}`)
  const result: EditResult = {
    edits: [oneEdit(text, current)],
    text: current,
    description: `Allowed the flows: ${written} rule${written === 1 ? '' : 's'} written`,
    ...(notes.length > 0 && { warning: notes.join(' ') }),
    parse: currentParse,
  }
  return result
}
