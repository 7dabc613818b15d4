/**
 * The rollout workflow's state: the Rollout panel's report, the workspace's expectations as
 * evaluated, and policy drafts from the flows. All computed in the evaluator (a worker in the
 * app) after each workspace sync — when the edge verdicts of that sync arrive — and after the
 * loaded flows change, so none of it runs on the typing path. The report is only asked for while
 * a panel shows it.
 */
import { createStore } from 'zustand/vanilla'
import type { StoreApi } from 'zustand/vanilla'
import type { RolloutReport } from '../domain/rollout/index.ts'
import type { Evaluator } from '../worker/evaluator-client.ts'
import type { ExpectationsAnswer } from '../worker/expectations-command.ts'
import type { GenerateAnswer, GenerateScope } from '../worker/generate-command.ts'
import type { EvaluationStore } from './create-evaluation-store.ts'

export type { ExpectationRow, ExpectationsAnswer } from '../worker/expectations-command.ts'
export type { DraftPolicyView, GenerateAnswer, GenerateScope } from '../worker/generate-command.ts'

export interface RolloutState {
  report: RolloutReport | null
  expectations: ExpectationsAnswer | null
  /** How many panels want the report (it costs a lint and some probes per sync). */
  watchers: number
  /** A panel showing the report: start asking for it; returns the stop function. */
  watch(): () => void
  /** Asks again now (after a sync, or for tests). */
  refresh(): Promise<void>
  /** Allow policies drafted from the loaded flows, for review. */
  generate(scope: GenerateScope): Promise<GenerateAnswer>
  /** The scope the Generate dialog is open for, or null when it is closed. */
  draftRequest: GenerateScope | null
  requestDraft(scope: GenerateScope | null): void
  dispose(): void
}

export type RolloutStore = StoreApi<RolloutState>

export interface RolloutStoreOptions {
  readonly evaluation: EvaluationStore
  readonly evaluator: Evaluator
}

export function createRolloutStore({ evaluation, evaluator }: RolloutStoreOptions): RolloutStore {
  let generation = 0
  const store = createStore<RolloutState>()((set, get) => ({
    report: null,
    expectations: null,
    watchers: 0,
    draftRequest: null,
    requestDraft(scope) {
      set({ draftRequest: scope })
    },
    watch() {
      set({ watchers: get().watchers + 1 })
      void get().refresh()
      let stopped = false
      return () => {
        if (stopped) return
        stopped = true
        set({ watchers: get().watchers - 1 })
      }
    },
    async refresh() {
      generation += 1
      const mine = generation
      // verdictSummary() waits for the workspace as it is now (a pending sync runs first); the counts
      // alone, since a per-flow list of a large capture costs the main thread to receive.
      await evaluation.getState().verdictSummary().catch(() => undefined)
      const [expectations, report] = await Promise.all([
        evaluator.call({ type: 'expectations' }).catch(() => null),
        get().watchers > 0 ? evaluator.call({ type: 'rollout' }).catch(() => null) : Promise.resolve(get().report),
      ])
      if (mine !== generation) return
      set({ expectations, report })
    },
    async generate(scope) {
      await evaluation.getState().verdictSummary()
      return evaluator.call({ type: 'generate', scope }, { timeoutMs: 120_000 })
    },
    dispose() {
      unsubscribe()
    },
  }))
  // A sync has landed when its edge verdicts arrive; the flows change on load, clear and cancel.
  const unsubscribe = evaluation.subscribe((state, prev) => {
    const synced = state.edgeVerdicts !== prev.edgeVerdicts && state.edgeVerdicts?.current === true
    if (synced || state.flows !== prev.flows) void store.getState().refresh()
  })
  return store
}
