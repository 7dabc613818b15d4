/**
 * Graph gestures → YAML edits, as workspace actions. The text stays the truth: a gesture is
 * computed against the current text and its parse, committed as one `gesture` edit (one undo step
 * in the editor) together with the parse the gesture's safety check already made, and the new
 * edge is selected so the change is revealed.
 */
import { applyGesture } from '../domain/edits/index.ts'
import type { EditResult } from '../domain/edits/index.ts'
import type { WorkspaceState } from './workspace-types.ts'

type GestureActions = Pick<WorkspaceState, 'previewGesture' | 'commitOutcome' | 'runGesture'>

export function gestureActions(get: () => WorkspaceState): GestureActions {
  const actions: GestureActions = {
    previewGesture(gesture) {
      get().flushParse()
      const { text, model } = get()
      if (model.stale) return { error: 'The YAML does not parse; fix it before editing on the graph.' }
      return applyGesture(text, model.parse, gesture)
    },
    commitOutcome(outcome, reveal = true): outcome is EditResult {
      const state = get()
      if ('error' in outcome) {
        state.notify({ kind: 'error', text: outcome.error })
        return false
      }
      const before = new Set(state.model.graph.edges.map((e) => e.id))
      state.commitText({ text: outcome.text, origin: 'gesture', edits: outcome.edits, parse: outcome.parse })
      state.notify({ kind: outcome.warning ? 'warning' : 'info', text: outcome.warning ?? outcome.description })
      // Reveal what the gesture wrote: the first rule edge that was not there before. (After a
      // deletion, later rules shift to new paths, so there is nothing to reveal.)
      const { model, select } = get()
      if (!reveal) {
        select(null)
        return true
      }
      const added = model.graph.edges.find((e) => !before.has(e.id))
      if (added) select({ kind: 'edge', id: added.id, from: 'graph' })
      return true
    },
    runGesture(gesture) {
      return actions.commitOutcome(actions.previewGesture(gesture), gesture.type !== 'deleteEdge')
    },
  }
  return actions
}
