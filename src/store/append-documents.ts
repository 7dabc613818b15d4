/** Appends YAML documents at the end of the workspace as one gesture edit: one undo step in the editor. */
import { useWorkspace } from './workspace-store.ts'

export function appendDocuments(yaml: string, description: string): void {
  const ws = useWorkspace.getState()
  const text = ws.text
  const sep = text.trim() === '' ? '' : `${text.endsWith('\n') ? '' : '\n'}---\n`
  const insert = `${sep}${yaml}`
  ws.commitText({ text: text + insert, origin: 'gesture', edits: [{ start: text.length, end: text.length, text: insert }] })
  ws.notify({ kind: 'info', text: description })
}
