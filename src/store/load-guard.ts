/**
 * Remembers a load that did not finish (issue 8): a workspace whose saved text crashes the tab
 * (an alias bomb once did) would otherwise crash every reopen, because autosave stored it. The
 * mark is written before the saved text is parsed and removed once the first screen is up, or
 * when the page is left normally; a mark still there at the next start means that load died, and
 * the app opens in safe mode (the saved text shown, not parsed), as VS Code does for a crashed
 * window. Every later heavy step on the text (the parse and graph of a pasted, loaded or opened
 * text) runs under the same mark (`run`), since autosave may store that text a moment later.
 * Kept in localStorage: it must be readable synchronously before anything runs.
 */

export const LOAD_MARK_KEY = 'membrane.loading.v1'

export interface MarkBackend {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

export interface LoadGuard {
  /** A start-up before this one set the mark and never cleared it. */
  readonly crashedLastTime: boolean
  /** Sets the mark: the saved text is about to be parsed (nested steps share one mark). */
  begin(): void
  /** Ends one `begin`; the mark goes when none is open. */
  finished(): void
  /** The page is being left normally: no mark, whatever was open. */
  left(): void
  /** Runs `work` under the mark, ended when `settle` calls back (in the app: after the next paint). */
  run<T>(work: () => T, settle: (done: () => void) => void): T
}

export function loadGuard(backend: MarkBackend | undefined): LoadGuard {
  let crashed: boolean
  try {
    crashed = backend?.getItem(LOAD_MARK_KEY) != null
  } catch {
    crashed = false
  }
  let open = 0
  const clear = (): void => {
    try {
      backend?.removeItem(LOAD_MARK_KEY)
    } catch {
      // As above.
    }
  }
  const guard: LoadGuard = {
    crashedLastTime: crashed,
    begin() {
      open += 1
      if (open > 1) return
      try {
        backend?.setItem(LOAD_MARK_KEY, String(Date.now()))
      } catch {
        // No storage: nothing to protect either, since nothing was saved.
      }
    },
    finished() {
      if (open === 0) return
      open -= 1
      if (open === 0) clear()
    },
    left() {
      open = 0
      clear()
    },
    run(work, settle) {
      guard.begin()
      try {
        return work()
      } finally {
        // A throw is not a crash: the mark goes either way. A tab that dies never gets here.
        settle(() => guard.finished())
      }
    },
  }
  return guard
}

/** The browser's localStorage as a mark backend, or undefined where it is missing or refused. */
export function browserMarkBackend(): MarkBackend | undefined {
  try {
    return globalThis.localStorage ?? undefined
  } catch {
    return undefined
  }
}
