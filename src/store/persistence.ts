/**
 * Autosave of the workspace: the `WorkspaceStorage` contract the store writes through, and its
 * key-value form. The app keeps the workspace in IndexedDB (persistence-idb.ts); this key-value
 * form over localStorage is where earlier versions kept it (migrated on first start) and the
 * fallback where IndexedDB is refused. Tests pass a plain map.
 */
import type { WorkspaceSettings } from './workspace-types.ts'
import type { DraftNode } from './drafts.ts'
import { sanitizeAgentSettings } from '../domain/settings/index.ts'

export const WORKSPACE_KEY = 'membrane.workspace.v1'
/** Another tab's version, kept when both tabs had edits (tab-sync.ts). */
export const OTHER_TAB_KEY = 'membrane.workspace.other-tab.v1'
const KEY = WORKSPACE_KEY

/** Another tab's text, kept aside when both tabs had edits (tab-sync.ts). */
export interface OtherTabVersion {
  readonly text: string
  readonly at: number
}

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
  /** Forgets the saved workspace (safe mode's Discard). */
  clear?(): void
  /** The text this tab last read from or wrote to the store: what another tab's write replaced. */
  lastPersisted?(): string | null
  /** Records that the stored text is now `text` (another tab wrote it and this tab took it). */
  notePersisted?(text: string): void
  /**
   * The page is being left: start what can still be saved; true when `text` is safe (written, or
   * kept in a synchronous fallback), false when the unload should warn. Absent: `lastPersisted`.
   */
  secureForUnload?(text: string): boolean
}

/** The part of the Web Storage API the autosave uses. */
export interface KeyValueBackend {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem?(key: string): void
}

/** Reads back what `save` wrote; anything malformed reads as "nothing saved". */
export function decode(raw: string | null): SavedWorkspace | null {
  if (!raw) return null
  return decodeValue(JSON.parse(raw))
}

/** The same for a stored object (IndexedDB keeps structured values, not JSON). */
export function decodeValue(data: unknown): SavedWorkspace | null {
  if (!data || typeof data !== 'object') return null
  const d = data as Record<string, unknown>
  if (typeof d.text !== 'string') return null
  return {
    text: d.text,
    source: typeof d.source === 'string' ? d.source : 'saved',
    drafts: Array.isArray(d.drafts) ? (d.drafts as DraftNode[]).filter((x) => x && typeof x.id === 'string') : [],
    // Older saves hold only auditMode/enforcementMode: the rest falls back to the defaults.
    settings: {
      ...sanitizeAgentSettings(d.settings),
      // The graph's host-firewall switch (absent = auto).
      ...(hostFirewallChoiceOf(d.settings) && { hostFirewallChoice: hostFirewallChoiceOf(d.settings) }),
      // The workspace's connectivity expectations (their YAML, kept as typed).
      ...(typeof (d.settings as { expectations?: unknown } | null)?.expectations === 'string' && { expectations: (d.settings as { expectations: string }).expectations }),
    },
  }
}

function hostFirewallChoiceOf(settings: unknown): 'on' | 'off' | undefined {
  const c = settings && typeof settings === 'object' ? (settings as Record<string, unknown>).hostFirewallChoice : undefined
  return c === 'on' || c === 'off' ? c : undefined
}

function decodeQuietly(raw: string): SavedWorkspace | null {
  try {
    return decode(raw)
  } catch {
    return null
  }
}

/** Autosave over a key-value backend; with no backend nothing is kept and every save fails. */
export function keyValueStorage(backend: KeyValueBackend | undefined): WorkspaceStorage {
  let persisted: string | null = null
  return {
    load() {
      try {
        const ws = decode(backend?.getItem(KEY) ?? null)
        persisted = ws?.text ?? null
        return ws
      } catch {
        // Private mode or a corrupted entry: start from the demo rather than fail.
        return null
      }
    },
    save(ws) {
      if (!backend) return false
      try {
        // Never write over a text another tab saved since this one last read or wrote: keep it aside.
        const current = backend.getItem(KEY)
        const stored = current === null ? null : (decodeQuietly(current)?.text ?? null)
        if (stored !== null && persisted !== null && stored !== persisted && stored !== ws.text) {
          backend.setItem(OTHER_TAB_KEY, JSON.stringify({ text: stored, at: Date.now() }))
        }
        backend.setItem(KEY, JSON.stringify(ws))
        persisted = ws.text
        return true
      } catch {
        // Quota exceeded or storage disabled: the caller shows that autosave is off.
        return false
      }
    },
    lastPersisted: () => persisted,
    notePersisted: (text) => {
      persisted = text
    },
    clear() {
      persisted = null
      try {
        backend?.removeItem?.(KEY)
      } catch {
        // Storage disabled: there is nothing saved to forget.
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
