/**
 * Nudging (the last step of orthogonal routing): stretches of different routes that lie on the
 * same line and overlap are spread across their channel, so each edge can be followed.
 */
import type { Point } from './layout-types.ts'

/** Least distance from a port to the first bend (React Flow's handle reaches 5.5 px out). */
const PORT_CLEARANCE = 8

interface Seg {
  readonly route: string
  readonly k: number
  readonly horizontal: boolean
  readonly at: number
  readonly lo: number
  readonly hi: number
  /** Where the route comes from and goes to across the line, for ordering. */
  readonly side: number
}

/**
 * Spreads collinear, overlapping stretches of different routes across their channel, at most
 * `room` px either way. A stretch touching a port stays put (the handle is fixed).
 */
export function nudge(routes: Map<string, Point[]>, room: number): void {
  const segs: Seg[] = []
  for (const [id, pts] of routes) {
    for (let k = 1; k < pts.length - 2; k++) {
      const a = pts[k]
      const b = pts[k + 1]
      const horizontal = Math.abs(a.y - b.y) < 0.01
      const before = pts[k - 1]
      const after = pts[k + 2]
      segs.push({
        route: id,
        k,
        horizontal,
        at: horizontal ? a.y : a.x,
        lo: horizontal ? Math.min(a.x, b.x) : Math.min(a.y, b.y),
        hi: horizontal ? Math.max(a.x, b.x) : Math.max(a.y, b.y),
        side: horizontal ? (before.y + after.y) / 2 : (before.x + after.x) / 2,
      })
    }
  }
  const lines = new Map<string, Seg[]>()
  for (const s of segs) {
    const key = `${s.horizontal ? 'h' : 'v'}${Math.round(s.at * 2)}`
    const list = lines.get(key) ?? []
    list.push(s)
    lines.set(key, list)
  }
  const shifts: { seg: Seg; by: number }[] = []
  for (const list of lines.values()) {
    if (list.length < 2) continue
    list.sort((a, b) => a.lo - b.lo)
    let cluster: Seg[] = []
    let end = -Infinity
    const flush = (): void => {
      const routesIn = new Set(cluster.map((s) => s.route))
      if (routesIn.size > 1) {
        const sorted = [...cluster].sort((a, b) => a.side - b.side || (a.route < b.route ? -1 : 1))
        const n = sorted.length
        const step = Math.min(5, (2 * room) / Math.max(1, n - 1))
        sorted.forEach((seg, i) => shifts.push({ seg, by: (i - (n - 1) / 2) * step }))
      }
      cluster = []
    }
    for (const s of list) {
      if (cluster.length > 0 && s.lo >= end - 1) flush()
      cluster.push(s)
      end = Math.max(end, s.hi)
    }
    flush()
  }
  for (const { seg, by: want } of shifts) {
    const pts = routes.get(seg.route)!
    const a = pts[seg.k]
    const b = pts[seg.k + 1]
    let by = want
    // The stretches next to a port stay clear of the handle, which sits a few px off the node.
    if (!seg.horizontal && seg.k === 1) by = Math.max(by, pts[0].x + PORT_CLEARANCE - a.x)
    if (!seg.horizontal && seg.k + 1 === pts.length - 2) by = Math.min(by, pts[pts.length - 1].x - PORT_CLEARANCE - a.x)
    if (seg.horizontal) {
      pts[seg.k] = { x: a.x, y: a.y + by }
      pts[seg.k + 1] = { x: b.x, y: b.y + by }
    } else {
      pts[seg.k] = { x: a.x + by, y: a.y }
      pts[seg.k + 1] = { x: b.x + by, y: b.y }
    }
  }
}
