import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { openDB } from 'idb'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_AGENT_SETTINGS } from '../domain/settings/index.ts'
import type { KeyValueBackend, SavedWorkspace } from './persistence.ts'
import { OTHER_TAB_KEY, WORKSPACE_KEY } from './persistence.ts'
import type { BrowserWorkspaceStorage, PersistenceEnv, StorageStatus } from './persistence-idb.ts'
import { CURRENT_KEY, FALLBACK_KEY, OTHER_KEY, WORKSPACE_DB, WORKSPACE_STORE, loadPersistedWorkspace } from './persistence-idb.ts'
import { createWorkspaceStore } from './create-workspace-store.ts'
import { followOtherTabs } from './tab-sync.ts'

function memory(): KeyValueBackend & { data: Map<string, string> } {
  const data = new Map<string, string>()
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) }
}
const ws = (text: string): SavedWorkspace => ({ text, settings: { ...DEFAULT_AGENT_SETTINGS, auditMode: false, enforcementMode: 'default' }, source: 'saved', drafts: [] })

let opened: BrowserWorkspaceStorage[] = []
let clock = 1_000
/** One tab's start: the same fake IndexedDB and localStorage, its own channel. */
async function tab(local: KeyValueBackend, extra: Partial<PersistenceEnv> = {}): Promise<Awaited<ReturnType<typeof loadPersistedWorkspace>>> {
  const p = await loadPersistedWorkspace({ indexedDB, local, channel: () => new BroadcastChannel('membrane.workspace.test'), now: () => (clock += 1), ...extra })
  opened.push(p.storage)
  return p
}
async function record(key: string): Promise<{ text?: string } | undefined> {
  const d = await openDB(WORKSPACE_DB, 1)
  const v = (await d.get(WORKSPACE_STORE, key)) as { text?: string } | undefined
  d.close()
  return v
}

beforeEach(() => {
  // A fresh, empty IndexedDB for every test (idb opens the global one).
  globalThis.indexedDB = new IDBFactory()
})
afterEach(() => {
  for (const s of opened) s.dispose()
  opened = []
})

describe('the workspace in IndexedDB', () => {
  it('a localStorage workspace of an earlier version moves in on first start, and stops being written there', async () => {
    const local = memory()
    local.setItem(WORKSPACE_KEY, JSON.stringify(ws('from localStorage')))
    const first = await tab(local)
    expect(first.saved?.text).toBe('from localStorage')
    expect(first.notice).toBeNull()
    expect(await first.storage.flush()).toBe(true)
    expect((await record(CURRENT_KEY))?.text).toBe('from localStorage')
    expect(local.data.has(WORKSPACE_KEY)).toBe(false)
    first.storage.save(ws('edited'))
    await first.storage.flush()
    expect(local.data.size).toBe(0)
    expect((await tab(local)).saved?.text).toBe('edited')
  })

  it('keeps a workspace far over localStorage quota (6 MB) across a restart', async () => {
    const big = `# ${'x'.repeat(80)}\n`.repeat(75_000)
    expect(big.length).toBeGreaterThan(6_000_000)
    const first = await tab(memory())
    first.storage.save(ws(big))
    expect(await first.storage.flush()).toBe(true)
    expect(first.storage.lastPersisted?.()).toBe(big)
    expect((await tab(memory())).saved?.text).toBe(big)
  })

  it('never writes over a text another tab saved since this one read: it is kept aside', async () => {
    const local = memory()
    const a = await tab(local)
    a.storage.save(ws('base'))
    await a.storage.flush()
    const b = await tab(local)
    a.storage.save(ws('newer from A'))
    await a.storage.flush()
    b.storage.save(ws('edit from B'))
    await b.storage.flush()
    expect((await record(CURRENT_KEY))?.text).toBe('edit from B')
    expect((await record(OTHER_KEY))?.text).toBe('newer from A')
  })

  it('a write IndexedDB refuses is said, and the text is kept in localStorage; the next start takes that newer copy', async () => {
    const local = memory()
    const first = await tab(local)
    first.storage.save(ws('saved in IndexedDB'))
    await first.storage.flush()
    const statuses: StorageStatus[] = []
    first.storage.onStatus((s) => statuses.push(s))
    const put = IDBObjectStore.prototype.put
    IDBObjectStore.prototype.put = () => {
      throw new DOMException('full', 'QuotaExceededError')
    }
    try {
      first.storage.save(ws('only in the copy'))
      await first.storage.flush()
    } finally {
      IDBObjectStore.prototype.put = put
    }
    expect(statuses).toHaveLength(1)
    expect(statuses[0].ok).toBe(true)
    expect(statuses[0].message?.kind).toBe('warning')
    expect(statuses[0].message?.text).toContain('the storage for this site is full')
    expect(JSON.parse(local.data.get(FALLBACK_KEY) ?? '{}').text).toBe('only in the copy')
    // Nothing to keep it in at all: an error, and the toolbar's autosave flag goes off.
    const full: KeyValueBackend = { getItem: (k) => local.getItem(k), setItem: () => { throw new DOMException('full', 'QuotaExceededError') } }
    const second = await tab(full)
    expect(second.saved?.text).toBe('only in the copy')
    IDBObjectStore.prototype.put = () => {
      throw new DOMException('full', 'QuotaExceededError')
    }
    const later: StorageStatus[] = []
    second.storage.onStatus((s) => later.push(s))
    try {
      second.storage.save(ws('nowhere'))
      expect(await second.storage.flush()).toBe(false)
    } finally {
      IDBObjectStore.prototype.put = put
    }
    expect(later.map((s) => [s.ok, s.message?.kind])).toEqual([[false, 'error']])
    expect(second.storage.save(ws('nowhere'))).toBe(false) // what the store shows until a write succeeds
    await second.storage.flush()
    expect(later.at(-1)).toEqual({ ok: true, message: { kind: 'info', text: 'The workspace is saved again.' } })
  })

  it('leaving the page mid-write keeps a synchronous copy; a confirmed text needs none', async () => {
    const local = memory()
    const first = await tab(local)
    first.storage.save(ws('confirmed'))
    await first.storage.flush()
    expect(first.storage.secureForUnload?.('confirmed')).toBe(true)
    expect(local.data.has(FALLBACK_KEY)).toBe(false)
    first.storage.save(ws('in flight'))
    expect(first.storage.secureForUnload?.('in flight')).toBe(true)
    expect(JSON.parse(local.data.get(FALLBACK_KEY) ?? '{}').text).toBe('in flight')
    // A text never handed to save is not safe: the unload warns.
    expect(first.storage.secureForUnload?.('never saved')).toBe(false)
  })

  it('another tab hears each finished save: without edits it follows, with edits both versions are kept', async () => {
    const local = memory()
    const a = await tab(local)
    a.storage.save(ws('start'))
    await a.storage.flush()
    const b = await tab(local)
    const workspace = createWorkspaceStore({ storage: b.storage, demoText: 'demo', saveDelayMs: 1e9, parseDelayMs: 0 })
    expect(workspace.getState().text).toBe('start')
    const conflicts: string[] = []
    const stop = followOtherTabs({ workspace, storage: b.storage, otherTabSaves: (fn) => b.storage.onOtherTab(fn), keepAside: (t) => b.storage.keepOther(t),
      onConflict: (v) => conflicts.push(v.text) })
    const heard = (): Promise<void> => new Promise((resolve) => {
      const off = b.storage.onOtherTab(() => {
        off()
        setTimeout(resolve, 0)
      })
    })
    let next = heard()
    a.storage.save(ws('from A'))
    await next
    expect(workspace.getState().text).toBe('from A')
    workspace.getState().commitText({ text: 'unsaved in B', origin: 'script' })
    next = heard()
    a.storage.save(ws('A again'))
    await next
    expect(workspace.getState().text).toBe('unsaved in B')
    expect(conflicts).toEqual(['A again'])
    await b.storage.flush()
    expect((await record(OTHER_KEY))?.text).toBe('A again')
    stop()
    workspace.getState().dispose()
  })

  it('without IndexedDB it keeps the workspace in localStorage and says so', async () => {
    const local = memory()
    local.setItem(WORKSPACE_KEY, JSON.stringify(ws('kept here')))
    const p = await loadPersistedWorkspace({ local })
    expect(p.storage.where).toBe('localstorage')
    expect(p.saved?.text).toBe('kept here')
    expect(p.notice?.text).toContain('no IndexedDB')
    expect(p.storage.save(ws('next'))).toBe(true)
    expect(JSON.parse(local.data.get(WORKSPACE_KEY) ?? '{}').text).toBe('next')
    const none = await loadPersistedWorkspace({})
    expect(none.storage.where).toBe('none')
    expect(none.notice?.kind).toBe('error')
  })

  it('discard forgets the saved text in IndexedDB', async () => {
    const local = memory()
    local.setItem(OTHER_TAB_KEY, JSON.stringify({ text: 'old aside', at: 1 }))
    const first = await tab(local)
    first.storage.save(ws('to forget'))
    await first.storage.flush()
    first.storage.clear?.()
    expect(first.storage.load()).toBeNull()
    await first.storage.flush()
    expect(await record(CURRENT_KEY)).toBeUndefined()
    expect((await tab(local)).saved).toBeNull()
  })
})
