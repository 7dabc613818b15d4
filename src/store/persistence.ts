/**
 * Autosave of the workspace: one key-value entry, written after edits. The store is given a
 * `WorkspaceStorage`, so the app passes the browser's localStorage and tests pass a plain map.
 */
import type { WorkspaceSettings } from './workspace-types.ts'
import type { DraftNode } from './drafts.ts'

const KEY = 'membrane.workspace.v1'

export interface SavedWorkspace {
  readonly text: string
  readonly settings: WorkspaceSettings
  readonly source: string
  readonly drafts?: readonly DraftNode[]
}

export interface WorkspaceStorage {
  /** The saved workspace, or null when there is none (or it cannot be read). */
  load(): SavedWorkspace | null
  /** False when the backend refused the write (quota, storage disabled). */
  save(ws: SavedWorkspace): boolean
}

/** The part of the Web Storage API the autosave uses. */
export interface KeyValueBackend {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

/** Reads back what `save` wrote; anything malformed reads as "nothing saved". */
function decode(raw: string | null): SavedWorkspace | null {
  if (!raw) return null
  const data: unknown = JSON.parse(raw)
  if (!data || typeof data !== 'object') return null
  const d = data as Record<string, unknown>
  if (typeof d.text !== 'string') return null
  const s = (d.settings ?? {}) as Record<string, unknown>
  return {
    text: d.text,
    source: typeof d.source === 'string' ? d.source : 'saved',
    drafts: Array.isArray(d.drafts) ? (d.drafts as DraftNode[]).filter((x) => x && typeof x.id === 'string') : [],
    settings: {
      auditMode: s.auditMode === true,
      enforcementMode: s.enforcementMode === 'always' || s.enforcementMode === 'never' ? s.enforcementMode : 'default',
      hostFirewall: s.hostFirewall === 'on' || s.hostFirewall === 'off' ? s.hostFirewall : 'auto',
    },
  }
}

/** Autosave over a key-value backend; with no backend nothing is kept and every save fails. */
export function keyValueStorage(backend: KeyValueBackend | undefined): WorkspaceStorage {
  return {
    load() {
      try {
        return decode(backend?.getItem(KEY) ?? null)
      } catch {
        // Private mode or a corrupted entry: start from the demo rather than fail.
        return null
      }
    },
    save(ws) {
      if (!backend) return false
      try {
        backend.setItem(KEY, JSON.stringify(ws))
        return true
      } catch {
        // Quota exceeded or storage disabled: the caller shows that autosave is off.
        return false
      }
    },
  }
}

/** The browser's localStorage (which may be missing, or throw on access in private modes). */
export function browserStorage(): WorkspaceStorage {
  let backend: KeyValueBackend | undefined
  try {
    backend = globalThis.localStorage ?? undefined
  } catch {
    backend = undefined
  }
  return keyValueStorage(backend)
}
