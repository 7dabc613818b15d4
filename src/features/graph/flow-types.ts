import type { Edge, Node } from '@xyflow/react'
import type { GraphEdge, GraphNode } from '../../domain/graph/index.ts'

export type NodeData = { readonly node: GraphNode; readonly stale: boolean }
export type NamespaceFlowNode = Node<NodeData, 'namespace'>
export type MemberFlowNode = Node<NodeData, 'member'>
export type MembraneFlowNode = NamespaceFlowNode | MemberFlowNode

/** `title`: plain-words hover text (which rule, what it lets through). */
export type EdgeData = { readonly edge: GraphEdge; readonly loop: boolean; readonly title: string }
export type RuleFlowEdge = Edge<EdgeData, 'rule'>
