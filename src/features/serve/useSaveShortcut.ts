/**
 * Ctrl+S (⌘S) saves to the folder while the page is served. The app-wide Save action calls the
 * registered SaveTarget (save-target.ts) as well; until that action exists this is the key's
 * only handler, and it is the one line to drop once it does.
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
