/**
 * The workspace kept in IndexedDB (issue 8): localStorage holds about 5 MB per site, so a bigger
 * workspace silently stopped autosaving and a reload brought back an older text. IndexedDB's
 * quota is a share of the disk. It is asynchronous, so the saved workspace is read once before the
 * stores are made (`loadPersistedWorkspace`) and the store's synchronous `WorkspaceStorage` is a
 * facade: `save` queues a write (one at a time, the latest wins) and answers with the outcome of the
 * last write that finished; a refused write is reported through `onStatus`.
 *
 * What localStorage still holds: a workspace of an earlier version (moved here on first start,
 * then removed), and a synchronous copy taken when the page is left while a write is still in
 * flight or when IndexedDB refuses a write (full) — whichever is newer wins at the next start.
 * Other tabs hear of each finished write on a BroadcastChannel. Where IndexedDB is missing or
 * refused, the key-value storage over localStorage is used as before, and the user is told.
 */
import { openDB } from 'idb'
import type { IDBPDatabase } from 'idb'
import type { KeyValueBackend, OtherTabVersion, SavedWorkspace, WorkspaceStorage } from './persistence.ts'
import { OTHER_TAB_KEY, WORKSPACE_KEY, decode, decodeValue, keyValueStorage } from './persistence.ts'
import { keepOtherVersion, storageEvents } from './tab-sync.ts'

export const WORKSPACE_DB = 'membrane-workspace'
export const WORKSPACE_STORE = 'workspace'
export const CURRENT_KEY = 'current'
export const OTHER_KEY = 'other-tab'
/** The synchronous copy (page left mid-write, or IndexedDB full). */
export const FALLBACK_KEY = 'membrane.workspace.fallback.v1'
export const WORKSPACE_CHANNEL = 'membrane.workspace'

interface StoredRecord extends SavedWorkspace {
  /** When this tab queued it (the newer of the IndexedDB record and the fallback copy wins). */
  readonly at: number
  readonly tab: string
}

export interface StorageStatus {
  /** The latest text is kept somewhere (IndexedDB, or the localStorage copy). */
  readonly ok: boolean
  /** For the user when something is wrong or comes right again; null when all is well as before. */
  readonly message: StorageMessage | null
}

export interface StorageMessage {
  readonly kind: 'info' | 'warning' | 'error'
  readonly text: string
}

export interface BrowserWorkspaceStorage extends WorkspaceStorage {
  readonly where: 'indexeddb' | 'localstorage' | 'none'
  /** Outcome changes of background writes. */
  onStatus(fn: (s: StorageStatus) => void): () => void
  /** Another tab's finished saves. */
  onOtherTab(fn: (theirs: SavedWorkspace) => void): () => void
  /** Keeps a text aside as "the other tab's version" (recoverable from the banner). */
  keepOther(text: string): OtherTabVersion
  /** Resolves once the writes queued so far are done, with the outcome. */
  flush(): Promise<boolean>
  /** Stops listening and closes the database (tests; a page just goes). */
  dispose(): void
}

export interface PersistedWorkspace {
  readonly storage: BrowserWorkspaceStorage
  /** The workspace to start from (null: the demo). */
  readonly saved: SavedWorkspace | null
  /** Told once the app is up: where the workspace is not kept as it should be. */
  readonly notice: { readonly kind: 'warning' | 'error'; readonly text: string } | null
}

interface ChannelLike {
  postMessage(m: unknown): void
  addEventListener(type: 'message', fn: (e: MessageEvent) => void): void
  removeEventListener(type: 'message', fn: (e: MessageEvent) => void): void
}

export interface PersistenceEnv {
  /** Whether IndexedDB is there (`idb` opens the global `indexedDB`; tests install a fake one). */
  readonly indexedDB?: IDBFactory
  /** localStorage (earlier versions' workspace, the synchronous copy, the fallback). */
  readonly local?: KeyValueBackend
  readonly channel?: () => ChannelLike | undefined
  /** Where `storage` events arrive in the localStorage fallback. */
  readonly events?: EventTarget
  readonly now?: () => number
}

function browserEnv(): PersistenceEnv {
  let local: KeyValueBackend | undefined
  try {
    local = globalThis.localStorage ?? undefined
  } catch {
    local = undefined
  }
  return {
    indexedDB: typeof indexedDB === 'undefined' ? undefined : indexedDB,
    local,
    channel: () => (typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(WORKSPACE_CHANNEL)),
    events: typeof window === 'undefined' ? undefined : window,
  }
}

const MB = 1024 * 1024
const size = (text: string): string => `${(text.length / MB).toFixed(1)} MB`

function reason(err: unknown): string {
  if (err instanceof DOMException && err.name === 'QuotaExceededError') return 'the storage for this site is full'
  return err instanceof Error ? err.message : String(err)
}

function readLocal(local: KeyValueBackend | undefined, key: string): (SavedWorkspace & { at?: number }) | null {
  try {
    const raw = local?.getItem(key) ?? null
    const ws = decode(raw)
    if (!ws || raw === null) return null
    const at = (JSON.parse(raw) as { at?: unknown }).at
    return typeof at === 'number' ? { ...ws, at } : ws
  } catch {
    return null
  }
}

function removeLocal(local: KeyValueBackend | undefined, key: string): void {
  try {
    local?.removeItem?.(key)
  } catch {
    // Storage refused: nothing to remove.
  }
}

/**
 * Reads the saved workspace before the stores are made, moving an earlier version's localStorage
 * workspace into IndexedDB; never rejects (a broken storage means starting from the demo, told).
 */
export async function loadPersistedWorkspace(env: PersistenceEnv = browserEnv()): Promise<PersistedWorkspace> {
  if (env.indexedDB) {
    try {
      return await openIndexedDbWorkspace(env)
    } catch (err) {
      return localFallback(env, `This browser refused IndexedDB (${reason(err)}): the workspace is kept in localStorage, which holds only about 5 MB.`)
    }
  }
  return localFallback(env, 'This browser has no IndexedDB: the workspace is kept in localStorage, which holds only about 5 MB.')
}

function localFallback(env: PersistenceEnv, why: string): PersistedWorkspace {
  const kv = keyValueStorage(env.local)
  const saved = kv.load()
  const listeners = new Set<(s: StorageStatus) => void>()
  let ok = true
  const storage: BrowserWorkspaceStorage = {
    ...kv,
    where: env.local ? 'localstorage' : 'none',
    save(ws) {
      const now = kv.save(ws)
      if (now !== ok) {
        ok = now
        const message: StorageMessage = now
          ? { kind: 'info', text: 'The workspace is saved again.' }
          : { kind: 'error', text: `The workspace (${size(ws.text)}) could not be saved: localStorage is full or refused. Download it to keep it.` }
        for (const fn of listeners) fn({ ok, message })
      }
      return now
    },
    onStatus(fn) {
      listeners.add(fn)
      return () => listeners.delete(fn)
    },
    onOtherTab: (fn) => (env.events ? storageEvents(env.events)(fn) : () => undefined),
    keepOther: (text) => keepOtherVersion(env.local, text, (env.now ?? Date.now)()),
    flush: () => Promise.resolve(ok),
    dispose: () => undefined,
  }
  return { storage, saved, notice: { kind: env.local ? 'warning' : 'error', text: env.local ? why : 'This browser refuses both IndexedDB and localStorage: the workspace is not saved. Download it to keep it.' } }
}

async function openIndexedDbWorkspace(env: PersistenceEnv): Promise<PersistedWorkspace> {
  const now = env.now ?? Date.now
  const tab = `${now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
  let db: Promise<IDBPDatabase> | null = null
  const open = (): Promise<IDBPDatabase> =>
    (db ??= openDB(WORKSPACE_DB, 1, {
      upgrade(d) {
        d.createObjectStore(WORKSPACE_STORE)
      },
      // Another tab (or a test) deletes or upgrades the database: let it, and reopen on the next write.
      blocking(_current, _next, event) {
        ;(event.target as IDBDatabase).close()
        db = null
      },
      terminated() {
        db = null
      },
    }).catch((err: unknown) => {
      db = null
      throw err
    }))
  const first = await open()

  const raw: unknown = await first.get(WORKSPACE_STORE, CURRENT_KEY)
  const stored = decodeRecord(raw)
  const legacy = readLocal(env.local, WORKSPACE_KEY)
  const copy = readLocal(env.local, FALLBACK_KEY)
  let current: SavedWorkspace | null = stored
  /** The text in IndexedDB as this tab last read or wrote it (what another tab's write replaces). */
  let confirmed: string | null = stored?.text ?? null
  let firstWrite: StoredRecord | null = null
  let legacyAside: string | null = null
  if (!stored && legacy) {
    // First start of this version: the workspace moves out of localStorage.
    current = legacy
    firstWrite = { ...legacy, at: now(), tab }
  } else if (stored && legacy && legacy.text !== stored.text) legacyAside = legacy.text // a tab of an earlier version wrote it
  if (copy && copy.text !== current?.text && (copy.at ?? 0) > recordAt(raw)) {
    // The page was left before its last write finished, or IndexedDB was full: the copy is newer.
    current = copy
    firstWrite = { ...copy, at: copy.at ?? now(), tab }
  }

  const listeners = new Set<(s: StorageStatus) => void>()
  let ok = true
  let lastMessage: StorageMessage | null = null
  let pending: StoredRecord | null = firstWrite
  let inFlight: StoredRecord | null = null
  let scheduled = false
  let chain: Promise<unknown> = Promise.resolve()
  let channel: ChannelLike | undefined
  try {
    channel = env.channel?.()
  } catch {
    channel = undefined
  }

  const report = (next: boolean, message: StorageMessage | null): void => {
    if (next === ok && message?.text === lastMessage?.text) return
    ok = next
    lastMessage = message
    for (const fn of listeners) fn({ ok, message })
  }
  const enqueue = <T,>(op: () => Promise<T>): Promise<T> => {
    const p = chain.then(op)
    chain = p.catch(() => undefined)
    return p
  }
  const writeCopy = (rec: StoredRecord): boolean => {
    try {
      if (!env.local) return false
      env.local.setItem(FALLBACK_KEY, JSON.stringify(rec))
      return true
    } catch {
      return false
    }
  }
  const write = async (rec: StoredRecord): Promise<void> => {
    try {
      const d = await open()
      const tx = d.transaction(WORKSPACE_STORE, 'readwrite')
      const os = tx.objectStore(WORKSPACE_STORE)
      const there = decodeRecord(await os.get(CURRENT_KEY))
      // Never write over a text another tab saved since this one last read or wrote: keep it aside.
      if (there && confirmed !== null && there.text !== confirmed && there.text !== rec.text) {
        await os.put({ text: there.text, at: now() }, OTHER_KEY)
      }
      await os.put(rec, CURRENT_KEY)
      await tx.done
      confirmed = rec.text
      if (pending === null) {
        // Caught up: a copy left in localStorage is older than what IndexedDB now holds.
        removeLocal(env.local, FALLBACK_KEY)
        removeLocal(env.local, WORKSPACE_KEY)
        removeLocal(env.local, OTHER_TAB_KEY)
      }
      report(true, ok && lastMessage === null ? null : { kind: 'info', text: 'The workspace is saved again.' })
      try {
        channel?.postMessage({ ...rec })
      } catch {
        // A closed channel: other tabs see the text at their next start.
      }
    } catch (err) {
      const kept = writeCopy(rec)
      report(kept, kept
        ? { kind: 'warning', text: `IndexedDB did not save the workspace (${reason(err)}): it is kept in localStorage for now, which holds only about 5 MB.` }
        : { kind: 'error', text: `The workspace (${size(rec.text)}) is not saved: ${reason(err)}. Download it to keep it.` })
    }
  }
  const drain = async (): Promise<void> => {
    scheduled = false
    inFlight = pending
    pending = null
    if (inFlight) await write(inFlight)
    inFlight = null
  }
  const schedule = (): void => {
    if (scheduled) return
    scheduled = true
    void enqueue(drain)
  }
  if (pending) schedule()

  const storage: BrowserWorkspaceStorage = {
    where: 'indexeddb',
    load: () => current,
    save(ws) {
      current = ws
      pending = { text: ws.text, settings: ws.settings, source: ws.source, drafts: ws.drafts ?? [], at: now(), tab }
      schedule()
      return ok
    },
    clear() {
      current = null
      pending = null
      confirmed = null
      removeLocal(env.local, FALLBACK_KEY)
      removeLocal(env.local, WORKSPACE_KEY)
      void enqueue(async () => {
        try {
          await (await open()).delete(WORKSPACE_STORE, CURRENT_KEY)
        } catch {
          // Nothing kept, nothing to forget.
        }
      })
    },
    lastPersisted: () => confirmed,
    notePersisted(text) {
      confirmed = text
    },
    secureForUnload(text) {
      if (text === confirmed) return true
      // A write is queued or in flight and may not finish before the page goes: keep a copy now.
      const latest = pending ?? inFlight
      return latest !== null && latest.text === text && writeCopy(latest)
    },
    onStatus(fn) {
      listeners.add(fn)
      return () => listeners.delete(fn)
    },
    onOtherTab(fn) {
      if (!channel) return () => undefined
      const on = (e: MessageEvent): void => {
        const data = e.data as { tab?: unknown } | null
        if (!data || data.tab === tab) return
        const theirs = decodeValue(data)
        if (theirs) fn(theirs)
      }
      channel.addEventListener('message', on)
      return () => channel.removeEventListener('message', on)
    },
    keepOther(text) {
      const v = { text, at: now() }
      void enqueue(async () => {
        try {
          await (await open()).put(WORKSPACE_STORE, v, OTHER_KEY)
        } catch {
          // Full or refused: the banner still holds it for this session.
        }
      })
      return v
    },
    flush: () => enqueue(() => Promise.resolve(ok)),
    dispose() {
      try {
        ;(channel as { close?: () => void } | undefined)?.close?.()
      } catch {
        // Already closed.
      }
      void db?.then((d) => d.close(), () => undefined)
    },
  }
  if (legacyAside !== null) storage.keepOther(legacyAside)
  return { storage, saved: current, notice: null }
}

function decodeRecord(v: unknown): SavedWorkspace | null {
  try {
    return decodeValue(v)
  } catch {
    return null
  }
}

function recordAt(v: unknown): number {
  const at = v && typeof v === 'object' ? (v as { at?: unknown }).at : undefined
  return typeof at === 'number' ? at : 0
}
