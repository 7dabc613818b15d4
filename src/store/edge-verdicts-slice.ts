/**
 * The evaluator's verdicts on the graph's rule edges, kept in the evaluation store. The graph
 * paints from the parse at once; these arrive from the worker after every workspace sync (edits,
 * the audit / enforcement / host firewall switches) and never block the main thread. An answer
 * for an older sync is dropped.
 */
import type { EdgeVerdict } from '../domain/trace/index.ts'
import type { Evaluator } from '../worker/evaluator-client.ts'

export interface EdgeVerdictsState {
  /** Verdicts by edge id (edges the draft alone cannot judge have none). */
  readonly byId: Readonly<Record<string, EdgeVerdict>>
  /** Whether host policy was evaluated for them. */
  readonly hostFirewall: boolean
  /** False from a workspace change until its verdicts arrive (the old ones stay shown). */
  readonly current: boolean
}

export interface EdgeVerdictsSlice {
  edgeVerdicts: EdgeVerdictsState | null
}

/** Asks for fresh edge verdicts after each sync; `apply` stores the newest answer. */
export function edgeVerdictsFollower(
  evaluator: Evaluator,
  get: () => EdgeVerdictsState | null,
  apply: (state: EdgeVerdictsState) => void,
): (synced: Promise<unknown>) => void {
  let generation = 0
  return (synced) => {
    generation += 1
    const mine = generation
    const shown = get()
    if (shown?.current) apply({ ...shown, current: false })
    void synced
      .then(() => evaluator.call({ type: 'edgeVerdicts' }))
      .then(({ verdicts, hostFirewall }) => {
        if (mine !== generation) return
        const byId: Record<string, EdgeVerdict> = {}
        for (const v of verdicts) byId[v.edgeId] = v
        apply({ byId, hostFirewall, current: true })
      })
      .catch(() => undefined)
  }
}
