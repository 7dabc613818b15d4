import type { HostFirewallChoice } from '../domain/engine/index.ts'
import type { EditResult, Gesture, GestureOutcome, TextEdit } from '../domain/edits/index.ts'
import type { GraphModel, NamespaceLabels } from '../domain/graph/index.ts'
import type { ParseResult } from '../domain/policy/model.ts'
import type { AgentSettings } from '../domain/settings/index.ts'
import type { DraftNode } from './drafts.ts'

/** Where namespace labels come from besides the YAML: the loaded flows or an imported inventory. */
export type NamespaceLabelSource = 'flows' | 'inventory'

export type EnforcementMode = 'default' | 'always' | 'never'

/**
 * The agent settings the workspace is evaluated under (domain/settings, with the per-namespace /
 * per-workload `auditScope`), saved with it, plus the graph's host-firewall switch: `auto`
 * (absent) turns the host firewall on when the workspace holds host policies (§2.1) or the agent
 * settings say so; `on`/`off` override both. `expectations` is the workspace's connectivity
 * expectations as YAML in the `membrane check --expect` file format (domain/expectations).
 */
export type WorkspaceSettings = AgentSettings & {
  readonly hostFirewallChoice?: HostFirewallChoice
  readonly expectations?: string
}

/** What the graph and YAML pane agree is selected; `from` stops selection echoing back. */
export interface Selection {
  readonly kind: 'node' | 'edge'
  readonly id: string
  readonly from: 'graph' | 'yaml'
}

/** The latest text's parse, and the model the graph shows (the last one that parsed). */
export interface ModelState {
  readonly parse: ParseResult
  /** Last result without YAML syntax errors; the graph keeps showing it while the text is broken. */
  readonly good: ParseResult
  readonly graph: GraphModel
  /** True while the current text does not parse and the graph shows `good`. */
  readonly stale: boolean
}

/**
 * Where a new text comes from. `typing` is the editor (keys, paste, its own undo/redo): parsed
 * after a pause, never echoed back to the editor. Everything else is parsed at once and handed
 * to the editor as one undoable edit: `gesture` (a graph or inspector edit), `script` (the
 * scripting API; keeps the workspace's drafts and source), `load` (an example: a new workspace)
 * and `reset` (the demo or an empty workspace).
 */
export type TextOrigin = 'typing' | 'gesture' | 'script' | 'load' | 'reset'

export interface TextCommit {
  readonly text: string
  readonly origin: TextOrigin
  /** For `load`/`reset`: what the new workspace is (`demo`, `example:<id>`, `empty`). */
  readonly source?: string
  /** For `gesture`: the replacements against the current text, applied as exactly those. */
  readonly edits?: readonly TextEdit[]
  /** The parse of `text` when the caller already made it (a gesture's safety check). */
  readonly parse?: ParseResult
}

export interface ExternalText {
  readonly text: string
  readonly seq: number
  readonly base?: string
  readonly edits?: readonly TextEdit[]
}

export interface Notice {
  readonly kind: 'info' | 'warning' | 'error'
  readonly text: string
  readonly seq: number
}

/** A question the store waits on before it replaces the workspace. */
export interface ConfirmPrompt {
  readonly title: string
  readonly message: string
  readonly confirmLabel: string
}

/** Replace the whole workspace (an example, the demo, an empty one); asks first when edits would be lost. */
export interface ReplaceRequest {
  readonly prompt: ConfirmPrompt
  readonly origin: 'load' | 'reset'
  readonly source: string
  /** The new text; loaded only once the replacement goes ahead. */
  readonly load: () => string | Promise<string>
}

export interface WorkspaceState {
  text: string
  /** Where the text came from: `demo`, `example:<id>`, `empty` or `saved`. */
  source: string
  /** The text as last loaded; differs from `text` once the user has edited. */
  loadedText: string
  model: ModelState
  settings: WorkspaceSettings
  selection: Selection | null
  /** Palette nodes not in the YAML yet. */
  drafts: readonly DraftNode[]
  /** The model's graph plus the drafts: what the panes draw (one object per model/drafts pair). */
  displayGraph: GraphModel
  /**
   * Namespace labels known besides the YAML, for KNP namespaceSelector peers: what the imported
   * inventory says, and for the namespaces it does not name, what the flows recorded.
   */
  namespaceLabels: NamespaceLabels
  /** Each source's namespace labels, merged into `namespaceLabels`. */
  namespaceLabelSources: Readonly<Partial<Record<NamespaceLabelSource, NamespaceLabels>>>
  view: 'cluster' | 'focus'
  /**
   * A text the editor must take over (not typed in it); `seq` changes for every request. `edits`
   * (against `base`) let the editor apply a graph gesture as exactly those small replacements.
   */
  external: ExternalText | null
  /** A short message for the status bar: what a gesture did, or why it could not. */
  notice: Notice | null
  /** The question a workspace replacement waits on, or null. */
  confirm: ConfirmPrompt | null
  autosaveOk: boolean

  /** The one way text changes. */
  commitText(commit: TextCommit): void
  /** Replaces the workspace at once when nothing would be lost, else after `answerConfirm(true)`. Resolves true once applied. */
  requestReplace(request: ReplaceRequest): Promise<boolean>
  answerConfirm(ok: boolean): void
  /** What a gesture would do, without doing it (for "are you sure?" prompts). */
  previewGesture(gesture: Gesture): GestureOutcome
  /** Applies an already computed outcome; returns false (and says why) when there is nothing to apply. */
  commitOutcome(outcome: GestureOutcome, reveal?: boolean): outcome is EditResult
  runGesture(gesture: Gesture): boolean
  notify(notice: Omit<Notice, 'seq'> | null): void
  select(selection: Selection | null): void
  addDraft(draft: DraftNode): void
  removeDraft(id: string): void
  setView(view: 'cluster' | 'focus'): void
  setSettings(patch: Partial<WorkspaceSettings>): void
  /** What one source now knows of the namespaces' labels; the graph is drawn again when the merge changes. */
  setNamespaceLabels(labels: NamespaceLabels, source?: NamespaceLabelSource): void
  /** Runs a pending debounced parse now (scripting API, tests). */
  flushParse(): void
  /** Writes autosave now (page hide), so a reload right after typing restores everything. */
  saveNow(): void
  /** Stops the store's timers (tests, teardown). */
  dispose(): void
}
