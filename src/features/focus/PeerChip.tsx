import { memo } from 'react'
import type { FocusPeer, FocusSide } from '../../domain/graph/index.ts'
import { NODE_ICONS } from '../../ui/icons.tsx'

interface Props {
  peer: FocusPeer
  side: FocusSide
  /** The selected edge when it is one of this peer's, else null (keeps other chips memo-stable). */
  selectedEdge: string | null
  /** Subject labels by id, shown per rule only when the policy has several subjects. */
  subjectLabels: ReadonlyMap<string, string> | null
  onSelectEdge: (edgeId: string) => void
}

/**
 * One peer with its rules. The whole chip is a click target (its first rule); each rule is
 * its own button so a peer reached by several rules can show each one's YAML.
 */
export const PeerChip = memo(function PeerChip({ peer, side, selectedEdge, subjectLabels, onSelectEdge }: Props) {
  const { node, edges, text } = peer
  const deny = edges.some((e) => e.kind === 'deny')
  const allDeny = edges.every((e) => e.kind === 'deny')
  const arrow = (
    <span className={`focus-peer__arrow focus-peer__arrow--${allDeny ? 'deny' : 'allow'}`} aria-hidden>
      →
    </span>
  )
  // Event delegation: one handler, and a click anywhere on the chip still picks a rule.
  const onClick = (e: React.MouseEvent<HTMLDivElement>): void => {
    const hit = (e.target as HTMLElement).closest<HTMLElement>('[data-edge-id]')
    onSelectEdge(hit?.dataset.edgeId ?? edges[0].id)
  }
  return (
    <div
      className={`focus-peer focus-peer--${node.kind}${deny ? ' focus-peer--deny' : ''}${selectedEdge ? ' is-selected' : ''}`}
      data-testid="focus-peer"
      data-id={node.id}
      data-kind={node.kind}
      title={text.join('\n\n')}
      onClick={onClick}
    >
      {side === 'egress' && arrow}
      <div className="focus-peer__body">
        <button type="button" className="focus-peer__name" data-edge-id={edges[0].id}>
          <span className="focus-peer__icon" aria-hidden>
            {NODE_ICONS[node.kind]}
          </span>
          <span className="focus-peer__label">{node.label}</span>
        </button>
        <span className="focus-peer__rules">
          {edges.map((edge, i) => {
            const subject = side === 'ingress' ? edge.target : edge.source
            return (
              <button
                type="button"
                key={edge.id}
                className={`focus-rule focus-rule--${edge.kind}${edge.id === selectedEdge ? ' is-selected' : ''}`}
                data-edge-id={edge.id}
                title={text[i]}
              >
                {edge.kind === 'deny' && <span className="focus-rule__deny">deny </span>}
                {edge.label}
                {edge.l7 && <span className="focus-rule__l7">{edge.l7}</span>}
                {subjectLabels && <span className="focus-rule__via">{`${side === 'ingress' ? 'to' : 'from'} ${subjectLabels.get(subject) ?? subject}`}</span>}
              </button>
            )
          })}
        </span>
      </div>
      {side === 'ingress' && arrow}
    </div>
  )
})
