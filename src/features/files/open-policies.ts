/**
 * Opened policy files into the workspace, each under its `# file:` header. Replacing goes through
 * the store's requestReplace (which asks when unsaved edits would be lost); adding appends the files
 * to what is there as one undoable edit, a file opened again replacing its earlier copy.
 */
import { addWorkspaceFiles } from '../../domain/files/add-files.ts'
import { joinWorkspaceFiles } from '../../domain/files/workspace-files.ts'
import type { WorkspaceFile } from '../../domain/files/workspace-files.ts'
import { useWorkspace } from '../../store/workspace-store.ts'

const count = (files: readonly WorkspaceFile[]): string => (files.length === 1 ? files[0]!.path : `${files.length} files`)

export function replaceWithFiles(files: readonly WorkspaceFile[], source = 'files'): Promise<boolean> {
  return useWorkspace.getState().requestReplace({
    prompt: {
      title: `Open ${count(files)}?`,
      message: 'Your unsaved edits in the current workspace will be replaced. You can undo with Ctrl+Z in the editor.',
      confirmLabel: 'Replace workspace',
    },
    origin: 'load',
    source,
    load: () => joinWorkspaceFiles(files),
  })
}

export function addFiles(files: readonly WorkspaceFile[]): void {
  const store = useWorkspace.getState()
  store.commitText({ text: addWorkspaceFiles(store.text, files), origin: 'script' })
  store.notify({ kind: 'info', text: `Added ${count(files)} to the workspace` })
}

/** An empty workspace takes the files at once; otherwise the user chooses add or replace. */
export function needsChoice(): boolean {
  return useWorkspace.getState().text.trim() !== ''
}
