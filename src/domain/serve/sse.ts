/**
 * The server-sent events `membrane serve` writes (docs/serve-protocol.md): blocks of `event:` and
 * `data:` lines ended by a blank line, the data one JSON value. One reader for the page and the tests.
 */
export interface SseEvent {
  readonly type: string
  readonly data: unknown
}

/** The complete events at the start of `buffer`, and what is left for the next chunk to complete. */
export function takeSseEvents(buffer: string): { readonly events: SseEvent[]; readonly rest: string } {
  const events: SseEvent[] = []
  let rest = buffer
  let end: number
  while ((end = rest.indexOf('\n\n')) !== -1) {
    const block = rest.slice(0, end)
    rest = rest.slice(end + 2)
    const type = /^event: (.*)$/m.exec(block)?.[1]
    const data = /^data: (.*)$/m.exec(block)?.[1]
    // Comment blocks (keep-alives) carry neither.
    if (type && data !== undefined) events.push({ type, data: JSON.parse(data) as unknown })
  }
  return { events, rest }
}
