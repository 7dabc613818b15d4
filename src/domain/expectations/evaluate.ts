/** An expectation → the engine's request → its verdict, and whether the expectation is met. */
import type { CompiledPolicySet, EvalRequest, EvalResult } from '../engine/index.ts'
import { createSession } from '../engine/index.ts'
import type { PeerFacts } from '../trace/index.ts'
import { PeerError, peerRef } from '../trace/index.ts'
import type { Expectation } from './model.ts'
import { expectationMet } from './model.ts'
import { SpecError, parseHttpSpec, parsePeerSpec, parsePortSpec } from './spec.ts'

/**
 * The engine request an expectation asks about; throws `SpecError` for unreadable text and
 * `PeerError` for a peer the facts cannot resolve (a pod name no inventory or capture knows).
 */
export function expectationRequest(e: Expectation, facts: PeerFacts = {}): EvalRequest {
  const end = (spec: string): EvalRequest['source'] => {
    const peer = parsePeerSpec(spec)
    if (peer.kind === 'fqdn') throw new SpecError(`'${spec}': a DNS name is resolved by its source's DNS rules; use membrane trace --to ${spec}`)
    return peerRef(peer, facts)
  }
  // The port first, then the ends: the CLI has always reported a bad port before a bad peer.
  const port = parsePortSpec(e.port)
  const source = end(e.from)
  const destination = end(e.to)
  return {
    source, destination,
    ...port,
    ...(e.http !== undefined && { l7: { http: parseHttpSpec(e.http) } }),
    ...(e.dns !== undefined && { l7: { dns: { query: e.dns } } }),
  }
}

export type ExpectationOutcome =
  | { readonly expectation: Expectation; readonly ok: boolean; readonly result: EvalResult; readonly error?: undefined }
  /** The expectation could not be evaluated (unreadable end, unknown pod): it fails. */
  | { readonly expectation: Expectation; readonly ok: false; readonly error: string; readonly result?: undefined }

/** Evaluates one expectation against the compiled policies (a fresh session: no DNS learned). */
export function evaluateExpectation(set: CompiledPolicySet, e: Expectation, facts: PeerFacts = {}): ExpectationOutcome {
  let req: EvalRequest
  try {
    req = expectationRequest(e, facts)
  } catch (err) {
    if (err instanceof SpecError || err instanceof PeerError) return { expectation: e, ok: false, error: err.message }
    throw err
  }
  const result = createSession(set).evaluate(req)
  return { expectation: e, ok: expectationMet(e.expect, result.verdict), result }
}
