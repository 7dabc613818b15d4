/** Deleting a rule edge: asks first when the deletion would change a direction's default deny. */
import type { GraphEdge } from '../../domain/graph/index.ts'
import { commitOutcome, previewGesture } from '../../store/gesture-actions.ts'
import type { ConfirmRequest } from '../workspace/ConfirmDialog.tsx'

/** Deletes the edge's peer (or whole element); returns a confirmation to show instead, if needed. */
export function deleteEdge(edge: GraphEdge): ConfirmRequest | null {
  const peerIndex = Number(edge.id.slice(edge.id.lastIndexOf('/') + 1))
  const outcome = previewGesture({ type: 'deleteEdge', elementId: edge.elementId, peerIndex })
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
