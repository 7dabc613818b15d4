/** Deleting a rule (or one peer or port of it): asks first when a direction's default deny would change. */
import type { DeleteEdgeGesture } from '../domain/edits/index.ts'
import type { GraphEdge } from '../domain/graph/index.ts'
import { commitOutcome, previewGesture } from '../store/gesture-actions.ts'
import type { ConfirmRequest } from '../ui/ConfirmDialog.tsx'

/** Runs the deletion at once, or returns the confirmation to show when it has a warning. */
export function deleteWithConfirm(gesture: DeleteEdgeGesture): ConfirmRequest | null {
  const outcome = previewGesture(gesture)
  if ('error' in outcome || !outcome.warning) {
    commitOutcome(outcome, false)
    return null
  }
  return {
    title: 'Delete this rule?',
    message: outcome.warning,
    confirmLabel: 'Delete rule',
    onConfirm: () => commitOutcome(outcome, false),
  }
}

/** Deletes the edge's peer (or the whole element when it is the only peer). */
export function deleteEdge(edge: GraphEdge): ConfirmRequest | null {
  return deleteWithConfirm({ type: 'deleteEdge', elementId: edge.elementId, peerIndex: edge.peerIndex })
}
