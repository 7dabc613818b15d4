/**
 * The one command list shared by the evaluator worker and its callers (code-style "Workers").
 * Everything here is plain data so it crosses `postMessage` by structured clone.
 */
import type { EvalResult, FlowProtocol } from '../domain/engine/index.ts'

export interface EvaluatorSettings {
  readonly auditMode: boolean
  readonly enforcementMode: 'default' | 'always' | 'never'
}

/** One side of a traced connection, as a person picks it in the UI or on the command line. */
export type PeerSpec =
  | { readonly kind: 'pod'; readonly namespace: string; readonly labels: Readonly<Record<string, string>> }
  | { readonly kind: 'entity'; readonly name: string }
  | { readonly kind: 'ip'; readonly ip: string }
  /** A DNS name: its address is whatever the DNS proxy resolved for the source (toFQDNs, §5.6). */
  | { readonly kind: 'fqdn'; readonly name: string }

export interface TraceQuery {
  readonly from: PeerSpec
  readonly to: PeerSpec
  readonly protocol: FlowProtocol
  readonly port?: number
  readonly icmpType?: number
  readonly http?: { readonly method: string; readonly path: string; readonly host?: string }
  readonly dns?: string
}

export interface TraceAnswer {
  readonly result: EvalResult
  readonly lines: readonly string[]
  /** What the trace assumed or noticed beyond the verdict (e.g. how a DNS name was resolved). */
  readonly notes: readonly string[]
}

/** One evaluated flow, compact enough to send a hundred thousand of them. */
export interface FlowVerdict {
  readonly index: number
  readonly verdict: 'allowed' | 'denied' | 'audit'
  /** What the cluster recorded (FORWARDED, DROPPED, AUDIT …), when the flow says. */
  readonly recorded?: string
}

export interface VerdictSummary {
  readonly allowed: number
  readonly denied: number
  readonly audit: number
}

export interface FlowsLoaded {
  readonly flows: number
  /** Unreadable lines, skipped (and counted) rather than failing the whole file. */
  readonly skipped: number
  readonly skippedSamples: readonly { readonly line: number; readonly reason: string }[]
  /** Non-flow records (lost events, node status) that were left out. */
  readonly nonFlow: number
  readonly summary: VerdictSummary
}

export type Command =
  | { readonly type: 'setWorkspace'; readonly text: string; readonly settings: EvaluatorSettings }
  | { readonly type: 'trace'; readonly query: TraceQuery }
  | { readonly type: 'loadFlows'; readonly text: string }
  | { readonly type: 'verdicts' }

/** What each command resolves with. */
export interface Answers {
  setWorkspace: { readonly policies: number; readonly problems: number }
  trace: TraceAnswer
  loadFlows: FlowsLoaded
  verdicts: { readonly summary: VerdictSummary; readonly flows: readonly FlowVerdict[] }
}

export type Request = { readonly id: number; readonly command: Command } | { readonly id: number; readonly cancel: true }

export type Response =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string }
