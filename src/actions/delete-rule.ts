/** Deleting a rule (or one peer or port of it): asks first when a direction's default deny would change. */
import type { DeleteEdgeGesture } from '../domain/edits/index.ts'
import type { GraphEdge } from '../domain/graph/index.ts'
import { commitOutcome, previewGesture } from '../store/gesture-actions.ts'
import type { ConfirmRequest } from '../ui/ConfirmDialog.tsx'
import { nodeLabel } from '../store/node-label.ts'

/** Runs the deletion at once, or returns the confirmation to show when it has a warning. */
export function deleteWithConfirm(gesture: DeleteEdgeGesture, what = 'this rule'): ConfirmRequest | null {
  const outcome = previewGesture(gesture)
  if ('error' in outcome || !outcome.warning) {
    commitOutcome(outcome, false)
    return null
  }
  return {
    title: `Delete ${what}?`,
    message: outcome.warning,
    confirmLabel: 'Delete rule',
    onConfirm: () => commitOutcome(outcome, false),
  }
}

/** Deletes the edge's peer (or the whole element when it is the only peer). */
export function deleteEdge(edge: GraphEdge): ConfirmRequest | null {
  // Titled with what the user sees on the graph (`app=frontend → app=db`), never ids.
  const what = `the rule ${nodeLabel(edge.source, edge.target)} → ${nodeLabel(edge.target, edge.source)}`
  return deleteWithConfirm({ type: 'deleteEdge', elementId: edge.elementId, peerIndex: edge.peerIndex }, what)
}
