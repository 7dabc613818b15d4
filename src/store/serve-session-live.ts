/**
 * Live flows in the served page: batches from the server wait in a bounded list and go to the
 * worker (`appendLiveFlows`) at most every `flushMs`, so the overlay, table and counts refresh a
 * few times a second however fast the flows come. Paused, nothing goes to the worker and the
 * waiting list keeps only the newest window's worth; the flows it lets go are counted as dropped,
 * like those the server dropped because this page fell behind. The worker keeps the window.
 */
import type { Flow } from '../domain/flows/index.ts'
import type { Evaluator } from '../worker/evaluator-client.ts'
import type { EvaluationStore } from './create-evaluation-store.ts'

export interface LiveWindow {
  /** The last N flows are kept. */
  readonly maxFlows: number
  /** Flows older than M minutes before the newest are let go; 0: no age limit. */
  readonly maxMinutes: number
}

export interface LiveState {
  /** What feeds the server (`stdin`, `follow events.log`); empty: no live source. */
  readonly sources: readonly string[]
  /** The server's sources are still open (a pipe that ended says so). */
  readonly open: boolean
  readonly connected: boolean
  readonly paused: boolean
  readonly window: LiveWindow
  /** Flows received by this page. */
  readonly received: number
  /** Flows in the window (what the table and overlay show). */
  readonly shown: number
  /** Flows per second over the last few seconds. */
  readonly rate: number
  /** Flows this page never showed: the server dropped them (page too slow) or the page did (paused). */
  readonly dropped: number
  /** Flows waiting while paused. */
  readonly waiting: number
}

export const DEFAULT_WINDOW: LiveWindow = { maxFlows: 5000, maxMinutes: 15 }

export const INITIAL_LIVE: LiveState = {
  sources: [], open: false, connected: false, paused: false, window: DEFAULT_WINDOW, received: 0, shown: 0, rate: 0, dropped: 0, waiting: 0,
}

/** One `flows` event (docs/serve-protocol.md). */
export interface FlowBatch {
  readonly flows: readonly Flow[]
  readonly dropped: number
  readonly total: number
  readonly skipped: number
}

export interface LiveFeedOptions {
  readonly evaluator: Evaluator
  readonly evaluation: EvaluationStore
  readonly get: () => LiveState
  readonly update: (patch: Partial<LiveState>) => void
  readonly flushMs?: number
  readonly now?: () => number
  /** True while something else replaces the loaded flows (a capture file loading): batches wait. */
  readonly held?: () => boolean
}

const RATE_SPAN_MS = 5000

export interface LiveFeed {
  onBatch(batch: FlowBatch): void
  setPaused(paused: boolean): void
  setWindow(window: LiveWindow): void
  /** Resolves when what was received so far is in the worker (tests, scripting). */
  settled(): Promise<void>
  dispose(): void
}

export function createLiveFeed(options: LiveFeedOptions): LiveFeed {
  const { evaluator, evaluation, get, update, flushMs = 400, now = () => Date.now(), held = () => false } = options
  let pending: Flow[] = []
  let inFlight: Promise<void> | null = null
  let trimPending = false
  /** Arrival times and sizes of recent batches, for the rate. */
  const arrivals: { at: number; n: number }[] = []

  const bound = (): void => {
    const cap = Math.max(1, get().window.maxFlows)
    const over = pending.length - cap
    if (over > 0) {
      pending = pending.slice(over)
      update({ dropped: get().dropped + over })
    }
  }

  const flush = (): void => {
    if (inFlight || get().paused || held() || (pending.length === 0 && !trimPending)) return
    const flows = pending
    pending = []
    trimPending = false
    const { maxFlows, maxMinutes } = get().window
    inFlight = evaluation
      .getState()
      .verdictSummary()
      .catch(() => undefined)
      .then(() => evaluator.call({ type: 'appendLiveFlows', flows, maxFlows, maxAgeMs: maxMinutes * 60_000 }, { timeoutMs: 60_000 }))
      .then(
        (answer) => {
          update({ shown: answer.flows, waiting: pending.length })
          // The flows store follows this: it fetches the rows and rebuilds the overlay.
          const current = evaluation.getState().flows
          evaluation.setState({ flows: { flows: answer.flows, skipped: current?.skipped ?? 0, skippedSamples: current?.skippedSamples ?? [], nonFlow: current?.nonFlow ?? 0, summary: answer.summary } })
        },
        () => undefined,
      )
      .finally(() => {
        inFlight = null
      })
  }

  const timer = setInterval(() => {
    flush()
    // The rate decays to 0 when the stream goes quiet.
    const t = now()
    while (arrivals.length > 0 && arrivals[0]!.at < t - RATE_SPAN_MS) arrivals.shift()
    const rate = arrivals.reduce((n, a) => n + a.n, 0) / (RATE_SPAN_MS / 1000)
    if (rate !== get().rate) update({ rate })
  }, flushMs)

  return {
    onBatch(batch) {
      for (const f of batch.flows) pending.push(f)
      arrivals.push({ at: now(), n: batch.flows.length })
      update({ received: get().received + batch.flows.length, dropped: get().dropped + batch.dropped })
      bound()
      if (get().paused) update({ waiting: pending.length })
    },
    setPaused(paused) {
      update({ paused, waiting: pending.length })
      if (!paused) flush()
    },
    setWindow(window) {
      update({ window })
      bound()
      // A smaller window applies at once, not with the next batch.
      trimPending = get().shown > 0
      flush()
    },
    async settled() {
      for (;;) {
        if (inFlight) await inFlight
        else if (pending.length > 0 && !get().paused && !held()) flush()
        else return
      }
    },
    dispose() {
      clearInterval(timer)
    },
  }
}
