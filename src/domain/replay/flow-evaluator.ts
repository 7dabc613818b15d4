/**
 * Replays a flow capture against the draft: every flow's verdict, in time order, as `membrane
 * evaluate/check` and the worker's loaded flows need it. The reference is the per-request path,
 * `session.evaluate(adapter.request(flow))`; this is the same verdicts without building an
 * `EvalRequest` per flow. It walks a columnar flow store (flows/columnar.ts) in its time order, so
 * a flow is a few typed-array reads; each distinct (interned) `FlowEndpoint` is resolved once to
 * an engine handle, and a flow then costs one verdict-cache lookup, plus the L7 check when a
 * proxying rule applies (DESIGN.md "Evaluator"). The engine decides each step (reply, L3/L4, L7);
 * this file only picks the flows that take the per-request path: those carrying a DNS answer
 * (it teaches the FQDN cache; handles notice the cache's version change and re-resolve, §5.6) and
 * those whose port the columns cannot hold.
 */
import type { EndpointHandle, EvalResult, EvaluationSession, FlowProtocol, L4Entry } from '../engine/index.ts'
import type { FlowColumns, FlowEndpoint } from '../flows/index.ts'
import {
  F_DNS_ANSWER, F_IRREGULAR, F_L7, PROTO_ICMPV4, PROTO_ICMPV6, PROTO_NONE, PROTO_OTHER, PROTO_SCTP, PROTO_TCP, PROTO_UDP,
  isReplyFlags,
} from '../flows/index.ts'
import { flowKeyBase } from '../engine/index.ts'
import type { FlowAdapter } from './flow-adapter.ts'
import { l7Request } from './flow-adapter.ts'

/** What the columnar loop does with a flow, by its `flags` byte (see `ACTIONS`). */
const L4 = 0
const REPLY = 1
/** DNS answers (they teach the FQDN cache) and irregular ports: the per-request path. */
const REQUEST = 2

/** Action per flags byte: a DNS answer is learned even from a reply, so it is checked first. */
const ACTIONS = Uint8Array.from({ length: 256 }, (_, f) => {
  if ((f & (F_DNS_ANSWER | F_IRREGULAR)) !== 0) return REQUEST
  return isReplyFlags(f) ? REPLY : L4
})

/**
 * The L7 bit, copied once: under tsx (bench, dev) a re-exported binding is read through a getter
 * chain, which costs more per flow than the rest of the loop's column reads.
 */
const L7_BIT = F_L7

/** The engine protocol per `PROTO_*` code: no L4 section, VRRP and IGMP are judged as TCP (`protocolOf`). */
const PROTOCOLS: readonly FlowProtocol[] = (() => {
  const out: FlowProtocol[] = []
  out[PROTO_TCP] = 'TCP'
  out[PROTO_UDP] = 'UDP'
  out[PROTO_SCTP] = 'SCTP'
  out[PROTO_ICMPV4] = 'ICMPv4'
  out[PROTO_ICMPV6] = 'ICMPv6'
  out[PROTO_OTHER] = 'TCP'
  out[PROTO_NONE] = 'TCP'
  return Array.from(out, (p) => p) // packed, no holes
})()
const isIcmp = (p: FlowProtocol): boolean => p === 'ICMPv4' || p === 'ICMPv6'
/** `flowKeyBase` per code for port 0, and its step per port; a missing ICMP type counts as 0 (`evaluate`). */
const KEY_ZERO = Int32Array.from(PROTOCOLS, (p) => flowKeyBase(p, 0))
const PORT_STEP = flowKeyBase('TCP', 1) - flowKeyBase('TCP', 0)
const KEY_NONE = Int32Array.from(PROTOCOLS, (p) => flowKeyBase(p, isIcmp(p) ? 0 : undefined))

export class FlowEvaluator {
  // A Map, not a WeakMap: it lives as long as one evaluation run and Map lookups are cheaper.
  private readonly handles = new Map<FlowEndpoint, EndpointHandle>()

  constructor(
    readonly session: EvaluationSession,
    private readonly adapter: FlowAdapter,
  ) {}

  /**
   * Every flow's verdict by position, walking the columns in their time order (DNS answers teach
   * toFQDNs for later flows). Same results as `session.evaluate(adapter.request(flow))` per flow
   * in that order; the flow objects are only read for the rare flows in `columns.payloads`.
   */
  evaluateColumns(columns: FlowColumns): EvalResult[] {
    const { length, src, dst, proto, port, flags, l7Key, payloads, order, time } = columns
    const results = new Array<EvalResult>(length)
    // L7 verdicts by (record number, entry): equal records give equal requests, hence equal
    // `withL7` answers, without re-reading the record's strings per flow. Record numbers belong
    // to these columns, hence a memo per call.
    const l7Memo: (Map<L4Entry, EvalResult> | undefined)[] = []
    // One handle per endpoint index: an array load per side instead of a Map lookup.
    const handles = columns.endpoints.map((e) => this.handle(e))
    const session = this.session
    const reply = session.reply
    for (let k = 0; k < length; k++) {
      const i = order[k]
      const f = flags[i]
      const action = ACTIONS[f]
      if (action === REPLY) {
        results[i] = reply
        continue
      }
      if (action === REQUEST) {
        results[i] = session.evaluate(this.adapter.request(payloads.get(i)!))
        continue
      }
      // DNS answers expire by the flow clock (§5.6): one compare per flow while nothing is due.
      if (time !== undefined) session.at(time[i])
      const code = proto[i]
      const p = port[i]
      const keyBase = p < 0 ? KEY_NONE[code] : KEY_ZERO[code] + p * PORT_STEP
      const protocol = PROTOCOLS[code]
      // The port argument only matters on a cache miss; it mirrors `evaluate` exactly.
      const portOrType = p >= 0 ? p : isIcmp(protocol) ? 0 : undefined
      const entry = session.evaluateL4Key(handles[src[i]], handles[dst[i]], keyBase, protocol, portOrType)
      if ((f & L7_BIT) === 0 || !entry.proxied) {
        results[i] = entry.result
        continue
      }
      const key = l7Key[i]
      let byEntry = l7Memo[key]
      if (byEntry === undefined) l7Memo[key] = byEntry = new Map()
      let r = byEntry.get(entry)
      // A miss goes to the engine, whose own memo serves entries shared by several combinations.
      if (r === undefined) byEntry.set(entry, (r = session.withL7(entry, l7Request(payloads.get(i)!))))
      results[i] = r
    }
    return results
  }

  private handle(e: FlowEndpoint): EndpointHandle {
    let h = this.handles.get(e)
    if (h === undefined) {
      h = this.session.handle(this.adapter.ref(e))
      this.handles.set(e, h)
    }
    return h
  }
}
