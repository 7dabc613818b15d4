/**
 * The loaded capture as the flows UI sees it: a streamed load with progress and Cancel, the
 * worker's rows (refreshed whenever the evaluation store's verdicts change: after every edit and
 * every audit switch), the overlay on the graph, the table's filters and selection, the pinned
 * baseline for the breakage diff, and keeping the capture across reloads.
 */
import { createStore } from 'zustand/vanilla'
import type { StoreApi } from 'zustand/vanilla'
import type { Evaluator } from '../worker/evaluator-client.ts'
import { CancelledError } from '../worker/evaluator-client.ts'
import type { FilesLoaded, LoadProgress } from '../worker/protocol.ts'
import type { DraftVerdict, FlowView } from '../worker/flow-view.ts'
import type { EvalResult } from '../domain/engine/index.ts'
import type { Flow } from '../domain/flows/index.ts'
import type { EvaluationStore } from './create-evaluation-store.ts'
import type { WorkspaceStore } from './create-workspace-store.ts'
import type { FlowFilter, FlowOverlay } from './flow-overlay.ts'
import { EMPTY_OVERLAY, buildOverlay } from './flow-overlay.ts'
import type { FlowPersistence, SavedFile } from './flows-persistence.ts'

export type ShowEdges = 'rules' | 'flows' | 'both'

export interface FlowsLoading {
  readonly files: readonly string[]
  readonly progress: LoadProgress | null
}

export interface FlowsState {
  loading: FlowsLoading | null
  /** The last finished load: counts, skipped lines (with their file), duplicates. */
  loaded: FilesLoaded | null
  /** Names of the files behind the capture. */
  files: readonly string[]
  view: FlowView | null
  overlay: FlowOverlay
  error: string | null
  /** Why the capture will not survive a reload (too big, storage refused), or null. */
  persistNote: string | null
  show: ShowEdges
  filters: readonly FlowFilter[]
  /** The flow (index) shown in the detail panel and highlighted on the graph. */
  selected: number | null
  detail: { readonly flow: Flow; readonly result: EvalResult } | null
  /** Draft verdicts pinned as the baseline of the breakage diff, by flow index. */
  baseline: ReadonlyMap<number, DraftVerdict> | null
  /** Bumped when something asks for the flows table to be shown (toolbar counts). */
  reveal: number
  loadFiles(files: readonly SavedFile[], options?: { persist?: boolean }): Promise<FilesLoaded | null>
  loadText(text: string): Promise<void>
  loadDemo(): Promise<void>
  cancel(): void
  clear(): void
  setShow(show: ShowEdges): void
  setFilters(filters: readonly FlowFilter[]): void
  addFilter(filter: FlowFilter): void
  selectFlow(index: number | null): void
  pinBaseline(): void
  unpinBaseline(): void
  revealTable(): void
  /** Resolves once the rows answer for the current draft (scripting, tests). */
  refresh(): Promise<FlowView | null>
  dispose(): void
}

export type FlowsStore = StoreApi<FlowsState>

export interface FlowsStoreOptions {
  readonly workspace: WorkspaceStore
  readonly evaluation: EvaluationStore
  readonly evaluator: Evaluator
  readonly persistence?: FlowPersistence | null
  /** The demo's recording; a loader so the app bundles it as its own chunk. */
  readonly demoFlows?: () => Promise<string>
}

const LOAD_TIMEOUT_MS = 120_000

export function createFlowsStore(options: FlowsStoreOptions): FlowsStore {
  const { workspace, evaluation, evaluator, persistence = null } = options
  let abort: AbortController | null = null
  let refreshSeq = 0
  let detailSeq = 0
  let pendingRefresh: Promise<FlowView | null> = Promise.resolve(null)
  /**
   * While a capture streams in, the table gets the first partial rows once; later partial counts
   * only update the toolbar (re-sending every row each second would cost the main thread more
   * than the reading does).
   */
  let partialRows: 'none' | 'shown' | 'off' = 'off'

  const store = createStore<FlowsState>()((set, get) => ({
    loading: null,
    loaded: null,
    files: [],
    view: null,
    overlay: EMPTY_OVERLAY,
    error: null,
    persistNote: null,
    show: 'both',
    filters: [],
    selected: null,
    detail: null,
    baseline: null,
    reveal: 0,
    async loadFiles(files, { persist = true } = {}) {
      abort?.abort()
      const ac = new AbortController()
      abort = ac
      const names = files.map((f) => f.name)
      set({ loading: { files: names, progress: null }, error: null })
      partialRows = 'none'
      const hadCapture = evaluation.getState().flows !== null
      try {
        await evaluation.getState().verdicts().catch(() => undefined)
        const loaded = await evaluator.call(
          { type: 'loadFlowFiles', files: files.map((f) => ({ name: f.name, blob: f.blob })) },
          {
            signal: ac.signal,
            timeoutMs: LOAD_TIMEOUT_MS,
            onProgress: (progress) => {
              if (abort !== ac) return
              set({ loading: { files: names, progress } })
              // First verdicts while the rest is still reading: the partial set is loaded in the worker.
              if (progress.summary) {
                const { summary } = progress
                evaluation.setState({ flows: { flows: progress.flows, skipped: progress.skipped, skippedSamples: [], nonFlow: 0, summary } })
              }
            },
          },
        )
        if (abort !== ac) return null
        abort = null
        partialRows = 'off'
        set({ loading: null, loaded, files: names, selected: null, detail: null, baseline: null })
        evaluation.setState({ flows: loaded })
        if (persist && persistence) set({ persistNote: await persistence.save(files) })
        return loaded
      } catch (err) {
        if (abort === ac) abort = null
        partialRows = 'off'
        set({ loading: null })
        if (err instanceof CancelledError) {
          // The worker put the earlier capture back; show it again.
          if (!hadCapture) {
            evaluation.setState({ flows: null })
            return null
          }
          void evaluation.getState().verdicts().then(
            (v) => {
              const current = evaluation.getState().flows
              if (current) evaluation.setState({ flows: { ...current, flows: v.flows.length, summary: v.summary } })
            },
            () => undefined,
          )
          return null
        }
        set({ error: err instanceof Error ? err.message : String(err) })
        return null
      }
    },
    async loadText(text) {
      abort?.abort()
      set({ error: null, selected: null, detail: null, baseline: null, files: ['script'] })
      const loaded = await evaluation.getState().loadFlows(text)
      set({ loaded: { ...loaded, skippedLines: loaded.skippedSamples.map((s) => ({ file: 'script', ...s })), duplicates: 0 } })
      if (persistence) set({ persistNote: await persistence.save([{ name: 'flows.jsonl', blob: new Blob([text]) }]) })
    },
    async loadDemo() {
      if (!options.demoFlows) return
      const text = await options.demoFlows()
      await get().loadFiles([{ name: 'demo-flows.jsonl', blob: new Blob([text], { type: 'application/json' }) }])
    },
    cancel() {
      abort?.abort()
      abort = null
      set({ loading: null })
    },
    clear() {
      abort?.abort()
      abort = null
      evaluation.setState({ flows: null })
      set({ loaded: null, view: null, overlay: EMPTY_OVERLAY, files: [], selected: null, detail: null, baseline: null, persistNote: null, filters: [] })
      void persistence?.clear()
    },
    setShow(show) {
      set({ show })
    },
    setFilters(filters) {
      set({ filters })
    },
    addFilter(filter) {
      const same = (f: FlowFilter): boolean => f.field === filter.field && f.value === filter.value && f.side === filter.side
      const rest = get().filters.filter((f) => !same(f))
      set({ filters: [...rest, filter] })
    },
    selectFlow(index) {
      detailSeq++
      const seq = detailSeq
      set({ selected: index, ...(index === null ? { detail: null } : {}) })
      if (index === null) return
      void evaluator.call({ type: 'flowDetail', index }).then(
        (detail) => {
          if (seq === detailSeq) set({ detail })
        },
        () => undefined,
      )
    },
    pinBaseline() {
      const view = get().view
      if (!view) return
      set({ baseline: new Map(view.rows.map((r) => [r.index, r.verdict])) })
    },
    unpinBaseline() {
      set({ baseline: null })
    },
    revealTable() {
      set({ reveal: get().reveal + 1 })
    },
    refresh() {
      return pendingRefresh.then(() => refresh())
    },
    dispose() {
      abort?.abort()
      unsubscribeEvaluation()
      unsubscribeWorkspace()
    },
  }))

  /** Fetches the rows for the verdicts the evaluation store now has; a later call wins. */
  function refresh(): Promise<FlowView | null> {
    refreshSeq++
    const seq = refreshSeq
    if (!evaluation.getState().flows) {
      workspace.getState().setNamespaceLabels({})
      store.setState({ view: null, overlay: EMPTY_OVERLAY })
      return Promise.resolve(null)
    }
    pendingRefresh = evaluation
      .getState()
      .verdicts()
      .then(() => evaluator.call({ type: 'flowView' }, { timeoutMs: LOAD_TIMEOUT_MS }))
      .then(
        (view) => {
          if (seq !== refreshSeq) return view
          // The capture's namespace labels draw KNP namespaceSelector peers as workloads (§8.2);
          // the workspace redraws its graph first, so the overlay is built on that graph.
          workspace.getState().setNamespaceLabels(view.namespaceLabels ?? {})
          store.setState({ view, overlay: buildOverlay(workspace.getState().displayGraph, view) })
          const selected = store.getState().selected
          if (selected !== null) store.getState().selectFlow(selected)
          return view
        },
        () => null,
      )
    return pendingRefresh
  }

  const unsubscribeEvaluation = evaluation.subscribe((state, prev) => {
    if (state.flows === prev.flows) return
    if (partialRows === 'shown') return
    if (partialRows === 'none') partialRows = 'shown'
    void refresh()
  })
  const unsubscribeWorkspace = workspace.subscribe((state, prev) => {
    if (state.displayGraph === prev.displayGraph) return
    const view = store.getState().view
    if (view) store.setState({ overlay: buildOverlay(state.displayGraph, view) })
  })
  return store
}

/** Starts the store on the capture kept from the last visit, if any. */
export async function restoreFlows(store: FlowsStore, persistence: FlowPersistence | null): Promise<boolean> {
  const files = await persistence?.load()
  if (!files) return false
  const loaded = await store.getState().loadFiles(files, { persist: false })
  return loaded !== null
}
