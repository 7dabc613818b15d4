import { BaseEdge, EdgeLabelRenderer, getBezierPath, useStore } from '@xyflow/react'
import type { EdgeProps } from '@xyflow/react'
import { memo, useMemo, useState } from 'react'
import type { RuleFlowEdge } from '../flow-types.ts'
import type { Point } from '../layout/layout-types.ts'
import { useWorkspace } from '../../../store/workspace-store.ts'
import { edgeLabelText, moreText } from './edge-label-text.ts'
import { roundedPath, routeFits } from './route-path.ts'
import { useLint } from '../../../store/lint-store.ts'
import { LintBadge } from '../../../ui/LintBadge.tsx'
import { useEvaluation } from '../../../store/evaluation-store.ts'
import { LOOK_BADGE, verdictLook, verdictTitle } from './verdict-style.ts'
import './edge-verdicts.css'

/** Below this zoom labels are unreadable; drawing them would only cost frames. */
const LABEL_MIN_ZOOM = 0.38

/**
 * An allow (green) or deny (red) rule edge, labelled with ports and every L7 rule. It follows the
 * route the layout computed around the nodes; when there is none (a very large graph) or the
 * user has dragged an end away from it, it falls back to a curve.
 */
export const RuleEdge = memo(function RuleEdge(props: EdgeProps<RuleFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, data, selected } = props
  const showLabel = useStore((s) => s.transform[2] >= LABEL_MIN_ZOOM)
  const select = useWorkspace((s) => s.select)
  const [expanded, setExpanded] = useState(false)
  const lint = useLint((s) => s.byEdge.get(id))
  const verdict = useEvaluation((s) => s.edgeVerdicts?.byId[id])
  const text = useMemo(() => (data ? edgeLabelText(data.edge, data.l7, expanded) : null), [data, expanded])
  if (!data || !text) return null
  const { edge, loop, route } = data
  let path: string
  let label: Point
  const source = { x: sourceX, y: sourceY }
  const target = { x: targetX, y: targetY }
  if (route && routeFits(route.points, source, target)) {
    path = roundedPath([source, ...route.points.slice(1, -1), target])
    label = route.label ?? route.points[Math.floor(route.points.length / 2)]
  } else if (loop) {
    // A namespace or workload allowing itself: a loop above the node's right side.
    path = `M ${sourceX} ${sourceY} C ${sourceX + 60} ${sourceY - 90}, ${targetX - 60} ${targetY - 90}, ${targetX} ${targetY}`
    label = { x: (sourceX + targetX) / 2, y: sourceY - 70 }
  } else {
    const [d, lx, ly] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition })
    path = d
    label = { x: lx, y: ly }
  }
  // A counted edge sums up its rules' verdicts (to-flow.ts): "3 of 5 blocked".
  const summary = data.bundleVerdict
  const look = summary ? summary.look : verdictLook(edge, verdict)
  const title = summary ? data.title : verdictTitle(data.title, look, verdict)
  const badge = summary ? (summary.badge ? { look: summary.worst, text: summary.badge } : null) : look !== 'allowed' ? { look, text: LOOK_BADGE[look] } : null
  const lookClass = look === 'allowed' ? '' : ` rule-edge-path--${look}`
  const labelLook = look === 'allowed' ? '' : look === 'denied' ? ' edge-label--v-denied' : ` edge-label--${look}`
  return (
    <>
      <title>{title}</title>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={`${selected ? 'is-selected' : ''}${lookClass}`} interactionWidth={16} />
      {showLabel && (
        <EdgeLabelRenderer>
          <div
            className={`edge-label edge-label--${edge.kind}${labelLook} nopan${selected ? ' is-selected' : ''}${expanded ? ' is-expanded' : ''}`}
            data-verdict={verdict?.verdict}
            style={{ transform: `translate(-50%, -50%) translate(${label.x}px, ${label.y}px)`, width: text.width, ...(expanded ? {} : { height: text.height }) }}
            title={title}
            data-edge-id={id}
            // A counted edge selects the first rule it stands for, so the YAML shows something real.
            onClick={() => select({ kind: 'edge', id: data.bundle?.edges[0]?.id ?? id, from: 'graph' })}
          >
            {text.lines.map((line, i) => (
              <div key={i} className={`edge-label__line edge-label__line--${line.kind}`}>
                {i === 0 && text.deny ? (
                  <>
                    <span className="edge-label__deny">deny</span>
                    {line.text.slice('deny'.length)}
                  </>
                ) : (
                  line.text
                )}
              </div>
            ))}
            {(text.hidden > 0 || expanded) && (
              <button
                type="button"
                className="edge-label__more nopan"
                onClick={(e) => {
                  e.stopPropagation()
                  setExpanded(!expanded)
                }}
              >
                {expanded ? 'fewer' : moreText(text.hidden)}
              </button>
            )}
            {/* Verdict and lint badges sit just above the label's right end: the layout sized the label for its text. */}
            {(badge || lint) && (
              <span className="edge-label__badges">
                {badge && <span className={`edge-verdict edge-verdict--${badge.look}`}>{badge.text}</span>}
                <LintBadge mark={lint} />
              </span>
            )}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  )
})
