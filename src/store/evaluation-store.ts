/** The evaluation hook the panes use; the store itself is made by `createEvaluationStore`. */
import { appStores } from './app-stores.ts'
import { bindStore } from './bound-store.ts'
import type { EvaluationState } from './create-evaluation-store.ts'

export type { EvaluationState } from './create-evaluation-store.ts'

export const useEvaluation = bindStore<EvaluationState>(() => appStores().evaluation)
