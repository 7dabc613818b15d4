import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { keyValueStorage } from './persistence.ts'
import { DEFAULT_AGENT_SETTINGS } from '../domain/settings/index.ts'
import { DEMO, MemoryBackend, PARSE_MS, SAVE_MS, SHOP, draft, labels, workspaceStore } from './test-util.ts'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

const EDITED = SHOP.replace('8080', '8081')
const saved = (backend: MemoryBackend): unknown => JSON.parse(backend.values.get('membrane.workspace.v1') ?? 'null')

describe('autosave writes through the injected storage and restores', () => {
  it('writes once after the pause, whatever changed in between', () => {
    const backend = new MemoryBackend()
    const store = workspaceStore({ backend })
    store.getState().commitText({ text: EDITED, origin: 'typing' })
    store.getState().setSettings({ auditMode: true })
    store.getState().addDraft(draft('entity', { name: 'world' }))
    vi.advanceTimersByTime(SAVE_MS - 1)
    expect(backend.writes).toBe(0)
    vi.advanceTimersByTime(1)
    expect(backend.writes).toBe(1)
    expect(saved(backend)).toEqual({
      text: EDITED,
      source: 'demo',
      settings: { ...DEFAULT_AGENT_SETTINGS, auditMode: true, enforcementMode: 'default' },
      drafts: [draft('entity', { name: 'world' })],
    })
    expect(store.getState().autosaveOk).toBe(true)
  })

  it('a fresh store over the same storage comes back as it was left', () => {
    const backend = new MemoryBackend()
    const first = workspaceStore({ backend })
    first.getState().commitText({ text: DEMO, origin: 'reset', source: 'example:web' })
    first.getState().commitText({ text: `${DEMO}# note\n`, origin: 'typing' })
    first.getState().setSettings({ enforcementMode: 'always' })
    first.getState().addDraft(draft('cidr', { name: '10.0.0.0/8' }))
    first.getState().saveNow()
    first.getState().dispose()

    const second = workspaceStore({ backend, demoText: SHOP })
    const s = second.getState()
    expect(s).toMatchObject({ text: `${DEMO}# note\n`, loadedText: `${DEMO}# note\n`, source: 'example:web', settings: { auditMode: false, enforcementMode: 'always' } })
    expect(s.drafts.map((d) => d.label)).toEqual(['10.0.0.0/8'])
    expect(labels(s)).toEqual(['10.0.0.0/8', 'app=web', 'demo', 'world'])
  })

  it('saveNow writes at once (page hide) and cancels the pending write', () => {
    const backend = new MemoryBackend()
    const store = workspaceStore({ backend })
    store.getState().commitText({ text: EDITED, origin: 'typing' })
    store.getState().saveNow()
    expect(backend.writes).toBe(1)
    vi.advanceTimersByTime(SAVE_MS + PARSE_MS)
    expect(backend.writes).toBe(1)
    expect(saved(backend)).toMatchObject({ text: EDITED })
  })

  it('says autosave is off when the storage refuses, and on again when it accepts', () => {
    const backend = new MemoryBackend()
    backend.refuse = true
    const store = workspaceStore({ backend })
    store.getState().commitText({ text: EDITED, origin: 'typing' })
    vi.advanceTimersByTime(SAVE_MS)
    expect(store.getState().autosaveOk).toBe(false)
    backend.refuse = false
    store.getState().commitText({ text: SHOP, origin: 'typing' })
    vi.advanceTimersByTime(SAVE_MS)
    expect(store.getState().autosaveOk).toBe(true)
  })

  const unreadable: { name: string; raw: string }[] = [
    { name: 'a corrupted entry', raw: '{"text": ' },
    { name: 'an entry without text', raw: '{"settings": {"auditMode": true}}' },
    { name: 'a non-object', raw: '42' },
  ]
  for (const c of unreadable) {
    it(`starts from the demo over ${c.name}`, () => {
      const backend = new MemoryBackend()
      backend.values.set('membrane.workspace.v1', c.raw)
      const s = workspaceStore({ backend, demoText: DEMO }).getState()
      expect(s).toMatchObject({ text: DEMO, source: 'demo', loadedText: DEMO, settings: { auditMode: false } })
    })
  }

  it('no storage at all: nothing restored, autosave reported off', () => {
    const store = workspaceStore({ storage: keyValueStorage(undefined), demoText: DEMO })
    expect(store.getState().text).toBe(DEMO)
    store.getState().commitText({ text: SHOP, origin: 'typing' })
    vi.advanceTimersByTime(SAVE_MS)
    expect(store.getState().autosaveOk).toBe(false)
  })
})
