import { Handle, Position } from '@xyflow/react'
import type { NodeProps } from '@xyflow/react'
import { memo } from 'react'
import type { GraphNodeKind } from '../../../domain/graph/index.ts'
import type { MemberFlowNode } from '../flow-types.ts'
import { Shields } from '../../../ui/Shields.tsx'
import { NODE_ICONS } from '../../../ui/icons.tsx'
import { LintBadge } from '../../../ui/LintBadge.tsx'
import { useLint } from '../../../store/lint-store.ts'

const KIND_TEXT: Record<GraphNodeKind, string> = {
  namespace: 'namespace',
  workload: 'workload',
  selector: 'selector (matches no single workload)',
  entity: 'entity',
  cidr: 'CIDR',
  fqdn: 'FQDN',
  node: 'host node',
  service: 'service',
}

/** Workloads, selectors, entities, CIDR/FQDN peers and host nodes. */
export const MemberNode = memo(function MemberNode({ data, selected }: NodeProps<MemberFlowNode>) {
  const { node } = data
  const lint = useLint((s) => s.byNode.get(node.id))
  const title = [`${KIND_TEXT[node.kind]}: ${node.label}`, node.detail].filter(Boolean).join('\n')
  return (
    <div className={`member-node member-node--${node.kind}${selected ? ' is-selected' : ''}${node.origins.length === 0 ? ' is-draft' : ''}`} title={title} data-kind={node.kind}>
      <Handle type="target" position={Position.Left} className="handle" />
      <span className="member-node__icon" aria-hidden>{NODE_ICONS[node.kind]}</span>
      <span className="member-node__label">{node.label}</span>
      <Shields shields={node.shields} />
      <LintBadge mark={lint} />
      <Handle type="source" position={Position.Right} className="handle" />
    </div>
  )
})
