/**
 * Files in and out: open (Ctrl+O) and save (Ctrl+S). Save hands the text to the registered
 * SaveTarget (`membrane serve` writes the changed files back) and downloads otherwise. The pickers
 * and the download are DOM work that lives in the files feature, which registers them here while
 * it is mounted (as the YAML pane registers the editor port).
 */
import { getSaveTarget } from '../store/save-target.ts'
import { useWorkspace } from '../store/workspace-store.ts'
import type { Action } from './types.ts'

export interface FileCommands {
  /** Opens the file picker (YAML/JSON policies, or Hubble captures, routed by content). */
  openFiles(): void
  openFolder(): void
  /** Opens the picker whose files are imported as the cluster inventory, whatever they look like. */
  importInventory(): void
  /** Downloads the workspace as one YAML file. */
  download(): void
}

let commands: FileCommands | null = null

/** Called by the files feature on mount; returns the matching unregister. */
export function registerFileCommands(next: FileCommands): () => void {
  commands = next
  return () => {
    if (commands === next) commands = null
  }
}

export const openFiles: Action = {
  id: 'open-files',
  label: 'Open files…',
  title: 'Open policy YAML/JSON files (or Hubble flow captures) from disk',
  group: 'workspace',
  shortcuts: [{ key: 'o', mod: true, shift: false }],
  scope: 'app',
  inFields: true,
  enabled: () => commands !== null,
  perform: () => commands?.openFiles(),
}

export const openFolder: Action = {
  id: 'open-folder',
  label: 'Open folder…',
  title: 'Open every YAML/JSON file of a folder, each under a header naming it',
  group: 'workspace',
  enabled: () => commands !== null,
  perform: () => commands?.openFolder(),
}

export const importInventory: Action = {
  id: 'import-inventory',
  label: 'Import cluster inventory…',
  title: 'kubectl get pods,namespaces,services,nodes -A -o json (or yaml): namespace labels, named ports, Services and nodes for the evaluator; nothing is uploaded',
  group: 'workspace',
  enabled: () => commands !== null,
  perform: () => commands?.importInventory(),
}

export const saveWorkspace: Action = {
  id: 'save-workspace',
  label: () => (getSaveTarget() ? 'Save' : 'Download'),
  title: 'Save the workspace: back to its files under `membrane serve`, else download it as YAML',
  group: 'workspace',
  shortcuts: [{ key: 's', mod: true, shift: false }],
  scope: 'app',
  inFields: true,
  enabled: () => true,
  perform: () => {
    const target = getSaveTarget()
    if (!target) {
      commands?.download()
      return
    }
    const store = useWorkspace.getState()
    target.save(store.text).then(
      (outcome) => store.notify({ kind: outcome.ok ? 'info' : 'error', text: outcome.message }),
      (err: unknown) => store.notify({ kind: 'error', text: `Save failed: ${err instanceof Error ? err.message : String(err)}` }),
    )
  },
}
