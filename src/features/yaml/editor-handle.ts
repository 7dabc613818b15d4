/**
 * The mounted editor, for the few app-level actions that must go through Monaco's undo stack
 * (undo/redo from the toolbar). Kept out of the store: an editor is not state.
 */
import type { editor } from 'monaco-editor/editor'

let current: editor.IStandaloneCodeEditor | null = null

export function setEditorHandle(e: editor.IStandaloneCodeEditor | null): void {
  current = e
}

export function editorHandle(): editor.IStandaloneCodeEditor | null {
  return current
}
