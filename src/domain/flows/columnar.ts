/**
 * A columnar view of a flow capture, built once at ingest time, for evaluators that walk every
 * flow (DESIGN.md "Evaluator": flows are kept columnar). A `Flow` object spreads the fields an
 * L3/L4 verdict needs over several scattered objects (flow, l4, endpoints); reading them costs
 * more than the verdict-cache lookup itself. Here each such field is one typed-array slot, read
 * sequentially, and the rare flows that need more (L7 payloads, DNS answers) keep their `Flow`
 * in a side table.
 */
import type { Flow, FlowEndpoint } from './flow.ts'
import { dnsAnswer } from './l7.ts'
import { hasReplyPorts, replyOf } from './reply.ts'

/** `proto` codes. VRRP, IGMP and a missing L4 section get their own codes; evaluators decide. */
export const PROTO_TCP = 0
export const PROTO_UDP = 1
export const PROTO_SCTP = 2
export const PROTO_ICMPV4 = 3
export const PROTO_ICMPV6 = 4
export const PROTO_OTHER = 5
export const PROTO_NONE = 6

/** `flags` bits. */
/** `isReply` is known (true or false). */
export const F_REPLY_KNOWN = 1
/** `isReply === true`. */
export const F_REPLY = 2
/** The flow's ports are a reply's (`hasReplyPorts`): the evidence when `isReply` is unknown. */
export const F_EPHEMERAL_DST = 4
/** The flow has an L7 record (`flows.get(i)` holds it). */
export const F_L7 = 8
/** The flow carries a DNS answer (`dnsAnswer`), which teaches the FQDN cache. */
export const F_DNS_ANSWER = 16
/**
 * The port or ICMP type is not an integer in 0–65535, so `port` cannot represent it exactly:
 * evaluators take the flow's object path (`flows.get(i)` holds it).
 */
export const F_IRREGULAR = 32

/** Whether a flow with these `flags` is a reply: `isReply`'s rule (reply.ts), read from the bits. */
export function isReplyFlags(flags: number): boolean {
  return replyOf((flags & F_REPLY_KNOWN) !== 0 ? (flags & F_REPLY) !== 0 : undefined, (flags & F_EPHEMERAL_DST) !== 0)
}

export interface FlowColumns {
  readonly length: number
  /** Distinct endpoint objects (flows intern them, so this is small); `src`/`dst` index into it. */
  readonly endpoints: readonly FlowEndpoint[]
  readonly src: Int32Array
  readonly dst: Int32Array
  /** A `PROTO_*` code. */
  readonly proto: Uint8Array
  /** Destination port, or the ICMP type for ICMP; -1 when absent (or irregular, see `F_IRREGULAR`). */
  readonly port: Int32Array
  /** `F_*` bits. */
  readonly flags: Uint8Array
  /**
   * For `F_L7` flows without a DNS answer: a number per distinct L7 record (equal numbers mean
   * records equal in every field but `latencyNs`), so evaluators can memoize L7 verdicts with an
   * array index instead of hashing URLs per flow; -1 otherwise.
   */
  readonly l7Key: Int32Array
  /** The flows with `F_L7`, `F_DNS_ANSWER` or `F_IRREGULAR`, by position. */
  readonly payloads: ReadonlyMap<number, Flow>
  /** Positions in time order (`timeOrderOf`): DNS answers must be evaluated before later flows. */
  readonly order: Uint32Array
  /** `Flow.time` per position (epoch ms, NaN when unknown): evaluators expire DNS answers by it. */
  readonly time?: Float64Array
}

function protoCode(f: Flow): number {
  switch (f.l4?.protocol) {
    case undefined: return PROTO_NONE
    case 'TCP': return PROTO_TCP
    case 'UDP': return PROTO_UDP
    case 'SCTP': return PROTO_SCTP
    case 'ICMPv4': return PROTO_ICMPV4
    case 'ICMPv6': return PROTO_ICMPV6
    default: return PROTO_OTHER
  }
}

const regular = (x: number): boolean => Number.isInteger(x) && x >= 0 && x <= 65535

export function toColumns(flows: readonly Flow[]): FlowColumns {
  const n = flows.length
  const src = new Int32Array(n)
  const dst = new Int32Array(n)
  const proto = new Uint8Array(n)
  const port = new Int32Array(n)
  const flags = new Uint8Array(n)
  const l7Key = new Int32Array(n).fill(-1)
  const time = new Float64Array(n)
  const l7Keys = new Map<string, number>()
  const payloads = new Map<number, Flow>()
  const endpoints: FlowEndpoint[] = []
  const ids = new Map<FlowEndpoint, number>()
  const intern = (e: FlowEndpoint): number => {
    let id = ids.get(e)
    if (id === undefined) {
      ids.set(e, (id = endpoints.length))
      endpoints.push(e)
    }
    return id
  }
  for (let i = 0; i < n; i++) {
    const f = flows[i]
    src[i] = intern(f.source)
    time[i] = f.time
    dst[i] = intern(f.destination)
    const code = protoCode(f)
    proto[i] = code
    const l4 = f.l4
    const p = code === PROTO_ICMPV4 || code === PROTO_ICMPV6 ? l4?.icmpType : l4?.destinationPort
    let bits = 0
    if (p === undefined) port[i] = -1
    else if (regular(p)) port[i] = p
    else {
      port[i] = -1
      bits |= F_IRREGULAR
    }
    if (f.isReply !== undefined) bits |= f.isReply ? F_REPLY_KNOWN | F_REPLY : F_REPLY_KNOWN
    if (hasReplyPorts(l4)) bits |= F_EPHEMERAL_DST
    const l7 = f.l7
    if (l7 !== undefined) {
      bits |= F_L7
      if (dnsAnswer(f) !== undefined) bits |= F_DNS_ANSWER
      else {
        // Latency differs per record but never matters to a verdict; JSON of the rest is exact
        // (equal text means equal fields), and records from one parser share a field order.
        const text = JSON.stringify(l7, (k, v: unknown) => (k === 'latencyNs' ? undefined : v))
        let key = l7Keys.get(text)
        if (key === undefined) l7Keys.set(text, (key = l7Keys.size))
        l7Key[i] = key
      }
    }
    flags[i] = bits
    if ((bits & (F_L7 | F_IRREGULAR)) !== 0) payloads.set(i, f)
  }
  return { length: n, endpoints, src, dst, proto, port, flags, l7Key, payloads, order: timeOrderOf(flows), time }
}

/**
 * Positions of flows in time order (nanosecond precision, then file order; NaN times first).
 * Captures are usually already sorted: then this is the identity, and walking it is sequential.
 * Several files (or rotated exports) one after the other are a few sorted runs: those are
 * merged rather than sorted from scratch.
 */
export function timeOrderOf(flows: readonly Flow[]): Uint32Array {
  const n = flows.length
  // Times are read once into typed arrays: the comparator then touches no flow objects.
  const ms = new Float64Array(n)
  const ns = new Float64Array(n)
  const runStarts = [0]
  for (let i = 0; i < n; i++) {
    const f = flows[i]
    ms[i] = Number.isNaN(f.time) ? -Infinity : f.time
    ns[i] = f.timeNanos
    if (i > 0 && runStarts.length <= MAX_RUNS && (ms[i - 1] - ms[i] || ns[i - 1] - ns[i]) > 0) runStarts.push(i)
  }
  const order = new Uint32Array(n)
  for (let i = 0; i < n; i++) order[i] = i
  if (runStarts.length === 1) return order
  if (runStarts.length > MAX_RUNS) return order.sort((a, b) => ms[a] - ms[b] || ns[a] - ns[b] || a - b)
  return mergeRuns(order, runStarts, ms, ns)
}

/** Past this many sorted runs a plain sort is as quick as merging them. */
const MAX_RUNS = 64

/**
 * Bottom-up merge of the sorted runs of `order` starting at `starts`; on equal times the earlier
 * run (the lower positions) goes first, so ties keep file order as the sort's `a - b` does.
 */
function mergeRuns(order: Uint32Array, starts: number[], ms: Float64Array, ns: Float64Array): Uint32Array {
  const n = order.length
  let from: Uint32Array = order
  let to: Uint32Array = new Uint32Array(n)
  let bounds = [...starts, n]
  while (bounds.length > 2) {
    const next = [0]
    for (let r = 0; r + 1 < bounds.length; r += 2) {
      const lo = bounds[r]
      const mid = bounds[r + 1]
      const hi = r + 2 < bounds.length ? bounds[r + 2] : mid
      let i = lo
      let j = mid
      let k = lo
      while (i < mid && j < hi) {
        const a = from[i]
        const b = from[j]
        if (ms[b] < ms[a] || (ms[b] === ms[a] && ns[b] < ns[a])) {
          to[k++] = b
          j++
        } else {
          to[k++] = a
          i++
        }
      }
      while (i < mid) to[k++] = from[i++]
      while (j < hi) to[k++] = from[j++]
      next.push(hi)
    }
    bounds = next
    const done = to
    to = from
    from = done
  }
  return from
}
