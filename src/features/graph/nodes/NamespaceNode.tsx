import { Handle, Position } from '@xyflow/react'
import type { NodeProps } from '@xyflow/react'
import { memo } from 'react'
import type { NamespaceFlowNode } from '../flow-types.ts'
import { Shields } from '../../../ui/Shields.tsx'

/**
 * A namespace group box; also the subject of namespace-wide policies (`endpointSelector: {}`).
 * Collapsed, it is a summary box: title, what it holds, shields; double-click shows its workloads.
 */
export const NamespaceNode = memo(function NamespaceNode({ data, selected }: NodeProps<NamespaceFlowNode>) {
  const { node, summary } = data
  const title = summary
    ? `namespace ${node.label}: ${summary.text}\nDouble-click (or zoom in) to show its workloads`
    : `namespace ${node.label}\nDouble-click the title to fold it into a summary box`
  return (
    <div
      className={`ns-node${summary ? ' ns-node--summary' : ''}${selected ? ' is-selected' : ''}`}
      title={title}
      data-kind="namespace"
      data-summary={summary ? 'true' : undefined}
    >
      <Handle type="target" position={Position.Left} className="handle" />
      <div className="ns-node__header">
        <span className="ns-node__icon" aria-hidden>▦</span>
        <span className="ns-node__title">{node.label}</span>
        <Shields shields={node.shields} />
      </div>
      {summary && (
        <div className="ns-node__summary">
          {summary.lines.map((l) => (
            <div key={l}>{l}</div>
          ))}
        </div>
      )}
      <Handle type="source" position={Position.Right} className="handle" />
    </div>
  )
})
