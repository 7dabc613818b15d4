import { describe, expect, it } from 'vitest'
import { LOAD_MARK_KEY, loadGuard } from './load-guard.ts'
import type { MarkBackend } from './load-guard.ts'

function memory(): MarkBackend & { data: Map<string, string> } {
  const data = new Map<string, string>()
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) }
}

describe('load guard', () => {
  it('a start that began and never finished is seen by the next start', () => {
    const b = memory()
    const first = loadGuard(b)
    expect(first.crashedLastTime).toBe(false)
    first.begin() // …and the tab dies here
    expect(loadGuard(b).crashedLastTime).toBe(true)
  })

  it('a finished start leaves no mark', () => {
    const b = memory()
    const g = loadGuard(b)
    g.begin()
    g.finished()
    expect(b.data.has(LOAD_MARK_KEY)).toBe(false)
    expect(loadGuard(b).crashedLastTime).toBe(false)
  })

  it('storage that throws or is missing never breaks the start', () => {
    const throwing: MarkBackend = { getItem: () => { throw new Error('denied') }, setItem: () => { throw new Error('quota') }, removeItem: () => { throw new Error('x') } }
    const g = loadGuard(throwing)
    expect(g.crashedLastTime).toBe(false)
    expect(() => { g.begin(); g.finished() }).not.toThrow()
    expect(loadGuard(undefined).crashedLastTime).toBe(false)
  })
})
