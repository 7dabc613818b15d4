/**
 * The imported cluster inventory (`kubectl get pods,namespaces[,services,nodes] -A -o json|yaml`):
 * read by the evaluator (worker/inventory-command.ts), its namespace labels drawn on the graph
 * beside the flows' ones, and kept across reloads like the capture (IndexedDB, with a cap).
 * `membrane serve --inventory` hands its file in the same way, without keeping it in the browser.
 */
import { createStore } from 'zustand/vanilla'
import type { StoreApi } from 'zustand/vanilla'
import type { ClusterView } from '../domain/inventory/index.ts'
import type { Evaluator } from '../worker/evaluator-client.ts'
import type { InventorySummary } from '../worker/inventory-command.ts'
import type { EvaluationStore } from './create-evaluation-store.ts'
import type { WorkspaceStore } from './create-workspace-store.ts'
import type { FlowPersistence, SavedFile } from './flows-persistence.ts'

/** A file of the inventory: its name and its text. */
export interface InventoryFile {
  readonly name: string
  readonly text: string
}

export interface InventoryState {
  /** What the evaluator read; null when none is imported. */
  loaded: InventorySummary | null
  busy: boolean
  /** Why the last import failed (a file could not be read); problems in the text are in `loaded`. */
  error: string | null
  /** Why it will not survive a reload (too big to keep, storage refused), when it will not. */
  note: string | null
  /** Replaces the inventory with these files (read as one: a pods dump and a namespaces dump, say). */
  importTexts(files: readonly InventoryFile[], options?: { readonly persist?: boolean }): Promise<InventorySummary | null>
  importFiles(files: readonly SavedFile[]): Promise<InventorySummary | null>
  clear(): Promise<void>
  /** Imports the demo cluster's inventory (the pods of the demo workspace and its recorded flows). */
  loadDemo(): Promise<InventorySummary | null>
  /** The capture's workloads merged with the inventory's (the Cluster tab); null until asked for. */
  view: ClusterView | null
  /** Asks the evaluator for `view` again (the tab does when the flows or the inventory change). */
  refreshView(): Promise<void>
}

export type InventoryStore = StoreApi<InventoryState>

export interface InventoryStoreOptions {
  readonly workspace: WorkspaceStore
  readonly evaluation: EvaluationStore
  readonly evaluator: Evaluator
  /** Where the inventory is kept across reloads (IndexedDB in the app; none in tests or when served). */
  readonly persistence?: FlowPersistence | null
  /** The demo cluster's `kubectl get pods,namespaces,services,nodes -A -o json`, for "Load demo inventory". */
  readonly demoInventory?: () => Promise<string>
}

/** A dump of a few thousand pods is tens of megabytes; past this it is imported again after a reload. */
export const INVENTORY_STORE_CAP_BYTES = 64 * 1024 * 1024

const count = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`

/** `42 pods · 5 namespaces · 3 services · 2 nodes` (services and nodes only when there are some). */
export function inventoryCounts(s: Pick<InventorySummary, 'pods' | 'namespaces' | 'services' | 'nodes'>): string {
  return [count(s.pods, 'pod'), count(s.namespaces, 'namespace'), ...(s.services > 0 ? [count(s.services, 'service')] : []),
    ...(s.nodes > 0 ? [count(s.nodes, 'node')] : [])].join(' · ')
}

const textsOf = (files: readonly SavedFile[]): Promise<InventoryFile[]> =>
  Promise.all(files.map(async (f) => ({ name: f.name, text: await f.blob.text() })))

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err))

export function createInventoryStore(options: InventoryStoreOptions): InventoryStore {
  const { workspace, evaluation, evaluator, persistence = null } = options
  let asked = 0
  return createStore<InventoryState>()((set, get) => ({
    loaded: null,
    busy: false,
    error: null,
    note: null,
    view: null,
    async refreshView() {
      // Only the last question's answer is shown: a load that finished meanwhile asked again.
      const mine = ++asked
      try {
        const view = await evaluator.call({ type: 'clusterView' }, { timeoutMs: 120_000 })
        if (mine === asked) set({ view })
      } catch (err) {
        if (mine === asked) set({ error: `Could not list the cluster's workloads: ${message(err)}` })
      }
    },
    async importTexts(files, { persist = true } = {}) {
      set({ busy: true, error: null })
      try {
        const loaded = await evaluation.getState().setInventory({ files })
        workspace.getState().setNamespaceLabels(loaded?.namespaceLabels ?? {}, 'inventory')
        const note = persist && persistence
          ? await persistence.save(files.map((f) => ({ name: f.name, blob: new Blob([f.text], { type: 'text/plain' }) })))
          : null
        set({ loaded, busy: false, note })
        return loaded
      } catch (err) {
        set({ busy: false, error: `Could not import ${files.map((f) => f.name).join(', ')}: ${message(err)}` })
        return null
      }
    },
    async importFiles(files) {
      let texts: InventoryFile[]
      try {
        texts = await textsOf(files)
      } catch (err) {
        set({ error: `Could not read ${files.map((f) => f.name).join(', ')}: ${message(err)}` })
        return null
      }
      const loaded = await get().importTexts(texts)
      // Picked or dropped by the user: say what was read (the Cluster tab has the rest).
      const { error } = get()
      if (error) workspace.getState().notify({ kind: 'error', text: error })
      else if (loaded) workspace.getState().notify({ kind: 'info', text: `Cluster inventory ${loaded.name}: ${inventoryCounts(loaded)}` })
      return loaded
    },
    async loadDemo() {
      if (!options.demoInventory) return null
      return get().importTexts([{ name: 'demo-cluster.json', text: await options.demoInventory() }])
    },
    async clear() {
      set({ busy: true, error: null })
      try {
        await evaluation.getState().setInventory(null)
      } catch (err) {
        set({ error: `Could not remove the inventory: ${message(err)}` })
      }
      workspace.getState().setNamespaceLabels({}, 'inventory')
      await persistence?.clear()
      set({ loaded: null, busy: false, note: null })
    },
  }))
}

/** Starts the store on the inventory kept from the last visit, if any. */
export async function restoreInventory(store: InventoryStore, persistence: FlowPersistence | null): Promise<boolean> {
  const files = await persistence?.load()
  if (!files) return false
  return (await store.getState().importTexts(await textsOf(files), { persist: false })) !== null
}
