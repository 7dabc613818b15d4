/**
 * Evaluation state, made by a factory over a workspace store and an evaluator (the worker in the
 * app, the in-thread fallback in tests). The evaluator follows the workspace (debounced, never
 * blocking typing) and answers trace queries; a query re-runs by itself after every edit.
 */
import { createStore } from 'zustand/vanilla'
import type { StoreApi } from 'zustand/vanilla'
import type { Evaluator } from '../worker/evaluator-client.ts'
import type { FlowVerdict, FlowsLoaded, VerdictSummary } from '../domain/replay/index.ts'
import type { TraceAnswer, TraceQuery } from '../domain/trace/index.ts'
import type { WorkspaceStore } from './create-workspace-store.ts'
import type { EdgeVerdictsSlice } from './edge-verdicts-slice.ts'
import type { InventoryInput, InventorySummary } from '../worker/inventory-command.ts'
import { edgeVerdictsFollower } from './edge-verdicts-slice.ts'

export interface EvaluationState extends EdgeVerdictsSlice {
  query: TraceQuery | null
  answer: TraceAnswer | null
  error: string | null
  pending: boolean
  /** Loaded Hubble flows and the draft's verdicts on them (kept current after every edit). */
  flows: FlowsLoaded | null
  /** The cluster inventory the user imported, as the evaluator read it (null: none). */
  inventory: InventorySummary | null
  runTrace(query: TraceQuery): void
  /**
   * Gives the evaluator a cluster inventory (or, with null, takes it away); every answer that
   * depends on it (verdicts, edge verdicts, a trace, the lints) is then asked again.
   */
  setInventory(input: InventoryInput | null): Promise<InventorySummary | null>
  loadFlows(text: string): Promise<FlowsLoaded>
  verdicts(): Promise<{ summary: VerdictSummary; flows: readonly FlowVerdict[] }>
  /** The verdict counts alone, for the current text: no per-flow list crosses to the page. */
  verdictSummary(): Promise<VerdictSummary>
  /** Stops following the workspace and drops a running trace (the evaluator is the caller's). */
  dispose(): void
}

export type EvaluationStore = StoreApi<EvaluationState>

export interface EvaluationStoreOptions {
  readonly workspace: WorkspaceStore
  readonly evaluator: Evaluator
  /** Pause after the last workspace change before the evaluator gets it. */
  readonly syncDelayMs?: number
}

/** Slow calls (a large capture) get more than the client's default before they count as hung. */
const LONG_CALL_MS = 120_000

export function createEvaluationStore(options: EvaluationStoreOptions): EvaluationStore {
  const { workspace, evaluator, syncDelayMs = 150 } = options
  let synced: Promise<unknown> = Promise.resolve()
  let syncTimer: ReturnType<typeof setTimeout> | undefined
  let traceAbort: AbortController | null = null

  const store = createStore<EvaluationState>()((set, get) => ({
    query: null,
    answer: null,
    error: null,
    pending: false,
    flows: null,
    inventory: null,
    edgeVerdicts: null,
    async loadFlows(text) {
      await currentWorkspace()
      const loaded = await evaluator.call({ type: 'loadFlows', text }, { timeoutMs: LONG_CALL_MS })
      set({ flows: loaded })
      return loaded
    },
    async setInventory(input) {
      await currentWorkspace()
      // The worker recompiles the workspace with the inventory itself; what follows a sync follows this one.
      const call = evaluator.call({ type: 'setInventory', inventory: input }, { timeoutMs: LONG_CALL_MS })
      followSync(call.catch(() => undefined))
      const inventory = await call
      set({ inventory })
      return inventory
    },
    async verdicts() {
      await currentWorkspace()
      return evaluator.call({ type: 'verdicts' }, { timeoutMs: LONG_CALL_MS })
    },
    async verdictSummary() {
      await currentWorkspace()
      return evaluator.call({ type: 'verdictSummary' }, { timeoutMs: LONG_CALL_MS })
    },
    runTrace(query) {
      traceAbort?.abort()
      const abort = new AbortController()
      traceAbort = abort
      // A new question clears the old answer; re-running the same one after an edit keeps it shown.
      set({ query, pending: true, error: null, ...(query === get().query ? {} : { answer: null }) })
      void currentWorkspace()
        .then(() => evaluator.call({ type: 'trace', query }, { signal: abort.signal }))
        .then(
          (answer) => {
            if (get().query === query) set({ answer, pending: false, error: null })
          },
          (err: unknown) => {
            if (abort.signal.aborted) return
            set({ answer: null, pending: false, error: err instanceof Error ? err.message : String(err) })
          },
        )
    },
    dispose() {
      unsubscribe()
      clearTimeout(syncTimer)
      syncTimer = undefined
      traceAbort?.abort()
    },
  }))

  const followEdges = edgeVerdictsFollower(evaluator, () => store.getState().edgeVerdicts, (edgeVerdicts) => store.setState({ edgeVerdicts }))

  function syncNow(): void {
    const { text, settings } = workspace.getState()
    followSync(evaluator.call({ type: 'setWorkspace', text, settings }).catch(() => undefined))
  }

  /** After the evaluator compiled a new set (`sync`): edge verdicts, the trace and the counts again. */
  function followSync(sync: Promise<unknown>): void {
    synced = sync
    followEdges(synced)
    const { query, flows, runTrace, verdictSummary } = store.getState()
    if (query) runTrace(query)
    if (flows) {
      // The verdict counts follow the draft: recompute them for the new policies.
      void verdictSummary()
        .then((summary) => {
          const current = store.getState().flows
          if (current) store.setState({ flows: { ...current, summary } })
        })
        .catch(() => undefined)
    }
  }

  /**
   * Resolves once the evaluator has the workspace as it is now: a sync still waiting out its
   * debounce runs at once, so `getVerdicts()` right after `setText()` answers for the new text.
   */
  function currentWorkspace(): Promise<unknown> {
    if (syncTimer !== undefined) {
      clearTimeout(syncTimer)
      syncTimer = undefined
      syncNow()
    }
    return synced
  }

  syncNow()
  const unsubscribe = workspace.subscribe((state, prev) => {
    if (state.text === prev.text && state.settings === prev.settings) return
    // The edge verdicts shown are for the previous draft until the new ones arrive.
    const shown = store.getState().edgeVerdicts
    if (shown?.current) store.setState({ edgeVerdicts: { ...shown, current: false } })
    clearTimeout(syncTimer)
    syncTimer = setTimeout(() => {
      syncTimer = undefined
      syncNow()
    }, syncDelayMs)
  })
  return store
}
