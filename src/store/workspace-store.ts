/**
 * The workspace hook the panes use: `useWorkspace(selector)` in components,
 * `useWorkspace.getState()` in handlers. The store itself is made by `createWorkspaceStore`.
 */
import { appStores } from './app-stores.ts'
import { bindStore } from './bound-store.ts'
import type { WorkspaceState } from './workspace-types.ts'

export type { ExternalText, Notice, TextOrigin, WorkspaceState } from './workspace-types.ts'

export const useWorkspace = bindStore<WorkspaceState>(() => appStores().workspace)
