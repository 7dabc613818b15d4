/**
 * Orthogonal edge routing around nodes (after Wybrow, Marriott & Stuckey, "Orthogonal connector
 * routing", 2009): a sparse grid of candidate lines — node borders pushed out by a margin and the
 * middles of the channels between them — searched with A* where a bend costs extra and a line
 * another edge already uses costs a little more. An edge leaves its source on the right and
 * enters its target on the left (where the handles are) and never enters a node other than its
 * ends and the namespaces holding them. Overlapping stretches of different edges are then pushed
 * apart ("nudged") so each edge can be followed.
 */
import type { Point } from './layout-types.ts'
import type { Rect } from './geometry.ts'
import { inflate } from './geometry.ts'
import { SPACING } from './spacing.ts'
import { nudge } from './nudge.ts'

export interface RouterNode {
  readonly id: string
  /** Absolute rectangle. */
  readonly rect: Rect
  readonly parent?: string
  readonly isGroup: boolean
  /** A namespace's title: no edge crosses it, not even one of that namespace's own. */
  readonly title?: Rect
}

export interface RouterEdge {
  readonly id: string
  readonly source: string
  readonly target: string
}

const BEND = 30
const REUSE = 0.5

/** Where an edge leaves a node (right side, middle) and enters one (left side, middle). */
export function outPort(r: Rect): Point {
  return { x: r.x + r.width, y: r.y + r.height / 2 }
}
export function inPort(r: Rect): Point {
  return { x: r.x, y: r.y + r.height / 2 }
}

class MinHeap {
  private keys = new Float64Array(1024)
  private vals = new Int32Array(1024)
  size = 0
  push(key: number, val: number): void {
    if (this.size === this.keys.length) {
      const k = new Float64Array(this.size * 2)
      k.set(this.keys)
      this.keys = k
      const v = new Int32Array(this.size * 2)
      v.set(this.vals)
      this.vals = v
    }
    let i = this.size++
    while (i > 0) {
      const p = (i - 1) >> 1
      if (this.keys[p] <= key) break
      this.keys[i] = this.keys[p]
      this.vals[i] = this.vals[p]
      i = p
    }
    this.keys[i] = key
    this.vals[i] = val
  }
  pop(): number {
    const top = this.vals[0]
    const key = this.keys[--this.size]
    const val = this.vals[this.size]
    let i = 0
    for (;;) {
      let c = 2 * i + 1
      if (c >= this.size) break
      if (c + 1 < this.size && this.keys[c + 1] < this.keys[c]) c++
      if (this.keys[c] >= key) break
      this.keys[i] = this.keys[c]
      this.vals[i] = this.vals[c]
      i = c
    }
    this.keys[i] = key
    this.vals[i] = val
    return top
  }
}

function lowerBound(xs: Float64Array, v: number): number {
  let lo = 0
  let hi = xs.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (xs[mid] < v) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Sorted unique coordinates plus the middle of every gap wide enough to be a channel. */
function axis(values: number[]): Float64Array {
  values.sort((a, b) => a - b)
  const uniq: number[] = []
  for (const v of values) if (uniq.length === 0 || v - uniq[uniq.length - 1] > 0.25) uniq.push(v)
  const out: number[] = []
  for (let i = 0; i < uniq.length; i++) {
    if (i > 0 && uniq[i] - uniq[i - 1] >= 8) out.push((uniq[i] + uniq[i - 1]) / 2)
    out.push(uniq[i])
  }
  return Float64Array.from(out)
}

interface Obstacle {
  readonly r: Rect
  /** Index ranges of its borders on the axes. */
  a: number
  b: number
  c: number
  d: number
}

/** Routes every edge; the result is an orthogonal polyline from out-port to in-port. */
export function routeEdges(nodes: readonly RouterNode[], edges: readonly RouterEdge[]): Map<string, Point[]> {
  const M = SPACING.routeMargin
  const byId = new Map(nodes.map((n) => [n.id, n]))
  const obstacles: Obstacle[] = []
  const obstacleOf = new Map<string, number>()
  for (const n of nodes) {
    obstacleOf.set(n.id, obstacles.length)
    obstacles.push({ r: inflate(n.rect, M), a: 0, b: 0, c: 0, d: 0 })
  }
  for (const n of nodes) if (n.title) obstacles.push({ r: n.title, a: 0, b: 0, c: 0, d: 0 })
  const valid = edges.filter((e) => byId.has(e.source) && byId.has(e.target))
  const xsRaw: number[] = []
  const ysRaw: number[] = []
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const o of obstacles) {
    xsRaw.push(o.r.x, o.r.x + o.r.width)
    ysRaw.push(o.r.y, o.r.y + o.r.height)
    minX = Math.min(minX, o.r.x)
    minY = Math.min(minY, o.r.y)
    maxX = Math.max(maxX, o.r.x + o.r.width)
    maxY = Math.max(maxY, o.r.y + o.r.height)
  }
  if (obstacles.length === 0) return new Map()
  xsRaw.push(minX - 2 * M, maxX + 2 * M)
  ysRaw.push(minY - 2 * M, maxY + 2 * M)
  for (const e of valid) {
    const s = outPort(byId.get(e.source)!.rect)
    const t = inPort(byId.get(e.target)!.rect)
    xsRaw.push(s.x + M, t.x - M)
    ysRaw.push(s.y, t.y)
  }
  const xs = axis(xsRaw)
  const ys = axis(ysRaw)
  const nx = xs.length
  const ny = ys.length
  const cells = nx * ny
  const hCover = new Uint16Array(cells)
  const vCover = new Uint16Array(cells)
  for (const o of obstacles) {
    o.a = lowerBound(xs, o.r.x - 0.125)
    o.b = lowerBound(xs, o.r.x + o.r.width - 0.125)
    o.c = lowerBound(ys, o.r.y - 0.125)
    o.d = lowerBound(ys, o.r.y + o.r.height - 0.125)
    for (let j = o.c + 1; j < o.d; j++) for (let i = o.a; i < o.b; i++) hCover[j * nx + i]++
    for (let j = o.c; j < o.d; j++) for (let i = o.a + 1; i < o.b; i++) vCover[j * nx + i]++
  }
  const hUse = new Uint16Array(cells)
  const vUse = new Uint16Array(cells)
  const g = new Float64Array(cells * 2)
  const came = new Int32Array(cells * 2)
  const seen = new Uint32Array(cells * 2)
  const done = new Uint32Array(cells * 2)
  let stamp = 0
  const heap = new MinHeap()

  const ancestors = (id: string): number[] => {
    const out: number[] = []
    let cur = byId.get(id)?.parent
    while (cur !== undefined) {
      const k = obstacleOf.get(cur)
      if (k !== undefined) out.push(k)
      cur = byId.get(cur)?.parent
    }
    return out
  }

  const search = (e: RouterEdge): number[] | null => {
    const s = outPort(byId.get(e.source)!.rect)
    const t = inPort(byId.get(e.target)!.rect)
    const si = lowerBound(xs, s.x + M - 0.125)
    const sj = lowerBound(ys, s.y - 0.125)
    const ti = lowerBound(xs, t.x - M - 0.125)
    const tj = lowerBound(ys, t.y - 0.125)
    const exempt = [...new Set([...ancestors(e.source), ...ancestors(e.target)])].map((k) => obstacles[k])
    // Coverage of a grid segment by obstacles this edge may cross (the namespaces holding its ends).
    const exemptH = (i: number, j: number): number => {
      let c = 0
      for (const o of exempt) if (i >= o.a && i < o.b && j > o.c && j < o.d) c++
      return c
    }
    const exemptV = (i: number, j: number): number => {
      let c = 0
      for (const o of exempt) if (j >= o.c && j < o.d && i > o.a && i < o.b) c++
      return c
    }
    stamp++
    heap.size = 0
    const tx = xs[ti]
    const ty = ys[tj]
    // Distance plus the bends still needed: arriving means running horizontally at the target's height.
    const h = (i: number, j: number, o: number): number =>
      Math.abs(xs[i] - tx) + Math.abs(ys[j] - ty) + (j === tj ? (o === 1 ? BEND : 0) : o === 0 ? 2 * BEND : BEND)
    const start = (sj * nx + si) * 2
    seen[start] = stamp
    g[start] = 0
    came[start] = -1
    heap.push(h(si, sj, 0), start)
    const goal = tj * nx + ti
    let best = -1
    let bestCost = Infinity
    while (heap.size > 0) {
      const st = heap.pop()
      if (done[st] === stamp) continue
      done[st] = stamp
      const gc = g[st]
      if (gc >= bestCost) break
      const cell = st >> 1
      const o = st & 1
      if (cell === goal) {
        // The last stretch into the in-port runs horizontally.
        const total = gc + (o === 1 ? BEND : 0)
        if (total < bestCost) {
          bestCost = total
          best = st
        }
        continue
      }
      const i = cell % nx
      const j = (cell - i) / nx
      for (let dir = 0; dir < 4; dir++) {
        let ni = i
        let nj = j
        let seg: number
        let free: boolean
        if (dir === 0) {
          if (i + 1 >= nx) continue
          ni = i + 1
          seg = j * nx + i
          free = hCover[seg] === 0 || hCover[seg] <= exemptH(i, j)
        } else if (dir === 1) {
          if (i === 0) continue
          ni = i - 1
          seg = j * nx + i - 1
          free = hCover[seg] === 0 || hCover[seg] <= exemptH(i - 1, j)
        } else if (dir === 2) {
          if (j + 1 >= ny) continue
          nj = j + 1
          seg = j * nx + i
          free = vCover[seg] === 0 || vCover[seg] <= exemptV(i, j)
        } else {
          if (j === 0) continue
          nj = j - 1
          seg = (j - 1) * nx + i
          free = vCover[seg] === 0 || vCover[seg] <= exemptV(i, j - 1)
        }
        if (!free) continue
        const no = dir < 2 ? 0 : 1
        const len = dir < 2 ? Math.abs(xs[ni] - xs[i]) : Math.abs(ys[nj] - ys[j])
        const use = dir < 2 ? hUse[seg] : vUse[seg]
        const ns = (nj * nx + ni) * 2 + no
        const cost = gc + len * (1 + REUSE * use) + (no !== o ? BEND : 0)
        if (seen[ns] === stamp && g[ns] <= cost) continue
        seen[ns] = stamp
        g[ns] = cost
        came[ns] = st
        heap.push(cost + h(ni, nj, no), ns)
      }
    }
    if (best < 0) return null
    const cellsOnPath: number[] = []
    for (let st = best; st >= 0; st = came[st]) cellsOnPath.push(st >> 1)
    return cellsOnPath.reverse()
  }

  const order = [...valid].sort((a, b) => {
    const la = span(byId.get(a.source)!.rect, byId.get(a.target)!.rect)
    const lb = span(byId.get(b.source)!.rect, byId.get(b.target)!.rect)
    return la - lb || (a.id < b.id ? -1 : 1)
  })
  const routes = new Map<string, Point[]>()
  const byPair = new Map<string, Point[]>()
  for (const e of order) {
    const pair = `${e.source}>${e.target}`
    const known = byPair.get(pair)
    if (known) {
      routes.set(e.id, known.map((p) => ({ ...p })))
      continue
    }
    const s = outPort(byId.get(e.source)!.rect)
    const t = inPort(byId.get(e.target)!.rect)
    const path = search(e)
    let points: Point[]
    if (path) {
      for (let k = 1; k < path.length; k++) {
        const a = path[k - 1]
        const b = path[k]
        const ai = a % nx
        const bi = b % nx
        if (ai === bi) vUse[Math.min(a, b)]++
        else hUse[Math.min(a, b)]++
      }
      points = [s, ...path.map((c) => ({ x: xs[c % nx], y: ys[Math.floor(c / nx)] })), t]
    } else {
      // Boxed in (should not happen with the packed layout): a plain three-part line.
      const mx = (s.x + t.x) / 2
      points = [s, { x: mx, y: s.y }, { x: mx, y: t.y }, t]
    }
    const simple = simplify(points)
    byPair.set(pair, simple)
    routes.set(e.id, simple.map((p) => ({ ...p })))
  }
  nudge(routes, M - 3)
  return routes
}

function span(a: Rect, b: Rect): number {
  const s = outPort(a)
  const t = inPort(b)
  return Math.abs(s.x - t.x) + Math.abs(s.y - t.y)
}

/** Drops repeated and collinear points. */
export function simplify(points: readonly Point[]): Point[] {
  const out: Point[] = []
  for (const p of points) {
    const last = out[out.length - 1]
    if (last && Math.abs(last.x - p.x) < 0.01 && Math.abs(last.y - p.y) < 0.01) continue
    if (out.length >= 2) {
      const a = out[out.length - 2]
      const b = out[out.length - 1]
      if ((Math.abs(a.x - b.x) < 0.01 && Math.abs(b.x - p.x) < 0.01) || (Math.abs(a.y - b.y) < 0.01 && Math.abs(b.y - p.y) < 0.01)) {
        out[out.length - 1] = p
        continue
      }
    }
    out.push(p)
  }
  return out
}
