export { buildGraph } from './build-graph.ts'
export type { GraphEdge, GraphEdgeKind, GraphModel, GraphNode, GraphNodeKind } from './model.ts'
export { describeEdge, describeNode, formatPath } from './describe.ts'
