import { memo } from 'react'
import type { FocusGroupId, FocusGroup as FocusGroupModel, FocusSide } from '../../domain/graph/index.ts'
import { PeerChip } from './PeerChip.tsx'

const ADD_TEXT: Record<FocusGroupId, string> = {
  'same-namespace': 'in the same namespace',
  cluster: 'elsewhere in the cluster',
  outside: 'outside the cluster',
}

interface Props {
  group: FocusGroupModel
  side: FocusSide
  selectedEdge: string | null
  subjectLabels: ReadonlyMap<string, string> | null
  canAdd: boolean
  onAdd: (side: FocusSide, group: FocusGroupId) => void
  onSelectEdge: (edgeId: string) => void
}

/** A titled box of peers ("Same namespace", …) with its "+" and a link toward the subject. */
export const FocusGroup = memo(function FocusGroup({ group, side, selectedEdge, subjectLabels, canAdd, onAdd, onSelectEdge }: Props) {
  const edges = group.peers.flatMap((p) => p.edges)
  // The link takes the colour of what it carries: any allow is green, deny-only red, none grey.
  const tone = edges.length === 0 ? 'none' : edges.some((e) => e.kind === 'allow') ? 'allow' : 'deny'
  const link = <span className={`focus-link focus-link--${tone}`} aria-hidden />
  const verb = side === 'ingress' ? 'that may send traffic to the subject' : 'the subject may send traffic to'
  return (
    <div className={`focus-group-row focus-group-row--${side}`}>
      {side === 'egress' && link}
      <section className="focus-group" data-testid={`focus-group-${side}-${group.id}`} aria-label={`${side} ${group.title}`}>
        <header className="focus-group__header">
          <span className="focus-group__title">{group.title}</span>
          {group.peers.length > 0 && <span className="count">{group.peers.length}</span>}
          <button
            type="button"
            className="focus-group__add"
            data-testid={`focus-add-${side}-${group.id}`}
            title={`Add a peer ${ADD_TEXT[group.id]} ${verb} (${side})`}
            aria-label={`Add ${side} peer ${ADD_TEXT[group.id]}`}
            disabled={!canAdd}
            onClick={() => onAdd(side, group.id)}
          >
            +
          </button>
        </header>
        {group.peers.length === 0 ? (
          <div className="focus-group__none">none</div>
        ) : (
          <div className="focus-group__peers">
            {group.peers.map((peer) => (
              <PeerChip
                key={peer.node.id}
                peer={peer}
                side={side}
                selectedEdge={selectedEdge !== null && peer.edges.some((e) => e.id === selectedEdge) ? selectedEdge : null}
                subjectLabels={subjectLabels}
                onSelectEdge={onSelectEdge}
              />
            ))}
          </div>
        )}
      </section>
      {side === 'ingress' && link}
    </div>
  )
})
