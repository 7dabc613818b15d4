import { memo } from 'react'
import { describeNode } from '../../domain/graph/index.ts'
import type { GraphNode } from '../../domain/graph/index.ts'
import { Shields } from '../../ui/Shields.tsx'
import { NODE_ICONS } from '../../ui/icons.tsx'

/** The endpoints the focused policy applies to; "+" buttons add peers relative to the active one. */
export const SubjectCard = memo(function SubjectCard({
  node,
  active,
  onSelect,
}: {
  node: GraphNode
  /** Highlighted when the policy has several subjects and this is the one being looked at. */
  active: boolean
  onSelect: (id: string) => void
}) {
  return (
    <button
      type="button"
      className={`focus-subject focus-subject--${node.kind}${active ? ' is-active' : ''}`}
      data-testid="focus-subject"
      data-id={node.id}
      title={`Subject: ${describeNode(node, node.id)}`}
      onClick={() => onSelect(node.id)}
    >
      <span className="focus-subject__arrow" aria-hidden>→</span>
      <span className="focus-subject__icon" aria-hidden>
        {NODE_ICONS[node.kind]}
      </span>
      <span className="focus-subject__label">{node.label}</span>
      <Shields shields={node.shields} />
      <span className="focus-subject__arrow" aria-hidden>→</span>
    </button>
  )
})
