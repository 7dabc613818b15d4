/**
 * Two tabs on one workspace (issue 8): both autosave to the same place, and the last to write
 * used to win silently. Each tab now hears of the other's finished saves (a BroadcastChannel
 * message with IndexedDB, the `storage` event in the localStorage fallback). A tab with no edits
 * of its own since it last read or wrote the saved text follows the other; when both have edits,
 * this tab keeps its own, the other's version is kept aside (recoverable), and the user is told.
 */
import { create } from 'zustand'
import type { WorkspaceStore } from './create-workspace-store.ts'
import type { KeyValueBackend, OtherTabVersion, SavedWorkspace, WorkspaceStorage } from './persistence.ts'
import { OTHER_TAB_KEY, WORKSPACE_KEY, decode } from './persistence.ts'

export { OTHER_TAB_KEY }
export type { OtherTabVersion }

/** Calls back with each save another tab made; returns the function that stops listening. */
export type OtherTabSaves = (fn: (theirs: SavedWorkspace) => void) => () => void

export interface TabSyncOptions {
  readonly workspace: WorkspaceStore
  readonly storage: WorkspaceStorage
  readonly otherTabSaves: OtherTabSaves
  /** Keeps the other tab's text aside, where the banner can open it again. */
  readonly keepAside: (text: string) => OtherTabVersion
  /** Called when both tabs had edits and the other's version was kept aside. */
  readonly onConflict: (theirs: OtherTabVersion) => void
}

/** Starts following; returns the function that stops it. */
export function followOtherTabs(o: TabSyncOptions): () => void {
  return o.otherTabSaves((theirs) => {
    const ours = o.workspace.getState().text
    if (theirs.text === ours) {
      o.storage.notePersisted?.(theirs.text)
      return
    }
    const persisted = o.storage.lastPersisted?.() ?? null
    if (persisted === null || ours === persisted) {
      // Nothing of ours is unsaved: follow the other tab (as one undoable edit in the editor).
      o.storage.notePersisted?.(theirs.text)
      o.workspace.getState().commitText({ text: theirs.text, origin: 'script' })
      o.workspace.getState().notify({ kind: 'info', text: 'Updated from another tab' })
      return
    }
    o.onConflict(o.keepAside(theirs.text))
  })
}

/** Other tabs' saves as `storage` events of the localStorage entry (the fallback storage). */
export function storageEvents(target: EventTarget): OtherTabSaves {
  return (fn) => {
    const onStorage = (e: Event): void => {
      const { key, newValue } = e as StorageEvent
      if (key !== WORKSPACE_KEY || newValue === null) return
      let theirs: SavedWorkspace | null
      try {
        theirs = decode(newValue)
      } catch {
        return
      }
      if (theirs) fn(theirs)
    }
    target.addEventListener('storage', onStorage)
    return () => target.removeEventListener('storage', onStorage)
  }
}

/** Stores the other tab's text aside in localStorage (best effort: else it stays in memory only). */
export function keepOtherVersion(backend: KeyValueBackend | undefined, text: string, at: number): OtherTabVersion {
  const v = { text, at }
  try {
    backend?.setItem(OTHER_TAB_KEY, JSON.stringify(v))
  } catch {
    // Quota: the banner still holds it for this session.
  }
  return v
}

export function readOtherVersion(backend: KeyValueBackend | undefined): OtherTabVersion | null {
  try {
    const raw = backend?.getItem(OTHER_TAB_KEY)
    if (!raw) return null
    const d = JSON.parse(raw) as Partial<OtherTabVersion>
    return typeof d.text === 'string' ? { text: d.text, at: typeof d.at === 'number' ? d.at : 0 } : null
  } catch {
    return null
  }
}

interface OtherTabState {
  /** The other tab's version this tab was told about (for the banner), or null. */
  version: OtherTabVersion | null
  set(v: OtherTabVersion | null): void
  /** Where a version is kept aside (the storage in use; set at start). */
  keep: (text: string) => OtherTabVersion
}

export const useOtherTab = create<OtherTabState>()((set) => ({
  version: null,
  set: (version) => set({ version }),
  keep: (text) => ({ text, at: Date.now() }),
}))
