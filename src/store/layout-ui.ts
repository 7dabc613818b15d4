/**
 * Which panes are open: the YAML editor beside the graph, the bottom panel under it, the Settings
 * panel. The shell's resizable panels follow this store (and write back when the user drags a
 * pane shut), so toolbar buttons, keys and drags agree.
 */
import { create } from 'zustand'

export interface LayoutUi {
  editorCollapsed: boolean
  bottomCollapsed: boolean
  settingsOpen: boolean
  setEditorCollapsed(collapsed: boolean): void
  setBottomCollapsed(collapsed: boolean): void
  openSettings(open: boolean): void
}

export const useLayoutUi = create<LayoutUi>()((set) => ({
  editorCollapsed: false,
  bottomCollapsed: false,
  settingsOpen: false,
  setEditorCollapsed: (editorCollapsed) => set({ editorCollapsed }),
  setBottomCollapsed: (bottomCollapsed) => set({ bottomCollapsed }),
  openSettings: (settingsOpen) => set({ settingsOpen }),
}))
