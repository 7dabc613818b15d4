/**
 * A connectivity expectation drawn on the graph: a dotted test edge from its source to its
 * destination that passes (✓, green) or fails (✗, red) as the policies change.
 */
import { BaseEdge, EdgeLabelRenderer, getBezierPath } from '@xyflow/react'
import type { Edge, EdgeProps } from '@xyflow/react'
import { memo } from 'react'
import './test-edge.css'

export type TestEdgeData = {
  readonly ok: boolean
  readonly name: string
  readonly expect: string
  readonly verdict: string
  readonly loop: boolean
}
export type ExpectationFlowEdge = Edge<TestEdgeData, 'test'>

export const TestEdge = memo(function TestEdge(props: EdgeProps<ExpectationFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data } = props
  if (!data) return null
  let path: string
  let labelX: number
  let labelY: number
  if (data.loop) {
    path = `M ${sourceX} ${sourceY} C ${sourceX + 90} ${sourceY - 110}, ${targetX - 90} ${targetY - 110}, ${targetX} ${targetY}`
    labelX = (sourceX + targetX) / 2
    labelY = sourceY - 84
  } else {
    // Flatter than rule and flow edges, so the three kinds between one pair stay apart.
    ;[path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, curvature: 0.15 })
    labelY -= 14
  }
  const title = `Expectation ${data.ok ? 'passes' : 'FAILS'}: ${data.name} — expected ${data.expect}, the policies give ${data.verdict}`
  return (
    <>
      <BaseEdge id={id} path={path} className={`test-edge ${data.ok ? 'test-edge--pass' : 'test-edge--fail'}`} interactionWidth={0} />
      <EdgeLabelRenderer>
        <div
          className={`test-label nopan ${data.ok ? 'test-label--pass' : 'test-label--fail'}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          title={title}
          data-testid="test-edge"
          data-test-edge-id={id}
          data-ok={data.ok}
        >
          {data.ok ? '✓' : '✗'} {data.expect}
        </div>
      </EdgeLabelRenderer>
    </>
  )
})
