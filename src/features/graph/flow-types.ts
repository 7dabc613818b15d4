import type { Edge, Node } from '@xyflow/react'
import type { GraphEdge, GraphNode } from '../../domain/graph/index.ts'
import type { EdgeRoute } from './layout/layout-types.ts'
import type { L7Group } from './edges/l7-lines.ts'
import type { Bundle, NamespaceSummary } from './aggregate.ts'
import type { BundleVerdict } from './edges/verdict-style.ts'

/** `summary`: the namespace is collapsed into a summary box. */
export type NodeData = { readonly node: GraphNode; readonly stale: boolean; readonly summary?: NamespaceSummary }
export type NamespaceFlowNode = Node<NodeData, 'namespace'>
export type MemberFlowNode = Node<NodeData, 'member'>
export type MembraneFlowNode = NamespaceFlowNode | MemberFlowNode

/**
 * `title`: plain-words hover text (which rule, what it lets through). `route`: the path and label
 * spot the layout computed (absent until routed, or for very large graphs). `l7`: every L7 rule.
 * `bundle`: the rules a counted edge between summary boxes stands for; `bundleVerdict`: their
 * verdicts summed up.
 */
export type EdgeData = {
  readonly edge: GraphEdge
  readonly loop: boolean
  readonly title: string
  readonly route?: EdgeRoute
  readonly l7?: readonly L7Group[]
  readonly bundle?: Bundle
  readonly bundleVerdict?: BundleVerdict
}
export type RuleFlowEdge = Edge<EdgeData, 'rule'>
