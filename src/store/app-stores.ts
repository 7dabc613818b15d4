/**
 * The app's stores: `createAppStores` makes one set (a test may make as many as it likes);
 * the app installs the set it made at start-up, and the hooks (`useWorkspace`, `useEvaluation`)
 * and gesture functions reach the installed set.
 */
import type { Evaluator } from '../worker/evaluator-client.ts'
import { createEvaluationStore } from './create-evaluation-store.ts'
import type { EvaluationStore } from './create-evaluation-store.ts'
import { createLintStore } from './create-lint-store.ts'
import type { LintStore } from './create-lint-store.ts'
import { createWorkspaceStore } from './create-workspace-store.ts'
import type { WorkspaceStore, WorkspaceStoreOptions } from './create-workspace-store.ts'
import { createFlowsStore } from './create-flows-store.ts'
import type { FlowsStore } from './create-flows-store.ts'
import type { FlowPersistence } from './flows-persistence.ts'
import { createInventoryStore } from './create-inventory-store.ts'
import type { InventoryStore } from './create-inventory-store.ts'
import { createRolloutStore } from './create-rollout-store.ts'
import type { RolloutStore } from './create-rollout-store.ts'

export interface AppStores {
  readonly workspace: WorkspaceStore
  readonly evaluation: EvaluationStore
  readonly lint: LintStore
  /** The loaded capture as the flows table and the graph overlay show it. */
  readonly flows: FlowsStore
  /** The evaluator the stores share (live flows from `membrane serve` go to it directly). */
  readonly evaluator: Evaluator
  /** The Rollout panel's report, the expectations' results, drafts from flows. */
  readonly rollout: RolloutStore
  /** The imported cluster inventory. */
  readonly inventory: InventoryStore
  /** Stops timers and following; the evaluator stays the caller's to dispose. */
  dispose(): void
}

export interface AppStoreOptions extends WorkspaceStoreOptions {
  readonly evaluator: Evaluator
  readonly syncDelayMs?: number
  /** Where the loaded capture is kept across reloads (IndexedDB in the app; none in tests). */
  readonly flowPersistence?: FlowPersistence | null
  /** Where the imported inventory is kept across reloads (IndexedDB in the app; none in tests). */
  readonly inventoryPersistence?: FlowPersistence | null
  /** The demo cluster's inventory, for "Load demo inventory". */
  readonly demoInventory?: () => Promise<string>
  /** The demo's flow recording, for "Load demo flows". */
  readonly demoFlows?: () => Promise<string>
}

export function createAppStores(options: AppStoreOptions): AppStores {
  const workspace = createWorkspaceStore(options)
  const evaluation = createEvaluationStore({ workspace, evaluator: options.evaluator, syncDelayMs: options.syncDelayMs })
  const lint = createLintStore({ workspace, evaluation, evaluator: options.evaluator })
  const flows = createFlowsStore({
    workspace,
    evaluation,
    evaluator: options.evaluator,
    persistence: options.flowPersistence ?? null,
    ...(options.demoFlows && { demoFlows: options.demoFlows }),
  })
  const rollout = createRolloutStore({ evaluation, evaluator: options.evaluator })
  const inventory = createInventoryStore({ workspace, evaluation, evaluator: options.evaluator,
    persistence: options.inventoryPersistence ?? null, ...(options.demoInventory && { demoInventory: options.demoInventory }) })
  return {
    workspace,
    evaluation,
    lint,
    flows,
    evaluator: options.evaluator,
    rollout,
    inventory,
    dispose() {
      rollout.getState().dispose()
      lint.getState().dispose()
      flows.getState().dispose()
      evaluation.getState().dispose()
      workspace.getState().dispose()
    },
  }
}

let installed: AppStores | null = null

/** Makes `stores` the ones the hooks read; the app calls it once, before it renders. */
export function installStores(stores: AppStores): void {
  installed = stores
}

export function appStores(): AppStores {
  if (!installed) throw new Error('no stores installed: call installStores(createAppStores(…)) before rendering')
  return installed
}
