import { Handle, Position } from '@xyflow/react'
import type { NodeProps } from '@xyflow/react'
import { memo } from 'react'
import type { NamespaceFlowNode } from '../flow-types.ts'
import { Shields } from '../../../ui/Shields.tsx'

/** A namespace group box; also the subject of namespace-wide policies (`endpointSelector: {}`). */
export const NamespaceNode = memo(function NamespaceNode({ data, selected }: NodeProps<NamespaceFlowNode>) {
  const { node } = data
  return (
    <div
      className={`ns-node${selected ? ' is-selected' : ''}`}
      title={`namespace ${node.label}`}
      data-kind="namespace"
    >
      <Handle type="target" position={Position.Left} className="handle" />
      <div className="ns-node__header">
        <span className="ns-node__icon" aria-hidden>▦</span> {node.label}
        <Shields shields={node.shields} />
      </div>
      <Handle type="source" position={Position.Right} className="handle" />
    </div>
  )
})
