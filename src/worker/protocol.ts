/**
 * The one command list shared by the evaluator worker and its callers (code-style "Workers"):
 * transport types only. What the commands carry and answer are domain types (trace, replay).
 * Everything here is plain data so it crosses `postMessage` by structured clone.
 */
import type { HostFirewallChoice, Settings } from '../domain/engine/index.ts'
import type { FlowVerdict, FlowsLoaded, VerdictSummary } from '../domain/replay/index.ts'
import type { TraceAnswer, TraceQuery } from '../domain/trace/index.ts'
import type { EdgeVerdictsAnswer } from './edge-verdicts-command.ts'

/** The engine settings the workspace controls (toolbar switches). */
export type EvaluatorSettings = Pick<Settings, 'auditMode' | 'enforcementMode'> & {
  /** Absent: `auto`, on exactly when the workspace holds host policies (§2.1). */
  readonly hostFirewall?: HostFirewallChoice
}

export type Command =
  | { readonly type: 'setWorkspace'; readonly text: string; readonly settings: EvaluatorSettings }
  | { readonly type: 'trace'; readonly query: TraceQuery }
  | { readonly type: 'loadFlows'; readonly text: string }
  | { readonly type: 'verdicts' }
  | { readonly type: 'edgeVerdicts' }

/** What each command resolves with. */
export interface Answers {
  setWorkspace: { readonly policies: number; readonly problems: number }
  trace: TraceAnswer
  loadFlows: FlowsLoaded
  verdicts: { readonly summary: VerdictSummary; readonly flows: readonly FlowVerdict[] }
  edgeVerdicts: EdgeVerdictsAnswer
}

export type Request = { readonly id: number; readonly command: Command } | { readonly id: number; readonly cancel: true }

export type Response =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string }
