/**
 * The page's side of the `membrane serve` protocol (docs/serve-protocol.md): the token from the
 * URL, API calls that carry it, and the event stream read with fetch (not EventSource, which
 * cannot send an Authorization header, so the token never has to appear in a request URL).
 */
import { takeSseEvents } from '../domain/serve/sse.ts'

const TOKEN_KEY = 'membrane.serve.token'

/**
 * The token this page was opened with (`#token=…` in the printed URL), or null when the page is
 * not served by `membrane serve`. Kept in sessionStorage so a reload of the tab stays served, and
 * taken out of the address bar so it is not copied along with the URL.
 */
export function servedToken(win: Window = window): string | null {
  const m = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(win.location.hash)
  if (m) {
    try {
      win.sessionStorage.setItem(TOKEN_KEY, m[1]!)
    } catch {
      // storage refused: the token still works for this page load
    }
    win.history.replaceState(null, '', win.location.pathname + win.location.search)
    return m[1]!
  }
  try {
    return win.sessionStorage.getItem(TOKEN_KEY)
  } catch {
    return null
  }
}

export function forgetToken(win: Window = window): void {
  try {
    win.sessionStorage.removeItem(TOKEN_KEY)
  } catch {
    // nothing kept
  }
}

export class ServeApiError extends Error {
  constructor(readonly status: number, message: string, readonly body: Record<string, unknown> = {}) {
    super(message)
  }
}

export interface ServeApi {
  json<T>(path: string, init?: RequestInit): Promise<T>
  blob(path: string): Promise<Blob>
  text(path: string): Promise<string>
  /**
   * Follows the event stream until `signal` aborts; reconnects after a dropped connection, asking
   * for the flows after `after()` (the `total` of the last batch) so none arrive twice.
   */
  events(onEvent: (type: string, data: unknown) => void, signal: AbortSignal, onState?: (connected: boolean) => void, after?: () => number): Promise<void>
}

export function serveApi(token: string, fetcher: typeof fetch = (...a) => fetch(...a)): ServeApi {
  const call = async (path: string, init: RequestInit = {}): Promise<Response> => {
    const res = await fetcher(path, { ...init, headers: { ...init.headers, Authorization: `Bearer ${token}` }, cache: 'no-store' })
    if (!res.ok) {
      let body: Record<string, unknown>
      try {
        body = (await res.json()) as Record<string, unknown>
      } catch {
        body = {}
      }
      throw new ServeApiError(res.status, typeof body.error === 'string' ? body.error : `${path}: HTTP ${res.status}`, body)
    }
    return res
  }
  return {
    async json<T>(path: string, init?: RequestInit) {
      const res = await call(path, init)
      if (!(res.headers.get('content-type') ?? '').includes('application/json')) throw new ServeApiError(0, 'this page is not served by membrane serve')
      return (await res.json()) as T
    },
    blob: async (path) => (await call(path)).blob(),
    text: async (path) => (await call(path)).text(),
    async events(onEvent, signal, onState, after = () => 0) {
      let wait = 500
      while (!signal.aborted) {
        try {
          const seen = after()
          const res = await call(seen > 0 ? `/api/events?after=${seen}` : '/api/events', { signal })
          onState?.(true)
          wait = 500
          const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
          let buffer = ''
          for (;;) {
            const { done, value } = await reader.read()
            if (done) break
            const taken = takeSseEvents(buffer + value)
            buffer = taken.rest
            for (const event of taken.events) onEvent(event.type, event.data)
          }
        } catch (e) {
          // A refused token will not get better by retrying.
          if (e instanceof ServeApiError && (e.status === 401 || e.status === 403)) {
            onState?.(false)
            throw e
          }
        }
        onState?.(false)
        if (signal.aborted) return
        await new Promise((resolve) => setTimeout(resolve, wait))
        wait = Math.min(wait * 2, 5000)
      }
    },
  }
}
