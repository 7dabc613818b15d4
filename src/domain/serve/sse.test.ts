import { describe, expect, it } from 'vitest'
import { takeSseEvents } from './sse.ts'

describe('server-sent events', () => {
  it('takes complete events and keeps the unfinished rest', () => {
    const { events, rest } = takeSseEvents(': keep-alive\n\nevent: file\ndata: {"path":"a.yaml"}\n\nevent: flows\ndata: {"n"')
    expect(events).toEqual([{ type: 'file', data: { path: 'a.yaml' } }])
    expect(rest).toBe('event: flows\ndata: {"n"')
    expect(takeSseEvents(rest + ':1}\n\n').events).toEqual([{ type: 'flows', data: { n: 1 } }])
  })
})
