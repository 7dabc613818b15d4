/**
 * L7 verdicts of one evaluation run per (L3/L4 entry, request), keyed by the flow record's own
 * strings in nested Maps. Building the engine request (URL split, objects) and a string key per
 * flow costs more than the lookups, and captures repeat the same requests on a connection.
 */
import type { EvalResult, EvaluationSession, L4Entry } from '../engine/index.ts'
import type { Flow } from '../flows/index.ts'
import { l7Request } from './flow-adapter.ts'

/** Bound on memoized results per run, so unique URLs cannot grow memory without limit. */
const MAX_MEMOIZED = 200_000

type ByHost = Map<string, EvalResult>

export class FlowL7Memo {
  /** entry → url → method → host ('' when absent) → result. */
  private readonly http = new Map<L4Entry, Map<string, Map<string, ByHost>>>()
  /** entry → DNS query → result. */
  private readonly dns = new Map<L4Entry, Map<string, EvalResult>>()
  private memoized = 0

  constructor(private readonly session: EvaluationSession) {}

  /** The verdict of a flow with L7 data whose L3/L4 entry proxies; same as `withL7(entry, l7Request(flow))`. */
  result(entry: L4Entry, flow: Flow): EvalResult {
    const l7 = flow.l7
    if (l7 === undefined || l7.type === 'RESPONSE') return entry.result // l7Request gives no request
    const h = l7.http
    if (h?.method !== undefined) {
      const url = h.url
      // l7Request reads method, path (from the URL when it has one), host and headers. The key
      // covers them exactly when the URL yields the path and there are no headers.
      if (h.headers !== undefined || url === undefined || !(url.startsWith('/') || url.includes('://'))) return this.compute(entry, flow)
      let byUrl = this.http.get(entry)
      if (byUrl === undefined) this.http.set(entry, (byUrl = new Map()))
      let byMethod = byUrl.get(url)
      if (byMethod === undefined) byUrl.set(url, (byMethod = new Map()))
      let byHost = byMethod.get(h.method)
      if (byHost === undefined) byMethod.set(h.method, (byHost = new Map()))
      // l7Request treats an empty host like a missing one.
      const host = h.host ?? ''
      let r = byHost.get(host)
      if (r === undefined) {
        r = this.compute(entry, flow)
        if (this.memoized++ < MAX_MEMOIZED) byHost.set(host, r)
      }
      return r
    }
    const query = l7.dns?.query
    if (!query) return this.compute(entry, flow)
    let byQuery = this.dns.get(entry)
    if (byQuery === undefined) this.dns.set(entry, (byQuery = new Map()))
    let r = byQuery.get(query)
    if (r === undefined) {
      r = this.compute(entry, flow)
      if (this.memoized++ < MAX_MEMOIZED) byQuery.set(query, r)
    }
    return r
  }

  private compute(entry: L4Entry, flow: Flow): EvalResult {
    return this.session.withL7(entry, l7Request(flow))
  }
}
