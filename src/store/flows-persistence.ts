/**
 * Keeps the loaded capture across reloads: the files themselves (Blobs) go into IndexedDB, and
 * are streamed through the worker again on start, so nothing parsed is stored twice. A capture
 * bigger than the cap is not kept, and the user is told so.
 */
import { openDB } from 'idb'
import type { IDBPDatabase } from 'idb'

export interface SavedFile {
  readonly name: string
  readonly blob: Blob
}

/** Files from a picker or a drop, as the flows store takes them. */
export function filesOf(list: FileList | null | undefined): SavedFile[] {
  return list ? Array.from(list, (f) => ({ name: f.name, blob: f })) : []
}

export interface FlowPersistence {
  /** Resolves with a note for the user when the capture was not kept (too big, storage refused). */
  save(files: readonly SavedFile[]): Promise<string | null>
  load(): Promise<SavedFile[] | null>
  clear(): Promise<void>
}

/** Larger captures are not kept: IndexedDB quotas vary and a reload should not re-read a gigabyte. */
export const FLOW_STORE_CAP_BYTES = 200 * 1024 * 1024

const DB = 'membrane-flows'
const STORE = 'capture'
const KEY = 'current'

export function megabytes(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`
}

/**
 * IndexedDB persistence, or null where the browser has none (then captures live until reload).
 * `key` and `what` let the imported cluster inventory be kept the same way, under its own key.
 */
export function browserFlowPersistence(cap = FLOW_STORE_CAP_BYTES, key = KEY, what = 'capture'): FlowPersistence | null {
  if (typeof indexedDB === 'undefined') return null
  let db: Promise<IDBPDatabase> | null = null
  const open = (): Promise<IDBPDatabase> =>
    (db ??= openDB(DB, 1, {
      upgrade(d) {
        d.createObjectStore(STORE)
      },
    }))
  return {
    async save(files) {
      const size = files.reduce((n, f) => n + f.blob.size, 0)
      try {
        const d = await open()
        if (size > cap) {
          await d.delete(STORE, key)
          return `This ${what} (${megabytes(size)}) is over the ${megabytes(cap)} kept across reloads: load it again after a reload.`
        }
        await d.put(STORE, { files: files.map((f) => ({ name: f.name, blob: f.blob })), savedAt: Date.now() }, key)
        return null
      } catch (err) {
        return `The browser refused to keep the ${what} across reloads (${err instanceof Error ? err.message : String(err)}).`
      }
    },
    async load() {
      try {
        const d = await open()
        const v = (await d.get(STORE, key)) as { files?: SavedFile[] } | undefined
        return v?.files && v.files.length > 0 ? v.files : null
      } catch {
        return null
      }
    },
    async clear() {
      try {
        await (await open()).delete(STORE, key)
      } catch {
        // Nothing kept, nothing to clear.
      }
    },
  }
}
