/**
 * The one command list shared by the evaluator worker and its callers (code-style "Workers"):
 * transport types only. What the commands carry and answer are domain types (trace, replay).
 * Everything here is plain data so it crosses `postMessage` by structured clone.
 */
import type { AgentSettings } from '../domain/settings/index.ts'
import type { FlowVerdict, FlowsLoaded, VerdictSummary } from '../domain/replay/index.ts'
import type { TraceAnswer, TraceQuery } from '../domain/trace/index.ts'
import type { LintFinding } from '../domain/lint/index.ts'
import type { EvalResult, HostFirewallChoice } from '../domain/engine/index.ts'
import type { Flow } from '../domain/flows/index.ts'
import type { LostGap, NamedBlob, SkippedLine, StreamProgress } from './flow-stream.ts'
import type { FlowRow } from './flow-view.ts'
import type { FlowView } from './flow-summary.ts'
import type { FlowFilter, FlowRowsAnswer, FlowRowsQuery, FlowSort } from './flow-query.ts'

/**
 * The engine settings the workspace controls: the whole agent settings model (Settings panel,
 * toolbar switches) and the graph's host-firewall switch (absent: `auto`, see workspace-types.ts).
 */
export type EvaluatorSettings = AgentSettings & { readonly hostFirewallChoice?: HostFirewallChoice; readonly expectations?: string }
import type { EdgeVerdictsAnswer } from './edge-verdicts-command.ts'
import type { AppendLiveFlows, LiveAppended } from './flow-live.ts'
import type { ExpectationsAnswer } from './expectations-command.ts'
import type { GenerateAnswer, GenerateScope } from './generate-command.ts'
import type { RolloutReport } from '../domain/rollout/index.ts'
import type { InventoryInput, InventorySummary } from './inventory-command.ts'
import type { ClusterView } from '../domain/inventory/index.ts'

export type Command =
  | { readonly type: 'setWorkspace'; readonly text: string; readonly settings: EvaluatorSettings }
  | { readonly type: 'trace'; readonly query: TraceQuery }
  | { readonly type: 'loadFlows'; readonly text: string }
  | { readonly type: 'verdicts' }
  /** Pitfall lints of `text`, knowing the loaded flows (their endpoints, which rules they used). */
  | { readonly type: 'lint'; readonly text: string }
  /** Streams files (File objects cross postMessage) into the loaded flows; answers with progress messages on the way. */
  | { readonly type: 'loadFlowFiles'; readonly files: readonly NamedBlob[] }
  /** The page's summary of the loaded flows: counts, endpoints, overlay pairs, timeline, breakage. */
  | { readonly type: 'flowView' }
  | { readonly type: 'flowDetail'; readonly index: number }
  /** The rows the flows table draws, for its chips and sort (flow-query.ts). */
  | { readonly type: 'flowRows'; readonly query: FlowRowsQuery }
  /** The rows "Allow these flows" writes rules for, one per source, destination, sides and port. */
  | { readonly type: 'flowAllowable'; readonly query: { readonly filters: readonly FlowFilter[]; readonly sort: FlowSort } }
  /** Pins the draft's verdicts now as the breakage diff's baseline, or unpins it. */
  | { readonly type: 'pinBaseline'; readonly pin: boolean }
  /** The draft's verdict counts on the loaded flows, without the per-flow list. */
  | { readonly type: 'verdictSummary' }
  /** The evaluator's verdict for the traffic each rule edge admits (issue 9). */
  | { readonly type: 'edgeVerdicts' }
  /** Live flows from `membrane serve`, appended to the loaded flows in a bounded window (flow-live.ts). */
  | AppendLiveFlows
  /** The workspace's connectivity expectations (settings.expectations) under the current policies. */
  | { readonly type: 'expectations' }
  /** The Rollout panel's report: per namespace stage, counts, coverage, next step; the checklist. */
  | { readonly type: 'rollout' }
  /** Allow policies drafted from the loaded flows for a namespace, a workload or everything. */
  | { readonly type: 'generate'; readonly scope: GenerateScope }
  /** The cluster inventory the user imported (kubectl JSON/YAML), or null to forget it (inventory-command.ts). */
  | { readonly type: 'setInventory'; readonly inventory: InventoryInput | null }
  /** The capture's workloads and namespaces merged with the inventory's, for the Cluster tab. */
  | { readonly type: 'clusterView' }

/** A streamed load's progress; `summary` is the draft's verdicts on the flows read so far. */
export interface LoadProgress extends StreamProgress {
  readonly summary?: VerdictSummary
}

/** A load of several files: what `loadFlows` answers, plus which file each skipped line was in. */
export interface FilesLoaded extends FlowsLoaded {
  readonly skippedLines: readonly SkippedLine[]
  readonly duplicates: number
  /** The capture's `lost_events` records in time order (gaps in the timeline). */
  readonly lostEvents?: readonly LostGap[]
}

/** What each command resolves with. */
export interface Answers {
  setWorkspace: { readonly policies: number; readonly problems: number }
  trace: TraceAnswer
  loadFlows: FlowsLoaded
  verdicts: { readonly summary: VerdictSummary; readonly flows: readonly FlowVerdict[] }
  lint: { readonly text: string; readonly findings: readonly LintFinding[] }
  loadFlowFiles: FilesLoaded
  flowView: FlowView
  flowDetail: { readonly flow: Flow; readonly result: EvalResult; readonly row: FlowRow } | null
  flowRows: FlowRowsAnswer
  flowAllowable: readonly FlowRow[]
  pinBaseline: { readonly pinned: boolean }
  verdictSummary: VerdictSummary
  edgeVerdicts: EdgeVerdictsAnswer
  appendLiveFlows: LiveAppended
  expectations: ExpectationsAnswer
  rollout: RolloutReport
  generate: GenerateAnswer
  setInventory: InventorySummary | null
  clusterView: ClusterView
}

export type Request = { readonly id: number; readonly command: Command } | { readonly id: number; readonly cancel: true }

export type Response =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string }
  | { readonly id: number; readonly progress: LoadProgress }
