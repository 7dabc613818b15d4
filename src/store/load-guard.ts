/**
 * Remembers a start-up that did not finish (issue 8): a workspace whose saved text crashes the
 * tab (an alias bomb once did) would otherwise crash every reopen, because autosave stored it.
 * The mark is written before the saved text is parsed and removed once the first screen is up,
 * or when the page is left normally; a mark still there at the next start means that load died,
 * and the app opens in safe mode (the saved text shown, not parsed), as VS Code does for a
 * crashed window. Kept in localStorage: it must be readable synchronously before anything runs.
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
  /** Sets the mark: the saved text is about to be parsed. */
  begin(): void
  /** Clears the mark: the load finished (or the page is being left normally). */
  finished(): void
}

export function loadGuard(backend: MarkBackend | undefined): LoadGuard {
  let crashed: boolean
  try {
    crashed = backend?.getItem(LOAD_MARK_KEY) != null
  } catch {
    crashed = false
  }
  return {
    crashedLastTime: crashed,
    begin() {
      try {
        backend?.setItem(LOAD_MARK_KEY, String(Date.now()))
      } catch {
        // No storage: nothing to protect either, since nothing was saved.
      }
    },
    finished() {
      try {
        backend?.removeItem(LOAD_MARK_KEY)
      } catch {
        // As above.
      }
    },
  }
}

/** The browser's localStorage as a mark backend, or undefined where it is missing or refused. */
export function browserMarkBackend(): MarkBackend | undefined {
  try {
    return globalThis.localStorage ?? undefined
  } catch {
    return undefined
  }
}
