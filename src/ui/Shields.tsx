import type { GraphNode } from '../domain/graph/index.ts'
import { ShieldIcon } from './icons.tsx'

/** Shields on the left (ingress) and right (egress) where default deny is in force. */
export function Shields({ shields }: { shields: GraphNode['shields'] }): React.JSX.Element | null {
  if (!shields.ingress && !shields.egress) return null
  return (
    <>
      {shields.ingress && (
        <span className="shield shield--ingress" data-testid="shield-ingress" title="Ingress is default-deny: only allowed traffic may come in">
          <ShieldIcon />
        </span>
      )}
      {shields.egress && (
        <span className="shield shield--egress" data-testid="shield-egress" title="Egress is default-deny: only allowed traffic may go out">
          <ShieldIcon />
        </span>
      )}
    </>
  )
}
