/**
 * Graph gestures → YAML edits. The text stays the truth: a gesture is computed against the
 * current text and its parse, applied in the editor as one undoable step, and the new edge is
 * selected so the change is revealed.
 */
import { applyGesture } from '../domain/edits/index.ts'
import type { EditResult, Gesture, GestureOutcome } from '../domain/edits/index.ts'
import { useWorkspace } from './workspace-store.ts'

/** What a gesture would do, without doing it (for "are you sure?" prompts). */
export function previewGesture(gesture: Gesture): GestureOutcome {
  const state = useWorkspace.getState()
  state.flushParse()
  const { text, model } = useWorkspace.getState()
  if (model.stale) return { error: 'The YAML does not parse; fix it before editing on the graph.' }
  return applyGesture(text, model.parse, gesture)
}

/** Applies an already computed outcome; returns false (and says why) when there is nothing to apply. */
export function commitOutcome(outcome: GestureOutcome, reveal = true): outcome is EditResult {
  const state = useWorkspace.getState()
  if ('error' in outcome) {
    state.notify({ kind: 'error', text: outcome.error })
    return false
  }
  const before = new Set(state.model.graph.edges.map((e) => e.id))
  state.applyEdits(outcome.text, outcome.edits)
  state.notify({ kind: outcome.warning ? 'warning' : 'info', text: outcome.warning ?? outcome.description })
  // Reveal what the gesture wrote: the first rule edge that was not there before. (After a
  // deletion, later rules shift to new paths, so there is nothing to reveal.)
  const { model, select } = useWorkspace.getState()
  if (!reveal) {
    select(null)
    return true
  }
  const added = model.graph.edges.find((e) => !before.has(e.id))
  if (added) select({ kind: 'edge', id: added.id, from: 'graph' })
  return true
}

export function runGesture(gesture: Gesture): boolean {
  return commitOutcome(previewGesture(gesture), gesture.type !== 'deleteEdge')
}
