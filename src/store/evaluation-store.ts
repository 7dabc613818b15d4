/**
 * Evaluation state: the evaluator worker follows the workspace (debounced, never blocking typing)
 * and answers trace queries; a query re-runs by itself after every edit.
 */
import { create } from 'zustand'
import { createEvaluator } from '../worker/evaluator-client.ts'
import type { Evaluator } from '../worker/evaluator-client.ts'
import type { FlowVerdict, FlowsLoaded, VerdictSummary } from '../domain/replay/index.ts'
import type { TraceAnswer, TraceQuery } from '../domain/trace/index.ts'
import { useWorkspace } from './workspace-store.ts'

const SYNC_DELAY_MS = 150

export interface EvaluationState {
  query: TraceQuery | null
  answer: TraceAnswer | null
  error: string | null
  pending: boolean
  /** Loaded Hubble flows and the draft's verdicts on them (kept current after every edit). */
  flows: FlowsLoaded | null
  runTrace(query: TraceQuery): void
  loadFlows(text: string): Promise<FlowsLoaded>
  verdicts(): Promise<{ summary: VerdictSummary; flows: readonly FlowVerdict[] }>
}

let evaluator: Evaluator | null = null
let synced: Promise<unknown> = Promise.resolve()
let traceAbort: AbortController | null = null

function getEvaluator(): Evaluator {
  evaluator ??= createEvaluator(
    () => new Worker(new URL('../worker/evaluator.worker.ts', import.meta.url), { type: 'module' }),
  )
  return evaluator
}

export const useEvaluation = create<EvaluationState>()((set, get) => ({
  query: null,
  answer: null,
  error: null,
  pending: false,
  flows: null,
  async loadFlows(text) {
    await currentWorkspace()
    const loaded = await getEvaluator().call({ type: 'loadFlows', text }, { timeoutMs: 120_000 })
    set({ flows: loaded })
    return loaded
  },
  async verdicts() {
    await currentWorkspace()
    return getEvaluator().call({ type: 'verdicts' }, { timeoutMs: 120_000 })
  },
  runTrace(query) {
    traceAbort?.abort()
    const abort = new AbortController()
    traceAbort = abort
    // A new question clears the old answer; re-running the same one after an edit keeps it shown.
    set({ query, pending: true, error: null, ...(query === get().query ? {} : { answer: null }) })
    void currentWorkspace()
      .then(() => getEvaluator().call({ type: 'trace', query }, { signal: abort.signal }))
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
}))

let syncTimer: ReturnType<typeof setTimeout> | undefined

function syncNow(): void {
  const { text, settings } = useWorkspace.getState()
  synced = getEvaluator()
    .call({ type: 'setWorkspace', text, settings })
    .catch(() => undefined)
  const { query, flows } = useEvaluation.getState()
  if (query) useEvaluation.getState().runTrace(query)
  if (flows) {
    // The verdict counts follow the draft: recompute them for the new policies.
    void useEvaluation
      .getState()
      .verdicts()
      .then(({ summary }) => {
        const current = useEvaluation.getState().flows
        if (current) useEvaluation.setState({ flows: { ...current, summary } })
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

/** Keeps the evaluator in step with the workspace; call once at start-up. */
export function followWorkspace(): () => void {
  syncNow()
  return useWorkspace.subscribe((state, prev) => {
    if (state.text === prev.text && state.settings === prev.settings) return
    clearTimeout(syncTimer)
    syncTimer = setTimeout(() => {
      syncTimer = undefined
      syncNow()
    }, SYNC_DELAY_MS)
  })
}
