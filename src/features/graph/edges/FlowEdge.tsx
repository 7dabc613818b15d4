import { BaseEdge, EdgeLabelRenderer, getBezierPath, useStore } from '@xyflow/react'
import type { Edge, EdgeProps } from '@xyflow/react'
import { memo } from 'react'
import type { FlowEdge as FlowEdgeModel } from '../../../store/flow-overlay.ts'
import { useFlows } from '../../../store/flows-store.ts'
import type { EdgeRoute } from '../layout/layout-types.ts'
import { flowLabelSize } from '../flow-edges.ts'
import { roundedPath, routeFits } from './route-path.ts'
import './flow-edge.css'

/** `route`: the path around nodes and the label spot the layout computed (as rule edges have). */
export type FlowEdgeData = { readonly flow: FlowEdgeModel; readonly loop: boolean; readonly route?: EdgeRoute }
export type ObservedFlowEdge = Edge<FlowEdgeData, 'flow'>

const LABEL_MIN_ZOOM = 0.38

/** Width by connection count: 1 connection is a hairline, hundreds are thick, never a wall. */
export function flowEdgeWidth(count: number): number {
  return Math.min(9, 1.5 + Math.log2(count + 1) * 1.1)
}

const VERDICT_WORD = { allowed: 'allowed', denied: 'denied', audit: 'audit' } as const

/**
 * Observed traffic (DESIGN.md "Graph visual language"): dashed, width by connection count,
 * coloured by what the draft does with it; the cluster's recorded verdict beside it. Flows the
 * draft would break (recorded forwarded, draft denies) or open get a badge.
 */
export const FlowEdge = memo(function FlowEdge(props: EdgeProps<ObservedFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected } = props
  const showLabel = useStore((s) => s.transform[2] >= LABEL_MIN_ZOOM)
  if (!data) return null
  const { flow, loop, route } = data
  let path: string
  let labelX: number
  let labelY: number
  const source = { x: sourceX, y: sourceY }
  const target = { x: targetX, y: targetY }
  if (route && routeFits(route.points, source, target)) {
    path = roundedPath([source, ...route.points.slice(1, -1), target])
    const at = route.label ?? route.points[Math.floor(route.points.length / 2)]
    labelX = at.x
    labelY = at.y
  } else if (loop) {
    path = `M ${sourceX} ${sourceY} C ${sourceX + 70} ${sourceY + 100}, ${targetX - 70} ${targetY + 100}, ${targetX} ${targetY}`
    labelX = (sourceX + targetX) / 2
    labelY = sourceY + 78
  } else {
    // Not routed (a very large graph, a dragged node): a deeper curve than rule edges, so a flow
    // and the rule that admits it stay apart.
    ;[path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, curvature: 0.6 })
    labelY += 16
  }
  const title = `${flow.count} connection${flow.count === 1 ? '' : 's'} observed (${flow.records} records, ${flow.ports || 'no ports'}): recorded ${Object.entries(flow.recordedCounts).map(([k, v]) => `${k} ${v}`).join(', ')}; the draft: ${VERDICT_WORD[flow.verdict]}${flow.breaks ? ` — would break ${flow.breaks}` : ''}${flow.opens ? ` — would open ${flow.opens}` : ''}`
  const cls = `flow-edge flow-edge--${flow.verdict}${flow.breaks ? ' flow-edge--break' : ''}${flow.opens ? ' flow-edge--open' : ''}${selected ? ' is-selected' : ''}`
  return (
    <>
      <title>{title}</title>
      <BaseEdge id={id} path={path} className={cls} style={{ strokeWidth: flowEdgeWidth(flow.count) }} interactionWidth={14} />
      {showLabel && (
        <EdgeLabelRenderer>
          <div
            className={`flow-label flow-label--${flow.verdict} nopan${selected ? ' is-selected' : ''}`}
            // Drawn at the size the layout left room for (flow-edges.ts flowLabelSize).
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`, ...flowLabelSize(flow) }}
            title={title}
            data-flow-edge-id={id}
            onClick={() => selectEdgeFlows(flow.id)}
          >
            <span className="flow-label__recorded">{flow.recorded}</span>
            <span className="flow-label__count">×{flow.count}</span>
            {flow.breaks > 0 && <span className="flow-label__badge flow-label__badge--break">would break</span>}
            {flow.opens > 0 && <span className="flow-label__badge flow-label__badge--open">would open</span>}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  )
})

/** Clicking a flow edge shows its first flow in the table and the detail panel. */
export function selectEdgeFlows(edgeId: string): void {
  const s = useFlows.getState()
  const edge = s.overlay.edges.find((e) => e.id === edgeId)
  if (!edge) return
  s.selectFlow(edge.first)
  s.revealTable()
}
