export { buildGraph } from './build-graph.ts'
export type { GraphEdge, GraphEdgeKind, GraphModel, GraphNode, GraphNodeKind } from './model.ts'
