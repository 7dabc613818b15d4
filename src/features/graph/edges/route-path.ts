/** SVG paths for routed edges: orthogonal polylines with softly rounded corners. */
import type { Point } from '../layout/layout-types.ts'

const RADIUS = 6
/** How far React Flow's handle centre may sit from the port the router used (handle size). */
const SLACK_ALONG = 9
const SLACK_ACROSS = 1.5

/** True when the drawn ends are where the route was computed for (no node was dragged). */
export function routeFits(points: readonly Point[], source: Point, target: Point): boolean {
  if (points.length < 2) return false
  const a = points[0]
  const b = points[points.length - 1]
  return (
    Math.abs(a.x - source.x) <= SLACK_ALONG &&
    Math.abs(a.y - source.y) <= SLACK_ACROSS &&
    Math.abs(b.x - target.x) <= SLACK_ALONG &&
    Math.abs(b.y - target.y) <= SLACK_ACROSS &&
    // The first and last stretches must still leave and enter sideways.
    (points.length === 2 || (points[1].x > source.x && points[points.length - 2].x < target.x))
  )
}

export function roundedPath(points: readonly Point[]): string {
  if (points.length === 0) return ''
  let d = `M ${points[0].x} ${points[0].y}`
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i - 1]
    const c = points[i]
    const n = points[i + 1]
    const inLen = Math.hypot(c.x - p.x, c.y - p.y)
    const outLen = Math.hypot(n.x - c.x, n.y - c.y)
    const r = Math.min(RADIUS, inLen / 2, outLen / 2)
    if (r < 0.5) {
      d += ` L ${c.x} ${c.y}`
      continue
    }
    const ax = c.x - ((c.x - p.x) / inLen) * r
    const ay = c.y - ((c.y - p.y) / inLen) * r
    const bx = c.x + ((n.x - c.x) / outLen) * r
    const by = c.y + ((n.y - c.y) / outLen) * r
    d += ` L ${ax} ${ay} Q ${c.x} ${c.y} ${bx} ${by}`
  }
  const last = points[points.length - 1]
  return `${d} L ${last.x} ${last.y}`
}
