/**
 * The inside of one namespace box: its workloads in short layers in the direction of traffic
 * (a rule's source left of its target), or in a compact grid when layers would make the box a
 * long strip. Gaps are as wide as the labels drawn in them.
 */
import { SPACING } from './spacing.ts'

export interface InteriorNode {
  readonly id: string
  readonly width: number
  readonly height: number
}

export interface InteriorEdge {
  readonly source: string
  readonly target: string
  readonly labelWidth: number
  readonly labelHeight: number
}

export interface Interior {
  /** Content size, without the box's padding. */
  readonly width: number
  readonly height: number
  /** Top-left of each node, relative to the content's top-left. */
  readonly positions: ReadonlyMap<string, { x: number; y: number }>
}

/** A chain of this many layers or more, wider than MAX_LAYERED_ASPECT times its height, becomes a grid. */
const LONG_CHAIN = 5
const MAX_LAYERED_ASPECT = 3
/** Aspect ratio (width / height) a grid of unconnected workloads aims for. */
const GRID_ASPECT = 1.5

export function layoutInterior(nodes: readonly InteriorNode[], edges: readonly InteriorEdge[]): Interior {
  if (nodes.length === 0) return { width: 0, height: 0, positions: new Map() }
  const sorted = [...nodes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const loops = new Map<string, number>()
  for (const e of edges) if (e.source === e.target) loops.set(e.source, Math.max(loops.get(e.source) ?? 0, e.labelHeight))
  const links = edges.filter((e) => e.source !== e.target)
  const rank = layerRanks(sorted.map((n) => n.id), links)
  const layerCount = Math.max(...rank.values()) + 1
  if (links.length > 0) {
    const layered = layeredInterior(sorted, links, rank, layerCount, loops)
    if (layerCount < LONG_CHAIN || layered.width <= MAX_LAYERED_ASPECT * layered.height) return layered
  }
  return gridInterior(sorted, links, rank, loops)
}

/** Longest-path layers; cycles are broken by dropping the edges a depth-first walk finds going back. */
export function layerRanks(ids: readonly string[], edges: readonly { source: string; target: string }[]): Map<string, number> {
  const out = new Map<string, string[]>()
  const known = new Set(ids)
  for (const e of edges) {
    if (!known.has(e.source) || !known.has(e.target) || e.source === e.target) continue
    const list = out.get(e.source) ?? []
    list.push(e.target)
    out.set(e.source, list)
  }
  for (const list of out.values()) list.sort()
  const state = new Map<string, 1 | 2>()
  const order: string[] = []
  const forward = new Map<string, string[]>()
  // Iterative DFS, so a long chain cannot overflow the stack.
  for (const root of ids) {
    if (state.has(root)) continue
    const stack: { id: string; next: number }[] = [{ id: root, next: 0 }]
    state.set(root, 1)
    while (stack.length > 0) {
      const top = stack[stack.length - 1]
      const succ = out.get(top.id) ?? []
      if (top.next < succ.length) {
        const t = succ[top.next++]
        const s = state.get(t)
        if (s === 1) continue // back edge: dropped
        const f = forward.get(top.id) ?? []
        f.push(t)
        forward.set(top.id, f)
        if (s === undefined) {
          state.set(t, 1)
          stack.push({ id: t, next: 0 })
        }
      } else {
        state.set(top.id, 2)
        order.push(top.id)
        stack.pop()
      }
    }
  }
  // `order` is a post-order: reversed, it is a topological order of the forward edges.
  const rank = new Map<string, number>(ids.map((id) => [id, 0]))
  for (let i = order.length - 1; i >= 0; i--) {
    const id = order[i]
    const r = rank.get(id)!
    for (const t of forward.get(id) ?? []) if (rank.get(t)! < r + 1) rank.set(t, r + 1)
  }
  return rank
}

function labelGap(width: number): number {
  return Math.min(SPACING.maxGap, Math.max(SPACING.minLayerGap, width + 2 * SPACING.labelMargin))
}

/** Room a node with a self-loop needs above it: the loop and its label. */
function loopRoom(loops: ReadonlyMap<string, number>, id: string): number {
  const h = loops.get(id)
  return h === undefined ? 0 : h + SPACING.routeMargin + 2 * SPACING.labelMargin
}

function layeredInterior(
  nodes: readonly InteriorNode[],
  edges: readonly InteriorEdge[],
  rank: ReadonlyMap<string, number>,
  layerCount: number,
  loops: ReadonlyMap<string, number>,
): Interior {
  const byId = new Map(nodes.map((n) => [n.id, n]))
  const layers: InteriorNode[][] = Array.from({ length: layerCount }, () => [])
  for (const n of nodes) layers[rank.get(n.id)!].push(n)
  const preds = new Map<string, string[]>()
  const succs = new Map<string, string[]>()
  for (const e of edges) {
    preds.set(e.target, [...(preds.get(e.target) ?? []), e.source])
    succs.set(e.source, [...(succs.get(e.source) ?? []), e.target])
  }
  orderLayers(layers, preds, succs)

  // Each gap holds the widest label of the edges that start in the layer before it.
  const gaps = new Array<number>(Math.max(0, layerCount - 1)).fill(SPACING.minLayerGap)
  for (const e of edges) {
    const a = rank.get(e.source)!
    const b = rank.get(e.target)!
    const k = Math.min(a, b)
    if (a !== b && k < gaps.length) gaps[k] = Math.max(gaps[k], labelGap(e.labelWidth))
  }
  const layerWidth = layers.map((l) => Math.max(0, ...l.map((n) => n.width)))
  const layerX: number[] = []
  let x = 0
  layers.forEach((_, i) => {
    layerX.push(x)
    x += layerWidth[i] + (gaps[i] ?? 0)
  })

  // Vertical placement: the first layer stacked; each later node as level with the mean of its
  // predecessors as the nodes above it allow, so chains run straight.
  const centerY = new Map<string, number>()
  const topY = new Map<string, number>()
  for (const layer of layers) {
    let bottom = -Infinity
    for (const n of layer) {
      const ps = (preds.get(n.id) ?? []).filter((p) => centerY.has(p))
      const want = ps.length > 0 ? ps.reduce((s, p) => s + centerY.get(p)!, 0) / ps.length - n.height / 2 : -Infinity
      const room = loopRoom(loops, n.id)
      const min = bottom === -Infinity ? room : bottom + Math.max(SPACING.nodeGapY, room)
      const y = Math.max(want, min)
      topY.set(n.id, y)
      centerY.set(n.id, y + n.height / 2)
      bottom = y + n.height
    }
  }
  let minY = Infinity
  let maxY = -Infinity
  for (const n of nodes) {
    const y = topY.get(n.id)!
    minY = Math.min(minY, y - loopRoom(loops, n.id))
    maxY = Math.max(maxY, y + n.height)
  }
  // A label is drawn centred on its edge: the box must be tall enough for the tallest one.
  const tallest = Math.max(0, ...edges.map((e) => e.labelHeight + 2 * SPACING.labelMargin))
  const height = Math.max(maxY - minY, tallest)
  const lift = (height - (maxY - minY)) / 2
  const positions = new Map<string, { x: number; y: number }>()
  layers.forEach((layer, i) => {
    for (const n of layer) positions.set(n.id, { x: layerX[i] + (layerWidth[i] - byId.get(n.id)!.width) / 2, y: topY.get(n.id)! - minY + lift })
  })
  return { width: x, height, positions }
}

/** Barycenter ordering, a few sweeps each way; ties keep the id order. */
function orderLayers(layers: InteriorNode[][], preds: ReadonlyMap<string, string[]>, succs: ReadonlyMap<string, string[]>): void {
  const pos = new Map<string, number>()
  const index = (): void => layers.forEach((l) => l.forEach((n, i) => pos.set(n.id, i)))
  index()
  const sweep = (layer: InteriorNode[], neighbours: ReadonlyMap<string, string[]>): void => {
    const key = new Map<string, number>()
    layer.forEach((n, i) => {
      const ns = (neighbours.get(n.id) ?? []).filter((m) => pos.has(m))
      key.set(n.id, ns.length === 0 ? i : ns.reduce((s, m) => s + pos.get(m)!, 0) / ns.length)
    })
    layer.sort((a, b) => key.get(a.id)! - key.get(b.id)! || (a.id < b.id ? -1 : 1))
    layer.forEach((n, i) => pos.set(n.id, i))
  }
  for (let pass = 0; pass < 4; pass++) {
    for (let i = 1; i < layers.length; i++) sweep(layers[i], preds)
    for (let i = layers.length - 2; i >= 0; i--) sweep(layers[i], succs)
  }
}

function gridInterior(
  nodes: readonly InteriorNode[],
  edges: readonly InteriorEdge[],
  rank: ReadonlyMap<string, number>,
  loops: ReadonlyMap<string, number>,
): Interior {
  // Topological order, so most edges still point right or down.
  const order = [...nodes].sort((a, b) => rank.get(a.id)! - rank.get(b.id)! || (a.id < b.id ? -1 : 1))
  const cellW = Math.max(...nodes.map((n) => n.width))
  const cellH = Math.max(...nodes.map((n) => n.height + loopRoom(loops, n.id)))
  const gapX = edges.length > 0 ? labelGap(Math.max(...edges.map((e) => e.labelWidth))) : SPACING.minLayerGap
  const gapY = SPACING.nodeGapY + (edges.length > 0 ? Math.max(...edges.map((e) => e.labelHeight)) : 0)
  const cols = Math.max(1, Math.min(nodes.length, Math.round(Math.sqrt((nodes.length * GRID_ASPECT * (cellH + gapY)) / (cellW + gapX)))))
  const rows = Math.ceil(nodes.length / cols)
  const positions = new Map<string, { x: number; y: number }>()
  order.forEach((n, i) => {
    const c = i % cols
    const r = Math.floor(i / cols)
    positions.set(n.id, { x: c * (cellW + gapX) + (cellW - n.width) / 2, y: r * (cellH + gapY) + loopRoom(loops, n.id) })
  })
  return { width: cols * cellW + (cols - 1) * gapX, height: rows * cellH + (rows - 1) * gapY, positions }
}
