import { BaseEdge, EdgeLabelRenderer, getBezierPath, useStore } from '@xyflow/react'
import type { EdgeProps } from '@xyflow/react'
import { memo } from 'react'
import type { RuleFlowEdge } from '../flow-types.ts'
import { useWorkspace } from '../../../store/workspace-store.ts'
import { useLint } from '../../../store/lint-store.ts'
import { LintBadge } from '../../../ui/LintBadge.tsx'
import { useEvaluation } from '../../../store/evaluation-store.ts'
import { LOOK_BADGE, verdictLook, verdictTitle } from './verdict-style.ts'
import './edge-verdicts.css'

/** Below this zoom labels are unreadable; drawing them would only cost frames. */
const LABEL_MIN_ZOOM = 0.38

/** An allow (green) or deny (red) rule edge, labelled with ports and an L7 badge. */
export const RuleEdge = memo(function RuleEdge(props: EdgeProps<RuleFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, data, selected } = props
  const showLabel = useStore((s) => s.transform[2] >= LABEL_MIN_ZOOM)
  const select = useWorkspace((s) => s.select)
  const lint = useLint((s) => s.byEdge.get(id))
  const verdict = useEvaluation((s) => s.edgeVerdicts?.byId[id])
  if (!data) return null
  const { edge, loop } = data
  let path: string
  let labelX: number
  let labelY: number
  if (loop) {
    // A namespace or workload allowing itself: a loop above the node's right side.
    const x = sourceX
    const y = sourceY
    path = `M ${x} ${y} C ${x + 60} ${y - 90}, ${targetX - 60} ${targetY - 90}, ${targetX} ${targetY}`
    labelX = (x + targetX) / 2
    labelY = y - 70
  } else {
    ;[path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition })
  }
  const look = verdictLook(edge, verdict)
  const title = verdictTitle(data.title, look, verdict)
  const lookClass = look === 'allowed' ? '' : ` rule-edge-path--${look}`
  const labelLook = look === 'allowed' ? '' : look === 'denied' ? ' edge-label--v-denied' : ` edge-label--${look}`
  return (
    <>
      <title>{title}</title>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={`${selected ? 'is-selected' : ''}${lookClass}`} interactionWidth={16} />
      {showLabel && <EdgeLabelRenderer>
        <div
          className={`edge-label edge-label--${edge.kind}${labelLook} nopan${selected ? ' is-selected' : ''}`}
          data-verdict={verdict?.verdict}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          title={title}
          data-edge-id={id}
          onClick={() => select({ kind: 'edge', id, from: 'graph' })}
        >
          {look !== 'allowed' && <span className={`edge-verdict edge-verdict--${look}`}>{LOOK_BADGE[look]}</span>}
          {edge.kind === 'deny' && <span className="edge-label__deny">deny </span>}
          {edge.label}
          {edge.l7 && <span className="edge-label__l7">{edge.l7}</span>}
          <LintBadge mark={lint} />
        </div>
      </EdgeLabelRenderer>}
    </>
  )
})
