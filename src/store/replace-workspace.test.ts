import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ReplaceRequest } from './workspace-types.ts'
import { DEMO, PARSE_MS, SHOP, draft, labels, workspaceStore } from './test-util.ts'

const PROMPT = { title: 'Reset to the demo?', message: 'Your edits will be replaced.', confirmLabel: 'Reset to demo' }
const reset: ReplaceRequest = { prompt: PROMPT, origin: 'reset', source: 'demo', load: () => DEMO }
const EDITED = SHOP.replace('8080', '8081')

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

/** A store on SHOP whose text the user has edited (so a replacement would lose work). */
function edited() {
  const store = workspaceStore()
  store.getState().commitText({ text: EDITED, origin: 'typing' })
  vi.advanceTimersByTime(PARSE_MS)
  return store
}

describe('replacing the workspace asks when edits would be lost', () => {
  const quiet: { name: string; text: string }[] = [
    { name: 'the text as loaded', text: SHOP },
    { name: 'an empty text', text: '  \n' },
  ]
  for (const c of quiet) {
    it(`replaces ${c.name} at once, without asking`, async () => {
      const store = workspaceStore()
      store.getState().commitText({ text: c.text, origin: 'typing' })
      const done = store.getState().requestReplace(reset)
      expect(store.getState().confirm).toBeNull()
      expect(store.getState().text).toBe(DEMO)
      await expect(done).resolves.toBe(true)
    })
  }

  it('raises the question and applies nothing until it is answered', async () => {
    const store = edited()
    const done = store.getState().requestReplace(reset)
    expect(store.getState().confirm).toEqual(PROMPT)
    vi.advanceTimersByTime(10_000)
    expect(store.getState().text).toBe(EDITED)
    expect(store.getState().source).toBe('demo')

    store.getState().answerConfirm(true)
    await expect(done).resolves.toBe(true)
    const s = store.getState()
    expect(s.confirm).toBeNull()
    expect(s.text).toBe(DEMO)
    expect(s.loadedText).toBe(DEMO)
    expect(labels(s)).toEqual(['app=web', 'demo', 'world'])
    // The editor takes the reset over as one edit, so Ctrl+Z in the editor undoes it.
    expect(s.external).toEqual({ text: DEMO, seq: 1 })
  })

  it('keeps everything when the question is declined', async () => {
    const store = edited()
    const before = store.getState().model
    const done = store.getState().requestReplace(reset)
    store.getState().answerConfirm(false)
    await expect(done).resolves.toBe(false)
    expect(store.getState()).toMatchObject({ confirm: null, text: EDITED, model: before, external: null })
  })

  it('is undone by the editor bringing the old text back, drafts included', async () => {
    const store = edited()
    store.getState().addDraft(draft('fqdn', { name: 'api.stripe.com' }))
    const done = store.getState().requestReplace(reset)
    store.getState().answerConfirm(true)
    await done
    expect(store.getState().drafts).toEqual([])

    // Ctrl+Z: Monaco restores the previous text exactly and reports it as typing.
    store.getState().commitText({ text: EDITED, origin: 'typing' })
    vi.advanceTimersByTime(PARSE_MS)
    const s = store.getState()
    expect(s.text).toBe(EDITED)
    expect(labels(s)).toEqual(['api.stripe.com', 'app=backend', 'app=frontend', 'shop'])
    expect(s.drafts.map((d) => d.label)).toEqual(['api.stripe.com'])
  })

  it('loads an example only once confirmed, and reports a loader that fails', async () => {
    const store = edited()
    const load = vi.fn(() => Promise.resolve(DEMO))
    const done = store.getState().requestReplace({ ...reset, origin: 'load', source: 'example:web', load })
    expect(load).not.toHaveBeenCalled()
    store.getState().answerConfirm(true)
    await expect(done).resolves.toBe(true)
    expect(store.getState()).toMatchObject({ text: DEMO, source: 'example:web' })

    const failing = store.getState().requestReplace({ ...reset, load: () => Promise.reject(new Error('unknown sample')) })
    await expect(failing).rejects.toThrow('unknown sample')
    expect(store.getState().text).toBe(DEMO)
  })

  it('a second request replaces an unanswered first one', async () => {
    const store = edited()
    const first = store.getState().requestReplace(reset)
    const second = store.getState().requestReplace({ ...reset, prompt: { ...PROMPT, title: 'Start an empty workspace?' }, source: 'empty', load: () => '' })
    await expect(first).resolves.toBe(false)
    expect(store.getState().confirm?.title).toBe('Start an empty workspace?')
    store.getState().answerConfirm(true)
    await expect(second).resolves.toBe(true)
    expect(store.getState()).toMatchObject({ text: '', source: 'empty' })
  })
})
