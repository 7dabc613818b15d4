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

export interface AppStores {
  readonly workspace: WorkspaceStore
  readonly evaluation: EvaluationStore
  readonly lint: LintStore
  /** Stops timers and following; the evaluator stays the caller's to dispose. */
  dispose(): void
}

export interface AppStoreOptions extends WorkspaceStoreOptions {
  readonly evaluator: Evaluator
  readonly syncDelayMs?: number
}

export function createAppStores(options: AppStoreOptions): AppStores {
  const workspace = createWorkspaceStore(options)
  const evaluation = createEvaluationStore({ workspace, evaluator: options.evaluator, syncDelayMs: options.syncDelayMs })
  const lint = createLintStore({ workspace, evaluation, evaluator: options.evaluator })
  return {
    workspace,
    evaluation,
    lint,
    dispose() {
      lint.getState().dispose()
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
