/**
 * One connection, many records (hubble-flows.md pitfall 3): a TCP connection is reported at the
 * source node (FROM_ENDPOINT, TO_STACK, TO_OVERLAY…), at the destination node (FROM_OVERLAY,
 * TO_ENDPOINT), as a policy-verdict event on each side, as a drop event beside a DROPPED policy
 * verdict, and as TO_PROXY traces plus L7 access-log records. The overlay counts it once; all
 * its records stay reachable.
 *
 * The connection key (`connectionKey`), after turning replies around so the client is first
 * (`isReply`: `is_reply`, else the port heuristic, pitfall 1):
 *
 *     protocol | client address | client port | server address | server port
 *
 * where an address is the IP, or — when a field mask removed it — the endpoint's identity
 * (`id:<n>`) or `ns/pod`; ICMP has no ports, so echo request and echo reply share the key
 * `echo` (any other ICMP type keys on its type). Records of one key further apart in time than
 * `idleMs` (default 2 minutes) start a new connection: the same 5-tuple reused later is another
 * connection.
 */
import type { Flow, FlowEndpoint, L4Protocol, Verdict } from './flow.ts'
import { isReply } from './reply.ts'
import { timeOrderOf } from './columnar.ts'

export interface Connection {
  /** `connectionKey` of its records, plus `#n` when the 5-tuple was reused after an idle gap. */
  readonly key: string
  /** Positions (in the input array) of every record of this connection, in time order. */
  readonly records: readonly number[]
  /**
   * The record that stands for the connection (pitfall 3's canonical event class): a
   * policy-verdict event, else the TO_ENDPOINT trace at the destination, else FROM_ENDPOINT at the
   * source, else the first non-reply record, else the first record.
   */
  readonly canonical: number
  /** Client (initiator) and server, whatever direction each record had. */
  readonly client: FlowEndpoint
  readonly server: FlowEndpoint
  readonly protocol?: L4Protocol
  /** Server port (ICMP: the request's type), when known. */
  readonly port?: number
  /** Epoch ms of the first and last record (NaN when no record has a time). */
  readonly first: number
  readonly last: number
  /**
   * The cluster's verdict for the connection: DROPPED if any request-direction record was dropped
   * (then `dropReason`), else AUDIT, else REDIRECTED, else FORWARDED, else the canonical record's.
   */
  readonly recorded: Verdict
  readonly dropReason?: string
  /** Whether any record was an L7 access-log record. */
  readonly l7: boolean
}

export interface GroupOptions {
  /** A record further than this after the previous one of the same key starts a new connection. */
  readonly idleMs?: number
}

const ECHO_TYPES: ReadonlySet<string> = new Set(['ICMPv4:8', 'ICMPv4:0', 'ICMPv6:128', 'ICMPv6:129'])
const REQUEST_TYPE: Readonly<Record<string, number>> = { 'ICMPv4:0': 8, 'ICMPv6:129': 128 }

function address(e: FlowEndpoint): string {
  if (e.ip !== undefined) return e.ip
  if (e.identity !== 0) return `id:${e.identity}`
  if (e.podName !== undefined) return `${e.namespace ?? ''}/${e.podName}`
  return e.reserved ?? '?'
}

/** The key documented above, without the idle-gap suffix. */
export function connectionKey(f: Flow): string {
  const reply = isReply(f)
  const client = reply ? f.destination : f.source
  const server = reply ? f.source : f.destination
  const l4 = f.l4
  if (!l4) return `-|${address(client)}||${address(server)}|`
  if (l4.protocol === 'ICMPv4' || l4.protocol === 'ICMPv6') {
    const t = `${l4.protocol}:${l4.icmpType ?? 0}`
    return `${l4.protocol}|${address(client)}|${ECHO_TYPES.has(t) ? 'echo' : t}|${address(server)}|`
  }
  const clientPort = reply ? l4.destinationPort : l4.sourcePort
  const serverPort = reply ? l4.sourcePort : l4.destinationPort
  return `${l4.protocol}|${address(client)}|${clientPort ?? ''}|${address(server)}|${serverPort ?? ''}`
}

/** Lower is more canonical (pitfall 3). */
function canonicalRank(f: Flow, reply: boolean): number {
  if (f.eventType === 5) return 0
  if (reply) return 4
  if (f.observationPoint === 'TO_ENDPOINT') return 1
  if (f.observationPoint === 'FROM_ENDPOINT') return 2
  return 3
}

const VERDICT_RANK: Readonly<Record<string, number>> = { DROPPED: 0, AUDIT: 1, REDIRECTED: 2, FORWARDED: 3 }

interface Acc {
  key: string
  records: number[]
  canonical: number
  rank: number
  client: FlowEndpoint
  server: FlowEndpoint
  protocol?: L4Protocol
  port?: number
  first: number
  last: number
  recorded?: Verdict
  recordedRank: number
  dropReason?: string
  l7: boolean
}

/**
 * Groups flow records into connections (see the key above). Pure: the input is not changed; the
 * result is ordered by each connection's first record.
 */
export function groupConnections(flows: readonly Flow[], options: GroupOptions = {}): Connection[] {
  const idle = options.idleMs ?? 120_000
  const open = new Map<string, Acc>()
  const reuse = new Map<string, number>()
  const out: Acc[] = []
  const order = timeOrderOf(flows)
  for (let k = 0; k < order.length; k++) {
    const i = order[k]
    const f = flows[i]
    const reply = isReply(f)
    const base = connectionKey(f)
    let acc = open.get(base)
    if (acc && Number.isFinite(f.time) && Number.isFinite(acc.last) && f.time - acc.last > idle) acc = undefined
    if (!acc) {
      const n = reuse.get(base) ?? 0
      reuse.set(base, n + 1)
      const l4 = f.l4
      const icmp = l4 && (l4.protocol === 'ICMPv4' || l4.protocol === 'ICMPv6')
      const port = !l4 ? undefined : icmp ? (REQUEST_TYPE[`${l4.protocol}:${l4.icmpType ?? 0}`] ?? l4.icmpType) : reply ? l4.sourcePort : l4.destinationPort
      acc = { key: n === 0 ? base : `${base}#${n}`, records: [], canonical: i, rank: Infinity, client: reply ? f.destination : f.source,
        server: reply ? f.source : f.destination, ...(l4 && { protocol: l4.protocol }), ...(port !== undefined && { port }),
        first: f.time, last: f.time, recordedRank: Infinity, l7: false }
      open.set(base, acc)
      out.push(acc)
    }
    acc.records.push(i)
    if (Number.isFinite(f.time)) {
      if (!Number.isFinite(acc.first)) acc.first = f.time
      acc.last = f.time
    }
    const rank = canonicalRank(f, reply)
    if (rank < acc.rank) {
      acc.rank = rank
      acc.canonical = i
      // A non-reply record names the sides best (replies carry the server's view of them).
      if (!reply) {
        acc.client = f.source
        acc.server = f.destination
      }
    }
    if (f.l7) acc.l7 = true
    const vr = VERDICT_RANK[f.verdict]
    // A dropped reply is infrastructure noise more often than policy: the request side decides.
    if (vr !== undefined && vr < acc.recordedRank && !(reply && vr === 0)) {
      acc.recordedRank = vr
      acc.recorded = f.verdict
      acc.dropReason = f.dropReason
    }
  }
  return out.map((a) => ({
    key: a.key, records: a.records, canonical: a.canonical, client: a.client, server: a.server,
    ...(a.protocol !== undefined && { protocol: a.protocol }), ...(a.port !== undefined && { port: a.port }),
    first: a.first, last: a.last, recorded: a.recorded ?? flows[a.canonical].verdict,
    ...(a.recorded === 'DROPPED' && a.dropReason !== undefined && { dropReason: a.dropReason }), l7: a.l7,
  }))
}
