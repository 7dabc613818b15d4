/**
 * Ctrl+S (⌘S) saves to the folder while the page is served, and the outcome shows in the serve bar
 * beside its Save button. It runs in the capture phase and stops the event, so the app-wide Save
 * action (file-actions.ts, which calls the same SaveTarget from the File menu) never saves twice.
 */
import { useEffect, useRef } from 'react'

export function useSaveShortcut(enabled: boolean, save: () => void): void {
  const ref = useRef(save)
  useEffect(() => {
    ref.current = save
  })
  useEffect(() => {
    if (!enabled) return
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.key.toLowerCase() !== 's') return
      // Captured before Monaco and the browser's "Save page as".
      e.preventDefault()
      e.stopPropagation()
      ref.current()
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [enabled])
}
