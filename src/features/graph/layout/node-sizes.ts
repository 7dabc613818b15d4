import type { GraphNode } from '../../../domain/graph/index.ts'

export const NODE_WIDTH = 190
export const NODE_HEIGHT = 46

/** Width estimate from the label, so long selectors get room without measuring the DOM. */
export function nodeSize(node: GraphNode): { width: number; height: number } {
  const chars = Math.max(node.label.length, 8)
  return { width: Math.min(320, Math.max(NODE_WIDTH - 40, chars * 7 + 40)), height: NODE_HEIGHT }
}
