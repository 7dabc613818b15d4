/**
 * The graph the panes show: the model's graph plus palette drafts. Memoized on its two inputs,
 * so every pane reading it through `useWorkspace(selectDisplayGraph)` shares one merged graph.
 */
import type { GraphModel } from '../domain/graph/index.ts'
import { mergeDrafts } from './drafts.ts'
import type { WorkspaceState } from './workspace-store.ts'

let last: { graph: GraphModel; drafts: WorkspaceState['drafts']; merged: GraphModel } | null = null

export function selectDisplayGraph(state: Pick<WorkspaceState, 'model' | 'drafts'>): GraphModel {
  const graph = state.model.graph
  if (last?.graph !== graph || last.drafts !== state.drafts) {
    last = { graph, drafts: state.drafts, merged: mergeDrafts(graph, state.drafts) }
  }
  return last.merged
}
