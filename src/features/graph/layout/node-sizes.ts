/**
 * Sizes of drawn nodes, from the label text (the layout cannot measure the DOM). The CSS in
 * graph.css draws nodes at exactly these sizes and font sizes, so the layout's picture and the
 * DOM agree (the e2e layout spec checks that nothing overlaps).
 */
import type { GraphNode } from '../../../domain/graph/index.ts'
import { textWidth } from './text-width.ts'

/** Font of a node's label and of a namespace title (px). */
export const NODE_FONT_PX = 13
export const NODE_HEIGHT = 32
/** Padding, icon, gap and a little slack around a node's label. */
const NODE_CHROME = 8 + 14 + 5 + 8 + 3
/** Narrow enough that a short name (world, app=db) does not widen its row. */
const NODE_MIN_WIDTH = 80
export const NODE_MAX_WIDTH = 420

/** A namespace box's header strip (title and shields). */
export const NS_HEADER = 30
/** Room beside a namespace title: padding, icon and gap, slack; plus each shield and its gap. */
const NS_TITLE_CHROME = 20 + 14 + 6 + 8
const NS_SHIELD = 13 + 6

export function nodeSize(node: Pick<GraphNode, 'label'>): { width: number; height: number } {
  const width = Math.ceil(textWidth(node.label, NODE_FONT_PX) + NODE_CHROME)
  return { width: Math.min(NODE_MAX_WIDTH, Math.max(NODE_MIN_WIDTH, width)), height: NODE_HEIGHT }
}

/** The narrowest a namespace box may be so its title (at `fontPx`, bold) and shields are not cut. */
export function namespaceMinWidth(node: Pick<GraphNode, 'label' | 'shields'>, fontPx = NODE_FONT_PX): number {
  const shields = (node.shields.ingress ? 1 : 0) + (node.shields.egress ? 1 : 0)
  return Math.ceil(textWidth(node.label, fontPx, true) + NS_TITLE_CHROME + shields * NS_SHIELD)
}
