/** Runs the registry's actions by their keys while a surface is mounted. */
import { useEffect } from 'react'
import { ACTIONS } from './index.ts'
import { actionForKey } from './keys.ts'
import type { ActionContext } from './types.ts'

/** Keys typed into the editor, a form field or a dialog belong to them, not to shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  if (!el || typeof el.closest !== 'function') return false
  return el.closest('input, textarea, select, [contenteditable="true"], .monaco-editor, [role="dialog"]') !== null
}

/** Listens on the window; `context` is asked at each key press, so it sees the current selection. */
export function useActionShortcuts(scope: 'graph' | 'app', context: () => ActionContext): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const typing = isTypingTarget(e.target)
      // Only modifier keys can be `inFields` shortcuts: a plain key typed in a field is text.
      if (typing && !(e.ctrlKey || e.metaKey)) return
      const ctx = context()
      const hit = actionForKey(ACTIONS, e, ctx, scope)
      if (!hit || (typing && !hit.inFields)) return
      if (!hit.keepDefault) e.preventDefault()
      hit.perform(ctx, '')
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [scope, context])
}
