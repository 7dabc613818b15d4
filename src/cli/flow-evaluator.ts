/**
 * The CLI's batch evaluation of Hubble flows: the same verdicts as `session.evaluate(adapter
 * .request(flow))`, without building an `EvalRequest` per flow. Each distinct (interned)
 * `FlowEndpoint` is resolved once to an engine handle; a flow then costs two handle lookups and
 * one verdict-cache lookup, plus the L7 check when a proxying rule applies (DESIGN.md
 * "Evaluator"). Flows carrying a DNS answer take the per-request path, which teaches the FQDN
 * cache; handles notice the cache's version change and re-resolve (§5.6).
 */
import type { EndpointHandle, EvalResult, EvaluationSession } from '../domain/engine/index.ts'
import type { Flow, FlowEndpoint } from '../domain/flows/index.ts'
import type { FlowAdapter } from './adapter.ts'
import { dnsAnswer, isReply, protocolOf } from './adapter.ts'
import { FlowL7Memo } from './l7-memo.ts'

export class FlowEvaluator {
  // A Map, not a WeakMap: it lives as long as one evaluation run and Map lookups are cheaper.
  private readonly handles = new Map<FlowEndpoint, EndpointHandle>()
  private readonly l7: FlowL7Memo

  constructor(
    readonly session: EvaluationSession,
    private readonly adapter: FlowAdapter,
  ) {
    this.l7 = new FlowL7Memo(session)
  }

  /** One flow's verdict. Call in time order: DNS answers teach toFQDNs for later flows. */
  evaluate(flow: Flow): EvalResult {
    const l7 = flow.l7
    if (l7 !== undefined && dnsAnswer(flow) !== undefined) return this.session.evaluate(this.adapter.request(flow))
    if (isReply(flow)) return this.session.reply
    const protocol = protocolOf(flow)
    const l4 = flow.l4
    const portOrType = protocol === 'ICMPv4' || protocol === 'ICMPv6' ? (l4?.icmpType ?? 0) : l4?.destinationPort
    const entry = this.session.evaluateL4(this.handle(flow.source), this.handle(flow.destination), protocol, portOrType)
    // Only a proxied flow with L7 data needs more than the cached L3/L4 result.
    if (l7 === undefined || !entry.proxied) return entry.result
    return this.l7.result(entry, flow)
  }

  /**
   * Every flow's verdict by index; `order` (e.g. `timeOrder(flows)`) is the evaluation order,
   * array order when absent.
   */
  evaluateAll(flows: readonly Flow[], order?: readonly number[]): EvalResult[] {
    const results = new Array<EvalResult>(flows.length)
    if (order) for (const i of order) results[i] = this.evaluate(flows[i])
    else for (let i = 0; i < flows.length; i++) results[i] = this.evaluate(flows[i])
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
