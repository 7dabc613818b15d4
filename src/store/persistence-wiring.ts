/**
 * Joins the workspace store to the storage `loadPersistedWorkspace` opened: background write
 * outcomes reach the toolbar's "Autosave off" and a notice (never a silent loss), other tabs'
 * saves are followed or kept aside (tab-sync.ts), and leaving the page saves, keeps a synchronous
 * copy of a write still in flight, and warns when the latest text is not kept anywhere.
 */
import type { WorkspaceStore } from './create-workspace-store.ts'
import type { PersistedWorkspace } from './persistence-idb.ts'
import { followOtherTabs, useOtherTab } from './tab-sync.ts'

export interface PageEvents {
  addEventListener(type: string, fn: (e: Event) => void): void
}

export function connectPersistence(workspace: WorkspaceStore, persisted: PersistedWorkspace, page: PageEvents, documentEvents: PageEvents & { visibilityState?: string }): void {
  const { storage } = persisted
  if (persisted.notice) workspace.getState().notify(persisted.notice)
  if (storage.where === 'none') workspace.setState({ autosaveOk: false })
  storage.onStatus(({ ok, message }) => {
    workspace.setState({ autosaveOk: ok })
    if (message) workspace.getState().notify(message)
  })
  useOtherTab.setState({ keep: (text) => storage.keepOther(text) })
  followOtherTabs({ workspace, storage, otherTabSaves: (fn) => storage.onOtherTab(fn), keepAside: (text) => storage.keepOther(text),
    onConflict: (v) => useOtherTab.getState().set(v) })
  const saveNow = (): void => workspace.getState().saveNow()
  const secure = (): boolean => {
    saveNow()
    const text = workspace.getState().text
    return storage.secureForUnload ? storage.secureForUnload(text) : storage.lastPersisted?.() === text
  }
  page.addEventListener('pagehide', () => void secure())
  // The latest text not kept anywhere (quota, storage refused): ask before the tab goes.
  page.addEventListener('beforeunload', (e) => {
    if (!secure()) e.preventDefault()
  })
  documentEvents.addEventListener('visibilitychange', () => {
    if (documentEvents.visibilityState === 'hidden') saveNow()
  })
}
