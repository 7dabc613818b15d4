/** Picked or dropped files to where they belong: policies into the workspace (asking add or replace), captures to the flows store. */
import type { WorkspaceFile } from '../../domain/files/workspace-files.ts'
import { useFlows } from '../../store/flows-store.ts'
import { useInventory } from '../../store/inventory-store.ts'
import type { SavedFile } from '../../store/flows-persistence.ts'
import { say } from './file-commands.ts'
import { useFileUi } from './file-ui.ts'
import { needsChoice, replaceWithFiles } from './open-policies.ts'
import { droppedFiles, sortFiles } from './read-files.ts'
import type { PickedFile } from './read-files.ts'

/** Policies go in at once into an empty workspace; otherwise the user picks add or replace. */
export function offerPolicies(files: readonly WorkspaceFile[]): void {
  if (files.length === 0) return
  if (needsChoice()) useFileUi.getState().set({ pending: files })
  else replaceWithFiles(files).catch((err: unknown) => say(String(err), 'error'))
}

async function route(picked: readonly PickedFile[]): Promise<SavedFile[]> {
  const sorted = await sortFiles(picked)
  const taken = sorted.policies.length + sorted.flows.length + sorted.inventories.length
  if (sorted.skipped.length > 0) say(`Left out: ${sorted.skipped.join('; ')}`, taken === 0 ? 'error' : 'info')
  else if (picked.length > 0 && taken === 0) say('No YAML or JSON policy file in what was opened.', 'error')
  offerPolicies(sorted.policies)
  if (sorted.inventories.length > 0) void importInventory(sorted.inventories)
  return sorted.flows
}

/** Cluster inventories replace the imported one (the store says what it read; the Cluster tab shows it). */
export async function importInventory(files: readonly SavedFile[]): Promise<void> {
  await useInventory.getState().importFiles(files)
}

/** From the file or folder picker: flows are loaded here too. */
export async function openPicked(picked: readonly PickedFile[]): Promise<void> {
  const flows = await route(picked)
  if (flows.length > 0) await useFlows.getState().loadFiles(flows)
}

/** For the page's drop target: takes the drop's entries now, answers the captures for the flows store. */
export function routeDrop(dt: DataTransfer): Promise<SavedFile[]> {
  return droppedFiles(dt)
    .then(route)
    .catch((err: unknown) => {
      say(`The dropped files could not be read: ${err instanceof Error ? err.message : String(err)}`, 'error')
      return []
    })
}
