/** The flows hook the panes use; the store itself is made by `createFlowsStore`. */
import { appStores } from './app-stores.ts'
import { bindStore } from './bound-store.ts'
import type { FlowsState } from './create-flows-store.ts'

export type { FlowsState, ShowEdges } from './create-flows-store.ts'

export const useFlows = bindStore<FlowsState>(() => appStores().flows)
