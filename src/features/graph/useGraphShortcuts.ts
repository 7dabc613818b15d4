/**
 * Keyboard on the graph: Delete removes the selected rule, Ctrl+Z / Ctrl+Shift+Z undo and redo
 * through the editor's undo stack (one stack for both panes), Escape clears the selection, F fits
 * the view, / searches nodes, Tab moves to the editor. Keys typed into the editor or a form field
 * are left alone.
 */
import { useEffect } from 'react'
import { editorHandle } from '../yaml/editor-handle.ts'
import { useWorkspace } from '../../store/workspace-store.ts'

export interface GraphShortcutHandlers {
  deleteSelection(): void
  fit(): void
  search(): void
}

export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  if (!el || typeof el.closest !== 'function') return false
  return el.closest('input, textarea, select, [contenteditable="true"], .monaco-editor, [role="dialog"]') !== null
}

export function useGraphShortcuts(handlers: GraphShortcutHandlers): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (isTypingTarget(e.target)) return
      const mod = e.ctrlKey || e.metaKey
      const key = e.key.toLowerCase()
      if (mod && key === 'z') {
        e.preventDefault()
        editorHandle()?.trigger('keyboard', e.shiftKey ? 'redo' : 'undo', null)
      } else if (mod && key === 'y') {
        e.preventDefault()
        editorHandle()?.trigger('keyboard', 'redo', null)
      } else if (mod || e.altKey) {
        return
      } else if (e.key === 'Delete' || e.key === 'Backspace') {
        e.preventDefault()
        handlers.deleteSelection()
      } else if (e.key === 'Escape') {
        useWorkspace.getState().select(null)
      } else if (key === 'f') {
        e.preventDefault()
        handlers.fit()
      } else if (e.key === '/') {
        e.preventDefault()
        handlers.search()
      } else if (e.key === 'Tab' && !e.shiftKey) {
        const ed = editorHandle()
        if (ed) {
          e.preventDefault()
          ed.focus()
        }
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [handlers])
}
