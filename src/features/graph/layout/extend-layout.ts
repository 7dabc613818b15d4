/**
 * An edit that brings in a new peer outside the namespaces (a new FQDN, CIDR, entity, host node)
 * adds it to the picture without moving anything else: the peer goes to the end of its column
 * or band, level with the node it talks to where that spot is free. Anything else (a new
 * workload, a new namespace) needs a new layout.
 */
import { absoluteRects } from './layout-engine.ts'
import type { Rect } from './geometry.ts'
import { rectsOverlap } from './geometry.ts'
import type { Layout, LayoutInput, Placement } from './layout-types.ts'
import { roleOf } from './packed-layout.ts'
import { SPACING } from './spacing.ts'

const SIDE_GAP = 90
/** A picture this small is laid out afresh: there is little to keep still, much to tidy. */
const MIN_KEPT = 4

export function extendLayout(previous: { input: LayoutInput; layout: Layout }, next: LayoutInput): Layout | null {
  const nextIds = new Set(next.nodes.map((n) => n.id))
  const prevIds = new Set(previous.input.nodes.map((n) => n.id))
  const added = next.nodes.filter((n) => !prevIds.has(n.id) || !previous.layout.has(n.id))
  if (added.length === 0 || previous.input.nodes.length < MIN_KEPT) return null
  const role = (n: (typeof next.nodes)[number]): string => roleOf(n, nextIds)
  if (!added.every((n) => role(n) === 'external' || role(n) === 'cluster')) return null
  // Kept nodes must keep their size too (a box whose contents changed needs a new layout).
  const prevById = new Map(previous.input.nodes.map((n) => [n.id, n]))
  for (const n of next.nodes) {
    const p = prevById.get(n.id)
    if (p && (p.width !== n.width || p.height !== n.height || p.parent !== n.parent)) return null
  }

  const kept = new Map<string, Placement>()
  for (const [id, p] of previous.layout) if (nextIds.has(id)) kept.set(id, p)
  const keptInput: LayoutInput = { nodes: next.nodes.filter((n) => kept.has(n.id)), edges: [] }
  const rects = absoluteRects(keptInput, kept)
  if (rects.size === 0) return null
  const all = [...rects.values()]
  const minX = Math.min(...all.map((r) => r.x))
  const maxX = Math.max(...all.map((r) => r.x + r.width))
  const maxY = Math.max(...all.map((r) => r.y + r.height))

  const sends = new Set<string>()
  const receives = new Set<string>()
  for (const e of next.edges) {
    if (e.source === e.target) continue
    sends.add(e.source)
    receives.add(e.target)
  }
  const peerY = (id: string): number | undefined => {
    const ys: number[] = []
    for (const e of next.edges) {
      const other = e.source === id ? e.target : e.target === id ? e.source : undefined
      const r = other !== undefined ? rects.get(other) : undefined
      if (r) ys.push(r.y + r.height / 2)
    }
    return ys.length > 0 ? Math.min(...ys) : undefined
  }
  const keptRole = new Map(keptInput.nodes.map((n) => [n.id, role(n)]))
  const column = (side: 'left' | 'right'): Rect[] =>
    keptInput.nodes
      .filter((n) => keptRole.get(n.id) === 'external' && (sends.has(n.id) && !receives.has(n.id) ? 'left' : 'right') === side)
      .map((n) => rects.get(n.id)!)
  const band = keptInput.nodes.filter((n) => keptRole.get(n.id) === 'cluster').map((n) => rects.get(n.id)!)

  const out = new Map(kept)
  const placed: Rect[] = [...all]
  const free = (r: Rect): boolean => placed.every((p) => !rectsOverlap({ x: r.x, y: r.y - SPACING.nodeGapY / 2, width: r.width, height: r.height + SPACING.nodeGapY }, p))
  for (const n of [...added].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    let r: Rect
    if (role(n) === 'external') {
      const side = sends.has(n.id) && !receives.has(n.id) ? 'left' : 'right'
      const col = column(side)
      const x = side === 'right' ? (col.length > 0 ? Math.min(...col.map((c) => c.x)) : maxX + SIDE_GAP) : (col.length > 0 ? Math.max(...col.map((c) => c.x + c.width)) : minX - SIDE_GAP) - (side === 'left' ? n.width : 0)
      const want = peerY(n.id)
      r = { x, y: want === undefined ? maxY - n.height : want - n.height / 2, width: n.width, height: n.height }
      // The nearest free spot below the wanted one, else above.
      let down = r
      while (!free(down)) down = { ...down, y: down.y + SPACING.nodeGapY }
      let up = r
      let steps = 0
      while (!free(up) && steps++ < 200) up = { ...up, y: up.y - SPACING.nodeGapY }
      r = free(up) && r.y - up.y < down.y - r.y ? up : down
    } else {
      const y = band.length > 0 ? Math.max(...band.map((b) => b.y)) : maxY + SPACING.minRowGap + 20
      const row = [...band, ...placed].filter((b) => Math.abs(b.y - y) < 1)
      const x = row.length > 0 ? Math.max(...row.map((b) => b.x + b.width)) + SPACING.minColGap : minX
      r = { x, y, width: n.width, height: n.height }
      while (!free(r)) r = { ...r, x: r.x + SPACING.minColGap }
      band.push(r)
    }
    placed.push(r)
    out.set(n.id, { x: r.x, y: r.y, width: n.width, height: n.height })
  }
  return out
}
