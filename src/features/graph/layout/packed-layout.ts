/**
 * The cluster map's arrangement, in two dimensions so it fills the pane instead of one long
 * strip: namespace boxes packed in rows (the row width picked by trying several and keeping the
 * one that fits the pane at the largest zoom), peers that only send from outside the cluster in a
 * column on the left, outside destinations in a column on the right (each level with the node it
 * talks to), and cluster entities, host nodes and cluster-wide selectors in a band below.
 * Deterministic: the same input gives the same picture. O(n log n) but for the interiors.
 */
import { layerRanks, layoutInterior } from './group-interior.ts'
import type { InteriorEdge } from './group-interior.ts'
import type { Layout, LayoutInput, LayoutNodeInput, LayoutRole, Placement } from './layout-types.ts'
import { SPACING } from './spacing.ts'
import { byId, columnsPlan, packBand, packRows, rowWidth, rowsPlan } from './pack-plans.ts'
import type { Box, PackPlan } from './pack-plans.ts'

const DEFAULT_VIEWPORT = { width: 1000, height: 800 }
/** The band wraps only past this width (or the boxes' width), so a few entities stay in one row. */
const BAND_MIN_WIDTH = 900
/** No fit zooms in further than this (fit.ts), so larger scores are ties. */
const MAX_SCORE = 1.2

export function roleOf(n: LayoutNodeInput, ids: ReadonlySet<string>): LayoutRole {
  if (n.isGroup) return 'group'
  if (n.role === 'member' || (n.role === undefined && n.parent !== undefined)) {
    return n.parent !== undefined && ids.has(n.parent) ? 'member' : 'cluster'
  }
  return n.role ?? 'cluster'
}

function labelRoomX(w: number | undefined): number {
  return Math.min(SPACING.maxGap, (w ?? 0) + 2 * SPACING.labelMargin)
}
function labelRoomY(h: number | undefined): number {
  return (h ?? 0) + 2 * SPACING.labelMargin + 2 * SPACING.routeMargin
}

export function packedLayout(input: LayoutInput): Layout {
  const viewport = input.viewport ?? DEFAULT_VIEWPORT
  const ids = new Set(input.nodes.map((n) => n.id))
  const nodes = [...input.nodes].sort(byId)
  const role = new Map(nodes.map((n) => [n.id, roleOf(n, ids)]))
  const node = new Map(nodes.map((n) => [n.id, n]))
  /** Top-level unit of each node: its group for members, itself otherwise. */
  const unit = (id: string): string => (role.get(id) === 'member' ? node.get(id)!.parent! : id)

  // Interiors of the namespace boxes.
  const members = new Map<string, LayoutNodeInput[]>()
  for (const n of nodes) if (role.get(n.id) === 'member') members.set(n.parent!, [...(members.get(n.parent!) ?? []), n])
  const inner = new Map<string, InteriorEdge[]>()
  for (const e of input.edges) {
    if (!ids.has(e.source) || !ids.has(e.target)) continue
    if (role.get(e.source) !== 'member' || role.get(e.target) !== 'member') continue
    const g = node.get(e.source)!.parent!
    if (node.get(e.target)!.parent !== g) continue
    inner.set(g, [...(inner.get(g) ?? []), { source: e.source, target: e.target, labelWidth: e.labelWidth ?? 0, labelHeight: e.labelHeight ?? 0 }])
  }
  const out = new Map<string, Placement>()
  const groups: Box[] = []
  for (const g of nodes.filter((n) => role.get(n.id) === 'group')) {
    const kids = members.get(g.id) ?? []
    const interior = layoutInterior(kids, inner.get(g.id) ?? [])
    for (const k of kids) {
      const p = interior.positions.get(k.id)!
      out.set(k.id, { x: SPACING.nsPadX + p.x, y: SPACING.nsPadTop + p.y, width: k.width, height: k.height })
    }
    const width = Math.max(g.width, interior.width + 2 * SPACING.nsPadX)
    const height = kids.length === 0 ? g.height : Math.max(g.height, SPACING.nsPadTop + interior.height + SPACING.nsPadBottom)
    // Centre a narrow interior under a wide title.
    const shift = (width - (interior.width + 2 * SPACING.nsPadX)) / 2
    if (shift > 0) for (const k of kids) out.set(k.id, { ...out.get(k.id)!, x: out.get(k.id)!.x + shift })
    groups.push({ id: g.id, width, height })
  }

  // Which side each outside peer goes: left when it only sends.
  const sends = new Map<string, number>()
  const receives = new Map<string, number>()
  for (const e of input.edges) {
    if (e.source === e.target) continue
    sends.set(e.source, (sends.get(e.source) ?? 0) + 1)
    receives.set(e.target, (receives.get(e.target) ?? 0) + 1)
  }
  const left: LayoutNodeInput[] = []
  const right: LayoutNodeInput[] = []
  const band: LayoutNodeInput[] = []
  for (const n of nodes) {
    const r = role.get(n.id)
    if (r === 'external') ((sends.get(n.id) ?? 0) > 0 && (receives.get(n.id) ?? 0) === 0 ? left : right).push(n)
    else if (r === 'cluster') band.push(n)
  }

  // Label room between units, from the labels of the edges between them.
  const pairRoom = new Map<string, number>()
  let leftGap = 0
  let rightGap = 0
  let bandGap = 0
  let rowGap: number = SPACING.minRowGap
  const sideOf = new Map<string, 'left' | 'right' | 'band'>()
  for (const n of left) sideOf.set(n.id, 'left')
  for (const n of right) sideOf.set(n.id, 'right')
  for (const n of band) sideOf.set(n.id, 'band')
  for (const e of input.edges) {
    if (!ids.has(e.source) || !ids.has(e.target)) continue
    const a = unit(e.source)
    const b = unit(e.target)
    if (a === b) continue
    const key = a < b ? `${a}|${b}` : `${b}|${a}`
    pairRoom.set(key, Math.max(pairRoom.get(key) ?? 0, labelRoomX(e.labelWidth)))
    const sides = [sideOf.get(a), sideOf.get(b)]
    if (sides.includes('left')) leftGap = Math.max(leftGap, labelRoomX(e.labelWidth))
    if (sides.includes('right')) rightGap = Math.max(rightGap, labelRoomX(e.labelWidth))
    if (sides.includes('band')) bandGap = Math.max(bandGap, labelRoomY(e.labelHeight))
    if (!sides[0] && !sides[1]) rowGap = Math.max(rowGap, labelRoomY(e.labelHeight))
  }
  const gapBetween = (a: string, b: string, min: number): number => Math.max(min, pairRoom.get(a < b ? `${a}|${b}` : `${b}|${a}`) ?? 0)
  leftGap = Math.max(SPACING.minColGap, leftGap)
  rightGap = Math.max(SPACING.minColGap, rightGap)
  bandGap = Math.max(SPACING.minRowGap, bandGap)
  rowGap = Math.min(rowGap, 140)

  const columnHeight = (col: readonly LayoutNodeInput[]): number => col.reduce((s, n) => s + n.height + SPACING.nodeGapY, -SPACING.nodeGapY)
  const leftW = left.length > 0 ? Math.max(...left.map((n) => n.width)) : 0
  const rightW = right.length > 0 ? Math.max(...right.map((n) => n.width)) : 0
  const sideW = (leftW > 0 ? leftW + leftGap : 0) + (rightW > 0 ? rightGap + rightW : 0)
  const colH = Math.max(left.length > 0 ? columnHeight(left) : 0, right.length > 0 ? columnHeight(right) : 0)

  // Candidate arrangements of the boxes: columns in traffic order, and rows of every width from
  // one box a row to all in one. Keep the one that fits the viewport at the largest zoom (up to
  // what a fit ever uses); on a tie, the columns (they read in traffic order), then fewer rows.
  const { order, rank } = groupOrder(groups, input, unit, role)
  const plans: PackPlan[] = [columnsPlan(order, rank, gapBetween, rowGap, links(input, unit, role, groups))]
  const widest = Math.max(0, ...order.map((b) => b.width))
  const total = order.reduce((s, b) => s + b.width + SPACING.minColGap, 0)
  const limits = new Set<number>([widest])
  for (let i = 1; i <= 24; i++) limits.add(widest + ((total - widest) * i) / 24)
  for (const limit of [...limits].sort((a, b) => a - b)) plans.push(rowsPlan(packRows(order, limit, gapBetween), gapBetween, rowGap))
  let best: { plan: PackPlan; score: number; area: number } | null = null
  for (const plan of plans) {
    const bandRows = packBand(band, Math.max(plan.width, BAND_MIN_WIDTH), gapBetween)
    const bandH = bandRows.length === 0 ? 0 : bandRows.reduce((s, r) => s + Math.max(...r.map((n) => n.height)), 0) + (bandRows.length - 1) * SPACING.nodeGapY + (plan.height > 0 ? bandGap : 0)
    const bandW = Math.max(0, ...bandRows.map((r) => rowWidth(r, gapBetween)))
    const w = Math.max(plan.width, bandW) + sideW
    const h = Math.max(plan.height, colH) + bandH
    const score = Math.min(MAX_SCORE, viewport.width / Math.max(w, 1), viewport.height / Math.max(h, 1))
    const better =
      !best ||
      score > best.score + 1e-6 ||
      (Math.abs(score - best.score) <= 1e-6 &&
        (plan.columns !== best.plan.columns ? plan.columns : plan.rows !== best.plan.rows ? plan.rows < best.plan.rows : w * h < best.area))
    if (better) best = { plan, score, area: w * h }
  }

  // Place the boxes.
  const packX = leftW > 0 ? leftW + leftGap : 0
  let packW = 0
  if (best) {
    for (const b of order) {
      const p = best.plan.pos.get(b.id)!
      out.set(b.id, { x: packX + p.x, y: p.y, width: b.width, height: b.height })
    }
    packW = best.plan.width
  }
  const packBottom = best?.plan.height ?? 0

  // The band below the boxes, each entity under the nodes it talks to.
  const abs = (id: string): { x: number; y: number; width: number; height: number } | undefined => {
    const p = out.get(id)
    if (!p) return undefined
    const n = node.get(id)
    if (role.get(id) === 'member' && n?.parent) {
      const g = out.get(n.parent)
      if (!g) return undefined
      return { x: g.x + p.x, y: g.y + p.y, width: p.width ?? n.width, height: p.height ?? n.height }
    }
    return { x: p.x, y: p.y, width: p.width ?? n?.width ?? 0, height: p.height ?? n?.height ?? 0 }
  }
  const neighbours = new Map<string, string[]>()
  for (const e of input.edges) {
    if (e.source === e.target) continue
    neighbours.set(e.source, [...(neighbours.get(e.source) ?? []), e.target])
    neighbours.set(e.target, [...(neighbours.get(e.target) ?? []), e.source])
  }
  const meanX = (id: string): number => {
    const xs = (neighbours.get(id) ?? []).map(abs).filter((r) => r !== undefined).map((r) => r.x + r.width / 2)
    return xs.length === 0 ? Infinity : xs.reduce((s, v) => s + v, 0) / xs.length
  }
  // Under what they talk to; among themselves, senders first.
  const inBand = new Set(band.map((b) => b.id))
  const bandRank = layerRanks(
    band.map((b) => b.id),
    input.edges.filter((e) => inBand.has(e.source) && inBand.has(e.target)),
  )
  const bandSorted = [...band].sort((a, b) => meanX(a.id) - meanX(b.id) || bandRank.get(a.id)! - bandRank.get(b.id)! || byId(a, b))
  let by = packBottom + (order.length > 0 ? bandGap : 0)
  for (const row of packBand(bandSorted, Math.max(packW, BAND_MIN_WIDTH), gapBetween)) {
    let x = packX
    row.forEach((n, i) => {
      if (i > 0) x += gapBetween(row[i - 1].id, n.id, SPACING.minColGap)
      out.set(n.id, { x, y: by, width: n.width, height: n.height })
      x += n.width
    })
    packW = Math.max(packW, x - packX)
    by += Math.max(...row.map((n) => n.height)) + SPACING.nodeGapY
  }

  // The side columns, each node level with the first node it talks to.
  placeColumn(left, 0, leftW, 'right', out, neighbours, abs)
  placeColumn(right, packX + packW + rightGap, rightW, 'left', out, neighbours, abs)
  return out
}

/** Namespace boxes in the order traffic runs between them (senders first), ties by id. */
function groupOrder(
  groups: readonly Box[],
  input: LayoutInput,
  unit: (id: string) => string,
  role: ReadonlyMap<string, LayoutRole>,
): { order: Box[]; rank: Map<string, number> } {
  const rank = layerRanks(groups.map((g) => g.id), links(input, unit, role, groups))
  return { order: [...groups].sort((a, b) => rank.get(a.id)! - rank.get(b.id)! || byId(a, b)), rank }
}

/** Edges between namespace boxes (members mapped to their box). */
function links(input: LayoutInput, unit: (id: string) => string, role: ReadonlyMap<string, LayoutRole>, groups: readonly Box[]): { source: string; target: string }[] {
  const isGroup = new Set(groups.map((g) => g.id))
  const out: { source: string; target: string }[] = []
  for (const e of input.edges) {
    if (!role.has(e.source) || !role.has(e.target)) continue
    const a = unit(e.source)
    const b = unit(e.target)
    if (a !== b && isGroup.has(a) && isGroup.has(b)) out.push({ source: a, target: b })
  }
  return out
}

function placeColumn(
  col: readonly LayoutNodeInput[],
  x: number,
  width: number,
  align: 'left' | 'right',
  out: Map<string, Placement>,
  neighbours: ReadonlyMap<string, string[]>,
  abs: (id: string) => { x: number; y: number; width: number; height: number } | undefined,
): void {
  const want = new Map<string, number>()
  for (const n of col) {
    const ys = (neighbours.get(n.id) ?? []).map(abs).filter((r) => r !== undefined).map((r) => r.y + r.height / 2)
    want.set(n.id, ys.length === 0 ? Infinity : Math.min(...ys))
  }
  const sorted = [...col].sort((a, b) => want.get(a.id)! - want.get(b.id)! || byId(a, b))
  let bottom = -Infinity
  for (const n of sorted) {
    const w = want.get(n.id)!
    const desired = w === Infinity ? (bottom === -Infinity ? 0 : bottom + SPACING.nodeGapY) : w - n.height / 2
    const y = bottom === -Infinity ? desired : Math.max(desired, bottom + SPACING.nodeGapY)
    out.set(n.id, { x: align === 'right' ? x + width - n.width : x, y, width: n.width, height: n.height })
    bottom = y + n.height
  }
}
