/**
 * Puts each edge label on its own edge where it covers no node, no namespace title and no other
 * label: candidate spots slide along every stretch of the route (on the line first, beside it
 * next) and the best free one wins, preferring horizontal stretches, the middle of the route and
 * spots that hide few other edges.
 */
import type { Point } from './layout-types.ts'
import type { Rect } from './geometry.ts'
import { holdingGroups, inflate, overlapArea, rectsOverlap, segmentHitsRect } from './geometry.ts'

export interface LabelNode {
  readonly id: string
  readonly rect: Rect
  readonly parent?: string
  readonly isGroup: boolean
}

export interface LabelRequest {
  readonly id: string
  readonly source: string
  readonly target: string
  readonly width: number
  readonly height: number
}

interface Candidate {
  readonly x: number
  readonly y: number
  readonly cost: number
}

const FRACTIONS = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9, 0.02, 0.98]

/** Label centres by edge id, for the edges that have a route and a label. */
export function placeLabels(
  nodes: readonly LabelNode[],
  requests: readonly LabelRequest[],
  routes: ReadonlyMap<string, readonly Point[]>,
  header: number,
): Map<string, Point> {
  const parentOf = new Map(nodes.map((n) => [n.id, n.parent]))
  const rectOf = new Map(nodes.map((n) => [n.id, n.rect]))
  const bucket = new SpatialIndex(160)
  nodes.forEach((n, i) => bucket.add(n.rect, i))
  const titles = nodes.filter((n) => n.isGroup).map((n) => ({ id: n.id, rect: { ...n.rect, height: Math.min(header, n.rect.height) } }))
  const placed: Rect[] = []
  const out = new Map<string, Point>()
  // Big labels first: they have the fewest places to go.
  const order = [...requests].filter((r) => routes.has(r.id)).sort((a, b) => b.width * b.height - a.width * a.height || (a.id < b.id ? -1 : 1))
  const allSegments: { a: Point; b: Point; edge: string }[] = []
  for (const [edge, pts] of routes) for (let i = 1; i < pts.length; i++) allSegments.push({ a: pts[i - 1], b: pts[i], edge })

  for (const req of order) {
    const pts = routes.get(req.id)!
    const allowed = holdingGroups(req, parentOf)
    const total = pts.reduce((s, p, i) => (i === 0 ? 0 : s + Math.abs(p.x - pts[i - 1].x) + Math.abs(p.y - pts[i - 1].y)), 0)
    // Everything a candidate spot could touch: near the route, within a label's size of it.
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity
    for (const p of pts) {
      x0 = Math.min(x0, p.x)
      y0 = Math.min(y0, p.y)
      x1 = Math.max(x1, p.x)
      y1 = Math.max(y1, p.y)
    }
    const reach = { x: x0 - req.width - 8, y: y0 - 2 * req.height - 12, width: x1 - x0 + 2 * req.width + 16, height: y1 - y0 + 4 * req.height + 24 }
    const near: Rect[] = []
    for (const i of bucket.query(reach)) {
      const n = nodes[i]
      if (!(n.isGroup && allowed.has(n.id))) near.push(inflate(n.rect, 3))
    }
    for (const t of titles) if (allowed.has(t.id) && rectsOverlap(t.rect, reach)) near.push(inflate(t.rect, 2))
    for (const p of placed) if (rectsOverlap(p, reach)) near.push(inflate(p, 3))
    const lines = allSegments.filter((sg) => sg.edge !== req.id && rectsOverlap(reach, { x: Math.min(sg.a.x, sg.b.x), y: Math.min(sg.a.y, sg.b.y), width: Math.abs(sg.a.x - sg.b.x) + 1, height: Math.abs(sg.a.y - sg.b.y) + 1 }))
    const holders = [...allowed].map((id) => rectOf.get(id)).filter((r) => r !== undefined)
    // A label half in, half out of a namespace reads as sitting on its border.
    const straddles = (r: Rect): boolean => {
      for (const g of holders) {
        if (rectsOverlap(r, g) && !(r.x >= g.x && r.y >= g.y && r.x + r.width <= g.x + g.width && r.y + r.height <= g.y + g.height)) return true
      }
      return false
    }
    const blocked = (r: Rect): number => {
      let area = 0
      for (const o of near) area += overlapArea(o, r)
      return area
    }
    let best: Candidate | null = null
    let fallback: (Candidate & { area: number }) | null = null
    let along = 0
    for (let i = 1; i < pts.length; i++) {
      const a = pts[i - 1]
      const b = pts[i]
      const horizontal = Math.abs(a.y - b.y) < 0.01
      const len = Math.abs(a.x - b.x) + Math.abs(a.y - b.y)
      if (len < 4) {
        along += len
        continue
      }
      const extent = horizontal ? req.width : req.height
      for (const f of FRACTIONS) {
        const cx = a.x + (b.x - a.x) * f
        const cy = a.y + (b.y - a.y) * f
        const mid = Math.abs(along + len * f - total / 2)
        const onSegment = len * Math.min(f, 1 - f) >= extent / 2 ? 0 : 15
        // On the line, beside it, and (when a crowded gap leaves nothing nearer) one label further off.
        const spots: [number, number, number][] = horizontal
          ? [[cx, cy, 0], [cx, cy - req.height / 2 - 4, 40], [cx, cy + req.height / 2 + 4, 42], [cx, cy - req.height * 1.5 - 8, 90], [cx, cy + req.height * 1.5 + 8, 92]]
          : [[cx, cy, 20], [cx + req.width / 2 + 4, cy, 45], [cx - req.width / 2 - 4, cy, 47]]
        for (const [x, y, kind] of spots) {
          const r = { x: x - req.width / 2, y: y - req.height / 2, width: req.width, height: req.height }
          const base = kind + onSegment + mid * 0.08
          if (best && base >= best.cost) continue
          const area = blocked(r)
          if (area > 0) {
            if (!fallback || area < fallback.area) fallback = { x, y, cost: base, area }
            continue
          }
          let hidden = straddles(r) ? 2 : 0
          for (const s of lines) if (segmentHitsRect(s.a, s.b, r)) hidden++
          const cost = base + hidden * 12
          if (!best || cost < best.cost) best = { x, y, cost }
        }
      }
      along += len
    }
    const pick = best ?? fallback
    if (!pick) continue
    out.set(req.id, { x: pick.x, y: pick.y })
    placed.push({ x: pick.x - req.width / 2, y: pick.y - req.height / 2, width: req.width, height: req.height })
  }
  return out
}

/** Uniform grid buckets of rectangle indices, for overlap queries on big pictures. */
class SpatialIndex {
  private readonly cells = new Map<string, number[]>()
  constructor(private readonly size: number) {}
  add(r: Rect, index: number): void {
    for (const key of this.keys(r)) {
      const list = this.cells.get(key) ?? []
      list.push(index)
      this.cells.set(key, list)
    }
  }
  query(r: Rect): Set<number> {
    const out = new Set<number>()
    for (const key of this.keys(r)) for (const i of this.cells.get(key) ?? []) out.add(i)
    return out
  }
  private *keys(r: Rect): Generator<string> {
    const x0 = Math.floor(r.x / this.size)
    const x1 = Math.floor((r.x + r.width) / this.size)
    const y0 = Math.floor(r.y / this.size)
    const y1 = Math.floor((r.y + r.height) / this.size)
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) yield `${x},${y}`
  }
}
