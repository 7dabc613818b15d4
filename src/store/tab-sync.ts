/**
 * Two tabs on one workspace (issue 8): both autosave to the same entry, and the last to write
 * used to win silently. Each tab now listens for the other's writes (the `storage` event, which
 * fires in every other tab of the origin). A tab with no edits of its own since it last read or
 * wrote the entry follows the other; when both have edits, this tab keeps its own, the other's
 * version is kept in a second entry (recoverable), and the user is told.
 */
import { create } from 'zustand'
import type { WorkspaceStore } from './create-workspace-store.ts'
import type { KeyValueBackend, SavedWorkspace, WorkspaceStorage } from './persistence.ts'
import { OTHER_TAB_KEY, WORKSPACE_KEY, decode } from './persistence.ts'

export { OTHER_TAB_KEY }

export interface OtherTabVersion {
  readonly text: string
  readonly at: number
}

export interface TabSyncOptions {
  /** Where `storage` events arrive (the window). */
  readonly target: EventTarget
  readonly workspace: WorkspaceStore
  readonly storage: WorkspaceStorage
  /** Holds the other tab's version when both have edits. */
  readonly backend: KeyValueBackend | undefined
  /** Called when both tabs had edits and the other's version was kept aside. */
  readonly onConflict: (theirs: OtherTabVersion) => void
  readonly now?: () => number
}

/** Starts following; returns the function that stops it. */
export function followOtherTabs(o: TabSyncOptions): () => void {
  const onStorage = (e: Event): void => {
    const { key, newValue } = e as StorageEvent
    if (key !== WORKSPACE_KEY || newValue === null) return
    let theirs: SavedWorkspace | null
    try {
      theirs = decode(newValue)
    } catch {
      return
    }
    if (!theirs) return
    const ours = o.workspace.getState().text
    if (theirs.text === ours) return
    const persisted = o.storage.lastPersisted?.() ?? null
    if (persisted === null || ours === persisted) {
      // Nothing of ours is unsaved: follow the other tab (as one undoable edit in the editor).
      o.storage.notePersisted?.(theirs.text)
      o.workspace.getState().commitText({ text: theirs.text, origin: 'script' })
      o.workspace.getState().notify({ kind: 'info', text: 'Updated from another tab' })
      return
    }
    const kept = keepOtherVersion(o.backend, theirs.text, (o.now ?? Date.now)())
    o.onConflict(kept)
  }
  o.target.addEventListener('storage', onStorage)
  return () => o.target.removeEventListener('storage', onStorage)
}

/** Stores the other tab's text aside (best effort: without storage it stays in memory only). */
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

/** The other tab's version this tab was told about (for the banner), or null. */
export const useOtherTab = create<{ version: OtherTabVersion | null; set(v: OtherTabVersion | null): void }>()((set) => ({
  version: null,
  set: (version) => set({ version }),
}))
