/**
 * The graph the panes show: the model's graph plus palette drafts. The store keeps it as one
 * object per model/drafts pair, so every pane reading `useWorkspace(selectDisplayGraph)` shares it.
 */
import type { GraphModel } from '../domain/graph/index.ts'
import type { WorkspaceState } from './workspace-types.ts'

export function selectDisplayGraph(state: Pick<WorkspaceState, 'displayGraph'>): GraphModel {
  return state.displayGraph
}
