import { describe, expect, it } from 'vitest'
import { LOAD_MARK_KEY, loadGuard } from './load-guard.ts'
import type { MarkBackend } from './load-guard.ts'
import { createWorkspaceStore } from './create-workspace-store.ts'
import { keyValueStorage } from './persistence.ts'
import { SHOP } from './test-util.ts'

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

describe('load guard around later heavy steps (a paste, a load, an opened file)', () => {
  it('the parse and graph of a committed text run under the mark, which goes only once settled', () => {
    const b = memory()
    const guard = loadGuard(b)
    const settles: (() => void)[] = []
    const markDuringWork: boolean[] = []
    const workspace = createWorkspaceStore({
      storage: keyValueStorage(undefined), demoText: 'a: 1\n', parseDelayMs: 0, saveDelayMs: 1e9,
      guardHeavy: (work) => guard.run(() => {
        markDuringWork.push(b.data.has(LOAD_MARK_KEY))
        return work()
      }, (done) => settles.push(done)),
    })
    workspace.getState().commitText({ text: SHOP, origin: 'load', source: 'file' })
    expect(markDuringWork).toEqual([true])
    expect(workspace.getState().model.graph.nodes.length).toBeGreaterThan(0)
    // The tab dying before the graph is on screen: the next start sees it.
    expect(loadGuard(b).crashedLastTime).toBe(true)
    for (const done of settles.splice(0)) done()
    expect(loadGuard(b).crashedLastTime).toBe(false)
    workspace.getState().dispose()
  })

  it('nested steps share one mark; a thrown error is not a crash; leaving clears all', () => {
    const b = memory()
    const g = loadGuard(b)
    g.begin() // start-up
    const later: (() => void)[] = []
    expect(() => g.run(() => { throw new Error('bad text') }, (done) => later.push(done))).toThrow('bad text')
    for (const done of later) done()
    expect(b.data.has(LOAD_MARK_KEY)).toBe(true) // start-up still open
    g.finished()
    expect(b.data.has(LOAD_MARK_KEY)).toBe(false)
    g.begin()
    g.begin()
    g.left()
    expect(b.data.has(LOAD_MARK_KEY)).toBe(false)
    g.finished() // a late settle after leaving changes nothing
    expect(b.data.has(LOAD_MARK_KEY)).toBe(false)
  })
})
