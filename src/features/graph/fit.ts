/**
 * Fitting the picture into the pane. The padding keeps nodes clear of the palette and search
 * (top left), the legend (top right) and the zoom buttons (bottom left). The same numbers decide
 * whether a workspace is legible when fitted, so the decision and the view agree.
 */
import { getViewportForBounds } from '@xyflow/react'
import type { Viewport } from '@xyflow/react'
import type { Rect } from './layout/geometry.ts'
import type { Routes } from './layout/layout-types.ts'

export const FIT_PADDING = { top: 96, right: 12, bottom: 52, left: 12 } as const
export const FIT_MAX_ZOOM = 1.2
export const MIN_ZOOM = 0.05
export const MAX_ZOOM = 2.5

const padding = {
  top: `${FIT_PADDING.top}px`,
  right: `${FIT_PADDING.right}px`,
  bottom: `${FIT_PADDING.bottom}px`,
  left: `${FIT_PADDING.left}px`,
} as const

/** The box holding every node, route and label. */
export function pictureBounds(
  rects: Iterable<Rect>,
  routes: Routes,
  labelSize: (edgeId: string) => { width: number; height: number } | undefined,
): Rect | null {
  let x0 = Infinity
  let y0 = Infinity
  let x1 = -Infinity
  let y1 = -Infinity
  const add = (x: number, y: number, w = 0, h = 0): void => {
    x0 = Math.min(x0, x)
    y0 = Math.min(y0, y)
    x1 = Math.max(x1, x + w)
    y1 = Math.max(y1, y + h)
  }
  for (const r of rects) add(r.x, r.y, r.width, r.height)
  for (const [id, route] of routes) {
    for (const p of route.points) add(p.x, p.y)
    const size = route.label ? labelSize(id) : undefined
    if (route.label && size) add(route.label.x - size.width / 2, route.label.y - size.height / 2, size.width, size.height)
  }
  return x0 === Infinity ? null : { x: x0, y: y0, width: Math.max(1, x1 - x0), height: Math.max(1, y1 - y0) }
}

/** The part of the pane a fitted picture fills. */
export function fitArea(pane: { width: number; height: number }): { width: number; height: number } {
  return {
    width: Math.max(100, pane.width - FIT_PADDING.left - FIT_PADDING.right),
    height: Math.max(100, pane.height - FIT_PADDING.top - FIT_PADDING.bottom),
  }
}

export function fitViewport(bounds: Rect, pane: { width: number; height: number }): Viewport {
  return getViewportForBounds(bounds, pane.width, pane.height, MIN_ZOOM, FIT_MAX_ZOOM, padding)
}
