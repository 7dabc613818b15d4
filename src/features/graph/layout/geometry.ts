/**
 * Plane geometry for the cluster map, and the checks that keep the picture honest: no edge
 * passes over a node that is not its source, its target or a namespace holding one of them, and
 * no label covers a node, a namespace title or another label. The router and label placement
 * use these, unit tests call them on laid-out examples, and the e2e layout spec runs the same
 * checks on geometry read from the DOM.
 */
import type { Point } from './layout-types.ts'

export interface Rect {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

export function inflate(r: Rect, d: number): Rect {
  return { x: r.x - d, y: r.y - d, width: r.width + 2 * d, height: r.height + 2 * d }
}

/** True when the two rectangles share some area (touching edges do not count). */
export function rectsOverlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

export function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return w > 0 && h > 0 ? w * h : 0
}

/** True when the segment a→b passes through the open interior of `r` (Liang–Barsky clipping). */
export function segmentHitsRect(a: Point, b: Point, r: Rect): boolean {
  if (r.width <= 0 || r.height <= 0) return false
  const dx = b.x - a.x
  const dy = b.y - a.y
  let t0 = 0
  let t1 = 1
  const clip = (p: number, q: number): boolean => {
    if (p === 0) return q > 0
    const t = q / p
    if (p < 0) {
      if (t > t1) return false
      if (t > t0) t0 = t
    } else {
      if (t < t0) return false
      if (t < t1) t1 = t
    }
    return true
  }
  const inside =
    clip(-dx, a.x - r.x) && clip(dx, r.x + r.width - a.x) && clip(-dy, a.y - r.y) && clip(dy, r.y + r.height - a.y)
  if (!inside || t1 - t0 <= 1e-9) return false
  // The clipped piece must lie strictly inside, not along a border.
  const mx = a.x + dx * ((t0 + t1) / 2)
  const my = a.y + dy * ((t0 + t1) / 2)
  return mx > r.x && mx < r.x + r.width && my > r.y && my < r.y + r.height
}

export interface GeoNode {
  readonly id: string
  /** Absolute rectangle. */
  readonly rect: Rect
  readonly parent?: string
  readonly isGroup?: boolean
}

export interface GeoEdge {
  readonly id: string
  readonly source: string
  readonly target: string
  /** Absolute polyline; curves may be given as sampled points. */
  readonly points: readonly Point[]
}

export interface GeoLabel {
  readonly edge: string
  readonly rect: Rect
}

export interface Collision {
  readonly edge: string
  /** The node, or `label:<edge id>` for another edge's label. */
  readonly other: string
}

/** The nodes an edge may touch: its ends and every namespace holding one of them. */
export function allowedNodes(edge: Pick<GeoEdge, 'source' | 'target'>, parentOf: ReadonlyMap<string, string | undefined>): Set<string> {
  const out = new Set<string>()
  for (const end of [edge.source, edge.target]) {
    let cur: string | undefined = end
    while (cur !== undefined && !out.has(cur)) {
      out.add(cur)
      cur = parentOf.get(cur)
    }
  }
  return out
}

/** The namespaces holding either end of an edge (not the ends themselves). */
export function holdingGroups(edge: Pick<GeoEdge, 'source' | 'target'>, parentOf: ReadonlyMap<string, string | undefined>): Set<string> {
  const out = new Set<string>()
  for (const end of [edge.source, edge.target]) {
    let cur = parentOf.get(end)
    while (cur !== undefined && !out.has(cur)) {
      out.add(cur)
      cur = parentOf.get(cur)
    }
  }
  return out
}

/**
 * Every (edge, node) pair where an edge segment crosses a node it has no business with.
 * `inset` shrinks each node first, so a line drawn along a border or a rounding error of the
 * DOM does not count.
 */
export function edgeCrossings(nodes: readonly GeoNode[], edges: readonly GeoEdge[], inset = 1): Collision[] {
  const parentOf = new Map(nodes.map((n) => [n.id, n.parent]))
  const out: Collision[] = []
  for (const e of edges) {
    const allowed = allowedNodes(e, parentOf)
    for (const n of nodes) {
      if (allowed.has(n.id)) continue
      const r = inflate(n.rect, -inset)
      for (let i = 1; i < e.points.length; i++) {
        if (segmentHitsRect(e.points[i - 1], e.points[i], r)) {
          out.push({ edge: e.id, other: n.id })
          break
        }
      }
    }
  }
  return out
}

/**
 * Labels that cover a node (a namespace box unless it holds an end of the edge), a namespace's
 * title strip (`header` px tall), or another label.
 */
export function labelCollisions(
  nodes: readonly GeoNode[],
  edges: readonly Pick<GeoEdge, 'id' | 'source' | 'target'>[],
  labels: readonly GeoLabel[],
  header: number,
  inset = 1,
): Collision[] {
  const parentOf = new Map(nodes.map((n) => [n.id, n.parent]))
  const byId = new Map(edges.map((e) => [e.id, e]))
  const out: Collision[] = []
  labels.forEach((l, i) => {
    const r = inflate(l.rect, -inset)
    const e = byId.get(l.edge)
    const allowed = e ? holdingGroups(e, parentOf) : new Set<string>()
    for (const n of nodes) {
      if (n.isGroup) {
        const title = { x: n.rect.x, y: n.rect.y, width: n.rect.width, height: Math.min(header, n.rect.height) }
        const hit = allowed.has(n.id) ? rectsOverlap(r, title) : rectsOverlap(r, n.rect)
        if (hit) out.push({ edge: l.edge, other: n.id })
      } else if (rectsOverlap(r, n.rect)) out.push({ edge: l.edge, other: n.id })
    }
    for (let j = i + 1; j < labels.length; j++) {
      if (rectsOverlap(r, labels[j].rect)) out.push({ edge: l.edge, other: `label:${labels[j].edge}` })
    }
  })
  return out
}

/** Length of a polyline. */
export function polylineLength(points: readonly Point[]): number {
  let s = 0
  for (let i = 1; i < points.length; i++) s += Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y)
  return s
}
