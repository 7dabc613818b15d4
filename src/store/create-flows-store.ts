/**
 * The loaded capture as the flows UI sees it: a streamed load with progress and Cancel, the
 * worker's summary of it (refreshed whenever the evaluation store's verdicts change: after every
 * edit and every audit switch), the overlay on the graph, the table's filters, sort and selection,
 * the pinned baseline for the breakage diff, and keeping the capture across reloads. The rows stay
 * in the worker: the table asks for the matching count and the rows it draws (`table`,
 * `fetchRows`), so no update costs the main thread more than what is on screen.
 */
import { createStore } from 'zustand/vanilla'
import type { StoreApi } from 'zustand/vanilla'
import type { Evaluator } from '../worker/evaluator-client.ts'
import { CancelledError } from '../worker/evaluator-client.ts'
import type { FilesLoaded, LoadProgress } from '../worker/protocol.ts'
import type { FlowRow } from '../worker/flow-view.ts'
import type { FlowView } from '../worker/flow-summary.ts'
import type { FlowFilter, FlowRowsAnswer, FlowSort } from '../worker/flow-query.ts'
import type { EvalResult } from '../domain/engine/index.ts'
import type { Flow } from '../domain/flows/index.ts'
import type { EvaluationStore } from './create-evaluation-store.ts'
import type { WorkspaceStore } from './create-workspace-store.ts'
import type { FlowOverlay } from './flow-overlay.ts'
import { EMPTY_OVERLAY, buildOverlay } from './flow-overlay.ts'
import type { FlowPersistence, SavedFile } from './flows-persistence.ts'

export type ShowEdges = 'rules' | 'flows' | 'both'

/** The table's current question and the first rows of its answer; `seq` names the question. */
export interface FlowsTable extends FlowRowsAnswer {
  readonly seq: number
}

/** Rows the table fetches at once (a window of the virtualized list, with room to scroll). */
export const TABLE_PAGE = 100

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
  /** The table's answer for the current filters and sort (first page), null without a view. */
  table: FlowsTable | null
  sort: FlowSort
  error: string | null
  /** Why the capture will not survive a reload (too big, storage refused), or null. */
  persistNote: string | null
  show: ShowEdges
  filters: readonly FlowFilter[]
  /** The flow (index) shown in the detail panel and highlighted on the graph. */
  selected: number | null
  detail: { readonly flow: Flow; readonly result: EvalResult; readonly row: FlowRow } | null
  /** Whether the draft's verdicts are pinned (in the worker) as the breakage diff's baseline. */
  baseline: boolean
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
  setSort(sort: FlowSort): void
  /** Rows `offset`… of the table's question `seq`; null once a newer question replaced it. */
  fetchRows(seq: number, offset: number, limit: number, locate?: number): Promise<FlowRowsAnswer | null>
  /** The rows "Allow these flows" writes rules for, under the current filters. */
  allowableRows(): Promise<readonly FlowRow[]>
  /** Every row in the capture's order (exports: the one place the page takes them all). */
  allRows(): Promise<readonly FlowRow[]>
  selectFlow(index: number | null): void
  pinBaseline(): Promise<void>
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
  let tableSeq = 0
  let pendingTable: Promise<unknown> = Promise.resolve()
  let pendingRefresh: Promise<FlowView | null> = Promise.resolve(null)
  /**
   * While a capture streams in, the table and overlay get the first partial flows once; later
   * partial counts only update the toolbar (each refresh makes the worker rebuild the table rows of
   * every flow read so far, time taken from the reading).
   */
  let partialRows: 'none' | 'shown' | 'off' = 'off'

  const store = createStore<FlowsState>()((set, get) => ({
    loading: null,
    loaded: null,
    files: [],
    view: null,
    overlay: EMPTY_OVERLAY,
    table: null,
    sort: { key: 'time', desc: false },
    error: null,
    persistNote: null,
    show: 'both',
    filters: [],
    selected: null,
    detail: null,
    baseline: false,
    reveal: 0,
    async loadFiles(files, { persist = true } = {}) {
      abort?.abort()
      const ac = new AbortController()
      abort = ac
      const names = files.map((f) => f.name)
      // A new capture's flows are other flows: the worker drops the baseline when it is loaded.
      set({ loading: { files: names, progress: null }, error: null, baseline: false })
      partialRows = 'none'
      const hadCapture = evaluation.getState().flows !== null
      try {
        await evaluation.getState().verdictSummary().catch(() => undefined)
        const loaded = await evaluator.call(
          { type: 'loadFlowFiles', files: files.map((f) => ({ name: f.name, blob: f.blob })) },
          {
            signal: ac.signal,
            timeoutMs: LOAD_TIMEOUT_MS,
            onProgress: (progress) => {
              if (abort !== ac) return
              // A progress message without counts keeps the last counts shown.
              const summary = progress.summary ?? get().loading?.progress?.summary
              set({ loading: { files: names, progress: summary ? { ...progress, summary } : progress } })
              // First verdicts while the rest is still reading: the partial set is loaded in the
              // worker. The first partial becomes the capture (table, overlay, lints follow it);
              // later ones only move the toolbar's counts, from the progress itself.
              if (progress.summary && partialRows === 'none') {
                const { summary } = progress
                evaluation.setState({ flows: { flows: progress.flows, skipped: progress.skipped, skippedSamples: [], nonFlow: 0, summary } })
              }
            },
          },
        )
        if (abort !== ac) return null
        abort = null
        partialRows = 'off'
        set({ loading: null, loaded, files: names, selected: null, detail: null, baseline: false })
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
          void evaluation.getState().verdictSummary().then(
            (summary) => {
              const current = evaluation.getState().flows
              if (current) evaluation.setState({ flows: { ...current, flows: summary.allowed + summary.denied + summary.audit, summary } })
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
      // The scripting API's text takes the picker's path: one reader, one set of counts and gaps.
      const loaded = await get().loadFiles([{ name: 'script', blob: new Blob([text], { type: 'application/json' }) }])
      if (!loaded) throw new Error(get().error ?? 'the load was cancelled')
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
      set({ loaded: null, view: null, overlay: EMPTY_OVERLAY, table: null, files: [], selected: null, detail: null, baseline: false, persistNote: null, filters: [] })
      void persistence?.clear()
    },
    setShow(show) {
      set({ show })
    },
    setFilters(filters) {
      set({ filters })
      void queryTable()
    },
    addFilter(filter) {
      const same = (f: FlowFilter): boolean => f.field === filter.field && f.value === filter.value && f.side === filter.side
      const rest = get().filters.filter((f) => !same(f))
      get().setFilters([...rest, filter])
    },
    setSort(sort) {
      set({ sort })
      void queryTable()
    },
    async fetchRows(seq, offset, limit, locate) {
      if (seq !== tableSeq) return null
      const { filters, sort } = get()
      const answer = await evaluator.call({ type: 'flowRows', query: { filters, sort, offset, limit, ...(locate !== undefined && { locate }) } }, { timeoutMs: LOAD_TIMEOUT_MS }).catch(() => null)
      return seq === tableSeq ? answer : null
    },
    async allRows() {
      const total = get().view?.total ?? 0
      const answer = await evaluator.call({ type: 'flowRows', query: { filters: [], sort: { key: 'index', desc: false }, offset: 0, limit: total } }, { timeoutMs: LOAD_TIMEOUT_MS })
      return answer.rows
    },
    allowableRows() {
      const { filters, sort } = get()
      return evaluator.call({ type: 'flowAllowable', query: { filters, sort } }, { timeoutMs: LOAD_TIMEOUT_MS })
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
    async pinBaseline() {
      await evaluation.getState().verdictSummary().catch(() => undefined)
      await evaluator.call({ type: 'pinBaseline', pin: true })
      set({ baseline: true })
      await refresh()
    },
    unpinBaseline() {
      void evaluator.call({ type: 'pinBaseline', pin: false }).then(() => {
        set({ baseline: false })
        return refresh()
      })
    },
    revealTable() {
      set({ reveal: get().reveal + 1 })
    },
    refresh() {
      return pendingRefresh.then(() => refresh()).then(async (view) => {
        await pendingTable
        return view
      })
    },
    dispose() {
      abort?.abort()
      unsubscribeEvaluation()
      unsubscribeWorkspace()
    },
  }))

  /** Fetches the summary for the verdicts the evaluation store now has; a later call wins. */
  function refresh(): Promise<FlowView | null> {
    refreshSeq++
    const seq = refreshSeq
    if (!evaluation.getState().flows) {
      workspace.getState().setNamespaceLabels({})
      tableSeq++
      store.setState({ view: null, overlay: EMPTY_OVERLAY, table: null })
      return Promise.resolve(null)
    }
    pendingRefresh = evaluation
      .getState()
      .verdictSummary()
      .then(() => evaluator.call({ type: 'flowView' }, { timeoutMs: LOAD_TIMEOUT_MS }))
      .then(
        async (view) => {
          if (seq !== refreshSeq) return view
          // The capture's namespace labels draw KNP namespaceSelector peers as workloads (§8.2);
          // the workspace redraws its graph first, so the overlay is built on that graph.
          workspace.getState().setNamespaceLabels(view.namespaceLabels ?? {})
          store.setState({ view, overlay: buildOverlay(workspace.getState().displayGraph, view) })
          const selected = store.getState().selected
          if (selected !== null) store.getState().selectFlow(selected)
          await queryTable()
          return view
        },
        () => null,
      )
    return pendingRefresh
  }

  /** Asks the worker the table's question again (new rows, filters, sort or baseline): a later call wins. */
  function queryTable(): Promise<unknown> {
    tableSeq++
    const seq = tableSeq
    if (!store.getState().view) {
      store.setState({ table: null })
      return Promise.resolve()
    }
    const { filters, sort } = store.getState()
    pendingTable = evaluator.call({ type: 'flowRows', query: { filters, sort, offset: 0, limit: TABLE_PAGE } }, { timeoutMs: LOAD_TIMEOUT_MS }).then(
      (answer) => {
        if (seq === tableSeq) store.setState({ table: { ...answer, seq } })
      },
      () => undefined,
    )
    return pendingTable
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
