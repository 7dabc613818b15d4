export { buildGraph } from './build-graph.ts'
export type { GraphEdge, GraphEdgeKind, GraphModel, GraphNode, GraphNodeKind } from './model.ts'
export { describeEdge, describeNode, formatPath } from './describe.ts'
export { FOCUS_GROUPS, buildFocus, focusPolicyFor, type FocusGroup, type FocusGroupId, type FocusModel, type FocusPeer, type FocusSide } from './focus.ts'
