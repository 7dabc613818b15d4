/**
 * The page's imported cluster inventory (`kubectl get pods,namespaces[,services,nodes] -A -o json|yaml`),
 * kept in the worker beside the flows: it gives the evaluator what the CLI's `--inventory` gives
 * (Services, nodes, named ports, labels of pods a masked flow lost), the lints the pods no flow
 * showed, the Trace panel the pods it can resolve, and the graph the namespace labels for KNP
 * namespaceSelector peers (§8.2). Parsed here, never on the main thread: a big cluster's dump
 * is tens of megabytes.
 */
import type { NamespaceLabels } from '../domain/graph/index.ts'
import { namespaceLabelsOfInventory } from '../domain/graph/index.ts'
import type { InventoryEngineFacts, InventoryIndex, InventoryParseResult, InventoryProblem } from '../domain/inventory/index.ts'
import { indexInventory, inventoryEngineFacts, parseInventory } from '../domain/inventory/index.ts'
import type { PeerFacts } from '../domain/trace/index.ts'

/** One or more files (a pods dump and a namespaces dump, say), read as one inventory. */
export interface InventoryInput {
  readonly files: readonly { readonly name: string; readonly text: string }[]
}

export interface LoadedInventory {
  /** The files' names, for the page to show. */
  readonly name: string
  readonly input: InventoryInput
  /** The cluster name the pods' identity labels were built with (§1.3): a change re-reads the text. */
  readonly clusterName: string | undefined
  readonly result: InventoryParseResult
  readonly index: InventoryIndex
  readonly facts: InventoryEngineFacts
}

/** What the page shows of an imported inventory. */
export interface InventorySummary {
  readonly name: string
  readonly pods: number
  readonly namespaces: number
  readonly services: number
  readonly nodes: number
  /** Problems in the files' texts; `file` names the one a problem is in. */
  readonly problems: readonly (InventoryProblem & { readonly file?: string })[]
  readonly namespaceLabels: NamespaceLabels
}

export function readInventory(input: InventoryInput, clusterName: string | undefined): LoadedInventory {
  const result = parseInventory(input.files.map((f) => f.text), clusterName !== undefined ? { clusterName } : {})
  const name = input.files.map((f) => f.name).join(', ')
  return { name, input, clusterName, result, index: indexInventory(result.inventory), facts: inventoryEngineFacts(result.inventory) }
}

/** The same inventory under another cluster name (the agent settings changed), or itself. */
export function forCluster(loaded: LoadedInventory | null, clusterName: string | undefined): LoadedInventory | null {
  if (!loaded || loaded.clusterName === clusterName) return loaded
  return readInventory(loaded.input, clusterName)
}

export function inventorySummary(loaded: LoadedInventory): InventorySummary {
  const inv = loaded.result.inventory
  return {
    name: loaded.name,
    pods: inv.pods.length,
    namespaces: inv.namespaces.length,
    services: inv.services.length,
    nodes: inv.nodes.length,
    // A list of a thousand warnings helps nobody: the first ones, and the count is in the message.
    problems: loaded.result.problems.slice(0, 50).map((p) => {
      const file = p.input !== undefined ? loaded.input.files[p.input]?.name : loaded.input.files.length === 1 ? loaded.input.files[0].name : undefined
      return file !== undefined ? { ...p, file } : p
    }),
    namespaceLabels: namespaceLabelsOfInventory(inv),
  }
}

export function inventoryPeerFacts(loaded: LoadedInventory | null, clusterName: string | undefined): PeerFacts {
  return {
    ...(loaded && { inventory: { index: loaded.index, pods: loaded.result.inventory.pods } }),
    ...(clusterName !== undefined && { clusterName }),
  }
}
