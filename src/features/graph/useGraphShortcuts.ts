/**
 * Keyboard on the cluster map: the registry's graph actions by their keys (Delete, Ctrl+Z /
 * Ctrl+Shift+Z, Escape, F, /, Tab — declared in `src/actions/`), applied to the selection.
 */
import { useCallback } from 'react'
import { targetOfSelection } from '../../actions/index.ts'
import type { ActionContext, GraphViewControls } from '../../actions/index.ts'
import { useActionShortcuts } from '../../actions/useActionShortcuts.ts'
import type { GraphModel } from '../../domain/graph/index.ts'
import { useWorkspace } from '../../store/workspace-store.ts'

export function useGraphShortcuts(graph: GraphModel, view: GraphViewControls, confirm: ActionContext['confirm']): void {
  const context = useCallback((): ActionContext => {
    const { selection, drafts } = useWorkspace.getState()
    return { target: targetOfSelection(selection, graph, drafts), confirm, graph: view }
  }, [graph, view, confirm])
  useActionShortcuts('graph', context)
}
