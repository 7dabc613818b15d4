/** Drag-and-drop of flow files anywhere on the page: they load (merged) like the picker's. */
import { useEffect, useState } from 'react'
import { useFlows } from '../../store/flows-store.ts'
import { filesOf } from '../../store/flows-persistence.ts'
import type { SavedFile } from '../../store/flows-persistence.ts'

const carriesFiles = (e: DragEvent): boolean => Array.from(e.dataTransfer?.types ?? []).includes('Files')

/**
 * Listens on the window; returns whether files are being dragged over the page (for a hint).
 * `route` (from the app: the files feature) takes the drop first, opens the policy files and folders
 * it holds and answers the flow captures; without it every dropped file loads as flows.
 */
export function useFlowDrop(route?: (dt: DataTransfer) => Promise<SavedFile[]>): boolean {
  const [over, setOver] = useState(false)
  useEffect(() => {
    let depth = 0
    const enter = (e: DragEvent): void => {
      if (!carriesFiles(e)) return
      depth++
      setOver(true)
    }
    const leave = (e: DragEvent): void => {
      if (!carriesFiles(e)) return
      depth = Math.max(0, depth - 1)
      if (depth === 0) setOver(false)
    }
    const overFn = (e: DragEvent): void => {
      if (carriesFiles(e)) e.preventDefault()
    }
    const drop = (e: DragEvent): void => {
      if (!carriesFiles(e)) return
      // Captured before the editor sees it: a dropped capture is flows, not text to paste.
      e.preventDefault()
      e.stopPropagation()
      depth = 0
      setOver(false)
      const load = (files: readonly SavedFile[]): void => {
        if (files.length > 0) void useFlows.getState().loadFiles(files)
      }
      if (route && e.dataTransfer) route(e.dataTransfer).then(load, () => undefined)
      else load(filesOf(e.dataTransfer?.files))
    }
    window.addEventListener('dragenter', enter, true)
    window.addEventListener('dragleave', leave, true)
    window.addEventListener('dragover', overFn, true)
    window.addEventListener('drop', drop, true)
    return () => {
      window.removeEventListener('dragenter', enter, true)
      window.removeEventListener('dragleave', leave, true)
      window.removeEventListener('dragover', overFn, true)
      window.removeEventListener('drop', drop, true)
    }
  }, [route])
  return over
}
