import type { GraphNode } from '../../../domain/graph/index.ts'

export const NODE_WIDTH = 190
export const NODE_HEIGHT = 46

/** Width estimate from the label, so long selectors get room without measuring the DOM. */
export function nodeSize(node: GraphNode): { width: number; height: number } {
  const chars = Math.max(node.label.length, 8)
  // ~7 px a character at 12 px, plus icon, padding and the two shields.
  return { width: Math.min(340, Math.max(160, chars * 7 + 64)), height: NODE_HEIGHT }
}
