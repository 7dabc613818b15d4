import { afterEach, describe, expect, it, vi } from 'vitest'
import type { TraceQuery } from '../domain/trace/index.ts'
import type { AppStores } from './app-stores.ts'
import { SHOP, SHOP_FLOW as FLOW, appStores } from './test-util.ts'

const frontend = { kind: 'pod', namespace: 'shop', labels: { app: 'frontend' } } as const
const backend = { kind: 'pod', namespace: 'shop', labels: { app: 'backend' } } as const
const query: TraceQuery = { from: frontend, to: backend, protocol: 'TCP', port: 8080 }
const MOVED = SHOP.replace('8080', '9090')

let stores: AppStores | null = null
afterEach(() => {
  stores?.dispose()
  stores = null
  vi.useRealTimers()
})

const verdict = (s: AppStores): string | undefined => s.evaluation.getState().answer?.result.verdict

describe('the evaluator follows the workspace (in-thread evaluator)', () => {
  it('answers a trace for the workspace as it is, and re-runs it after an edit', async () => {
    vi.useFakeTimers()
    stores = appStores()
    stores.evaluation.getState().runTrace(query)
    expect(stores.evaluation.getState()).toMatchObject({ query, pending: true })
    await vi.waitFor(() => expect(verdict(stores!)).toBe('allowed'))
    expect(stores.evaluation.getState().pending).toBe(false)

    stores.workspace.getState().commitText({ text: MOVED, origin: 'typing' })
    // The old answer stays shown while the debounced sync waits.
    expect(verdict(stores)).toBe('allowed')
    await vi.waitFor(() => expect(verdict(stores!)).toBe('denied'))
    expect(stores.evaluation.getState().query).toBe(query)
  })

  it('verdicts asked right after an edit answer for the new text, and the flow summary follows edits', async () => {
    stores = appStores()
    const loaded = await stores.evaluation.getState().loadFlows(FLOW)
    expect(loaded).toMatchObject({ flows: 1, summary: { allowed: 1, denied: 0 } })

    stores.workspace.getState().commitText({ text: MOVED, origin: 'script' })
    const { summary, flows } = await stores.evaluation.getState().verdicts()
    expect(summary).toMatchObject({ allowed: 0, denied: 1 })
    expect(flows[0]).toMatchObject({ index: 0, verdict: 'denied', recorded: 'FORWARDED' })
    await vi.waitFor(() => expect(stores!.evaluation.getState().flows?.summary).toMatchObject({ allowed: 0, denied: 1 }))
  })

  it('a new question clears the old answer; settings changes reach the evaluator', async () => {
    stores = appStores({ demoText: MOVED })
    stores.evaluation.getState().runTrace(query)
    await vi.waitFor(() => expect(verdict(stores!)).toBe('denied'))
    const other: TraceQuery = { ...query, port: 9090 }
    stores.evaluation.getState().runTrace(other)
    expect(stores.evaluation.getState().answer).toBeNull()
    await vi.waitFor(() => expect(verdict(stores!)).toBe('allowed'))

    stores.workspace.getState().setSettings({ enforcementMode: 'never' })
    stores.evaluation.getState().runTrace({ ...query, port: 1234 })
    await vi.waitFor(() => expect(verdict(stores!)).toBe('allowed'))
  })

  it('two sets of stores evaluate their own workspaces', async () => {
    stores = appStores()
    const other = appStores({ demoText: MOVED })
    try {
      stores.evaluation.getState().runTrace(query)
      other.evaluation.getState().runTrace(query)
      await vi.waitFor(() => expect([verdict(stores!), verdict(other)]).toEqual(['allowed', 'denied']))
    } finally {
      other.dispose()
    }
  })
})
