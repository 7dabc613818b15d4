/** Distances of the packed layout, the router and label placement (flow px). */
import { NS_HEADER } from './node-sizes.ts'

export const SPACING = {
  /** Namespace box padding: sides, top (below the title strip) and bottom. */
  nsPadX: 14,
  nsPadTop: NS_HEADER + 12,
  nsPadBottom: 16,
  /** Between two workloads above one another. */
  nodeGapY: 26,
  /** Clearance around an edge label. */
  labelMargin: 6,
  /** Clearance an edge keeps from nodes it passes. */
  routeMargin: 10,
  minLayerGap: 44,
  maxGap: 260,
  /** Between namespace boxes side by side, and between rows of boxes, at the least. */
  minColGap: 44,
  minRowGap: 48,
} as const
