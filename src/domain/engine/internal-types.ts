/**
 * The engine's internal shapes that several of its modules share: the compiled set (policy-set),
 * side evaluation (side), request-level L7 (l7), the verdict cache and its entry keys (evaluate,
 * entry-key). They live in this one file, which imports only leaf modules, so those modules do
 * not import each other for types (an import cycle). Public types are in api.ts.
 */
import type { EvalResult, FlowProtocol, NamedPort, Reason } from './api.ts'
import type { CompiledElement, CompiledL7, CompiledRule } from './compiled.ts'
import type { L7Memo } from './l7-memo.ts'
import type { Identity } from './resolved-identity.ts'

/** An identity plus the endpoint facts that can change a verdict. */
export interface Endpoint {
  readonly id: number
  readonly identity: Identity
  readonly isEndpoint: boolean
  readonly namedPorts: Readonly<Record<string, NamedPort>> | undefined
}

/** What applies to one identity in one direction. */
export interface ResolvedSide {
  readonly enforced: boolean
  readonly defaultDeny: boolean
  /** Rules selecting the identity that have elements in this direction. */
  readonly selecting: readonly CompiledRule[]
  readonly allow: readonly CompiledElement[]
  readonly deny: readonly CompiledElement[]
  /** Why enforcement does not come from the rules: an agent mode or the init identity (§3.1). */
  readonly note: 'always' | 'never' | 'init' | null
}

/** What L7 enforcement a side applies to the flow it allowed (§7.6). */
export interface L7Plan {
  /** Set when L7 is unrestricted despite L7 rules (an L4-only match §7.6, or default-allow §3.3). */
  readonly unrestricted: Reason | null
  readonly sets: readonly CompiledL7[]
}

export interface FlowL4 {
  readonly protocol: FlowProtocol
  readonly port: number | undefined
  readonly icmpType: number | undefined
  /** Named ports of the flow's destination (see `EndpointRef.namedPorts`). */
  readonly namedPorts: Readonly<Record<string, NamedPort>> | undefined
}

/**
 * The cached L3/L4 outcome of one (source endpoint, destination endpoint, protocol, port, audit)
 * combination. Shared by the per-request path and the batch path, so both give the same answer.
 */
export interface L4Entry {
  readonly result: EvalResult
  readonly egressPlan: L7Plan | null
  readonly ingressPlan: L7Plan | null
  /** Whether a request carrying L7 data can change `result` (not denied, and a side proxies). */
  readonly proxied: boolean
  /** L7 verdicts already computed for this entry, by request signature (see l7-memo.ts). */
  l7Memo?: L7Memo
}
