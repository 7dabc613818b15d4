/**
 * One layout run: placements (packed-layout.ts), then edge routes and label spots for them.
 * Pure, so it runs the same in the layout worker, on the main thread for small graphs and in
 * unit tests.
 */
import { packedLayout } from './packed-layout.ts'
import type { EdgeRoute, Layout, LayoutInput, Routes } from './layout-types.ts'
import type { Rect } from './geometry.ts'
import { routeEdges } from './router.ts'
import { placeLabels } from './label-placement.ts'
import { NS_HEADER } from './node-sizes.ts'
import { SPACING } from './spacing.ts'

/** Past this size routing costs more than it helps: nobody reads 5,000 routed edges. */
export const ROUTE_MAX_EDGES = 1200
export const ROUTE_MAX_NODES = 600

export interface LayoutResult {
  readonly layout: Layout
  readonly routes: Routes
}

export function computeLayout(input: LayoutInput): LayoutResult {
  const layout = packedLayout(input)
  return { layout, routes: computeRoutes(input, layout) }
}

/** Absolute rectangles of every placed node (placements of members are relative to their group). */
export function absoluteRects(input: LayoutInput, layout: Layout): Map<string, Rect> {
  const out = new Map<string, Rect>()
  const node = new Map(input.nodes.map((n) => [n.id, n]))
  const resolve = (id: string, depth = 0): Rect | undefined => {
    const known = out.get(id)
    if (known) return known
    const p = layout.get(id)
    const n = node.get(id)
    if (!p || !n || depth > 8) return undefined
    const parent = n.parent !== undefined && layout.has(n.parent) ? resolve(n.parent, depth + 1) : undefined
    const r = { x: (parent?.x ?? 0) + p.x, y: (parent?.y ?? 0) + p.y, width: p.width ?? n.width, height: p.height ?? n.height }
    out.set(id, r)
    return r
  }
  for (const n of input.nodes) resolve(n.id)
  return out
}

/**
 * The strip an edge must not cross: the title (the group's minimum width is its title's room)
 * down to where the margin around the first workloads begins, so no edge squeezes in between.
 */
function titleRect(box: Rect, titleWidth: number): Rect {
  return { x: box.x - 2, y: box.y - 2, width: Math.min(box.width, titleWidth) + 4, height: Math.min(box.height, SPACING.nsPadTop - SPACING.routeMargin + 2) + 2 }
}

export function computeRoutes(input: LayoutInput, layout: Layout): Routes {
  if (input.edges.length > ROUTE_MAX_EDGES || input.nodes.length > ROUTE_MAX_NODES) return new Map()
  const rects = absoluteRects(input, layout)
  const nodes = input.nodes
    .filter((n) => rects.has(n.id))
    .map((n) => ({
      id: n.id,
      rect: rects.get(n.id)!,
      ...(n.parent !== undefined && rects.has(n.parent) ? { parent: n.parent } : {}),
      isGroup: n.isGroup,
      ...(n.isGroup ? { title: titleRect(rects.get(n.id)!, n.width) } : {}),
    }))
  const edges = input.edges.filter((e) => rects.has(e.source) && rects.has(e.target))
  const paths = routeEdges(nodes, edges)
  const labels = placeLabels(
    nodes,
    edges.filter((e) => (e.labelWidth ?? 0) > 0).map((e) => ({ id: e.id, source: e.source, target: e.target, width: e.labelWidth!, height: e.labelHeight ?? 18 })),
    paths,
    NS_HEADER,
  )
  const out = new Map<string, EdgeRoute>()
  for (const [id, points] of paths) {
    const label = labels.get(id)
    out.set(id, label ? { points, label } : { points })
  }
  return out
}
