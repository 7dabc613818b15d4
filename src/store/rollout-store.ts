/** The rollout hook the panes use; the store itself is made by `createRolloutStore`. */
import { appStores } from './app-stores.ts'
import { bindStore } from './bound-store.ts'
import type { RolloutState } from './create-rollout-store.ts'

export type { DraftPolicyView, ExpectationRow, ExpectationsAnswer, GenerateAnswer, GenerateScope, RolloutState } from './create-rollout-store.ts'

export const useRollout = bindStore<RolloutState>(() => appStores().rollout)
