/** Ways to arrange namespace boxes in the packing area: rows (shelf packing) and traffic-order columns. */
import type { LayoutNodeInput } from './layout-types.ts'
import { SPACING } from './spacing.ts'

export interface Box {
  readonly id: string
  readonly width: number
  readonly height: number
}

export const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

export interface PackPlan {
  /** Top-left of each box, relative to the packing area. */
  readonly pos: ReadonlyMap<string, { x: number; y: number }>
  readonly width: number
  readonly height: number
  readonly rows: number
  readonly columns: boolean
}

export type Gap = (a: string, b: string, min: number) => number

export function rowsPlan(rows: readonly Box[][], gap: Gap, rowGap: number): PackPlan {
  const pos = new Map<string, { x: number; y: number }>()
  let y = 0
  let width = 0
  for (const row of rows) {
    let x = 0
    row.forEach((b, i) => {
      if (i > 0) x += gap(row[i - 1].id, b.id, SPACING.minColGap)
      pos.set(b.id, { x, y })
      x += b.width
    })
    width = Math.max(width, x)
    y += Math.max(...row.map((b) => b.height)) + rowGap
  }
  return { pos, width, height: rows.length > 0 ? y - rowGap : 0, rows: rows.length, columns: false }
}

/**
 * One column per traffic rank (senders left of receivers), boxes stacked in each, columns
 * centred on the tallest; a box sits near the boxes that send to it.
 */
export function columnsPlan(order: readonly Box[], rank: ReadonlyMap<string, number>, gap: Gap, rowGap: number, edges: readonly { source: string; target: string }[]): PackPlan {
  const cols: Box[][] = []
  for (const b of order) {
    const r = rank.get(b.id)!
    ;(cols[r] ??= []).push(b)
  }
  const dense = cols.filter((c) => c !== undefined)
  const preds = new Map<string, string[]>()
  for (const e of edges) preds.set(e.target, [...(preds.get(e.target) ?? []), e.source])
  const slot = new Map<string, number>()
  const heights = dense.map((c) => c.reduce((s, b) => s + b.height, 0) + (c.length - 1) * rowGap)
  const tallest = Math.max(0, ...heights)
  const pos = new Map<string, { x: number; y: number }>()
  let x = 0
  dense.forEach((col, k) => {
    const key = (b: Box): number => {
      const ps = (preds.get(b.id) ?? []).filter((p) => slot.has(p))
      return ps.length === 0 ? Infinity : ps.reduce((s, p) => s + slot.get(p)!, 0) / ps.length
    }
    const sorted = [...col].sort((a, b) => key(a) - key(b) || byId(a, b))
    if (k > 0) {
      let g: number = SPACING.minColGap
      for (const a of dense[k - 1]) for (const b of col) g = Math.max(g, gap(a.id, b.id, SPACING.minColGap))
      x += g
    }
    let y = (tallest - heights[k]) / 2
    for (const b of sorted) {
      pos.set(b.id, { x, y })
      slot.set(b.id, y + b.height / 2)
      y += b.height + rowGap
    }
    x += Math.max(...col.map((b) => b.width))
  })
  return { pos, width: x, height: tallest, rows: Math.max(0, ...dense.map((c) => c.length)), columns: true }
}

export function rowWidth(row: readonly Box[], gap: Gap): number {
  return row.reduce((s, b, i) => s + b.width + (i > 0 ? gap(row[i - 1].id, b.id, SPACING.minColGap) : 0), 0)
}

/** Shelf packing: boxes in order, a new row when the next one would pass `limit`. */
export function packRows(order: readonly Box[], limit: number, gap: Gap): Box[][] {
  const rows: Box[][] = []
  let row: Box[] = []
  let w = 0
  for (const b of order) {
    const add = row.length === 0 ? b.width : gap(row[row.length - 1].id, b.id, SPACING.minColGap) + b.width
    if (row.length > 0 && w + add > limit + 0.5) {
      rows.push(row)
      row = [b]
      w = b.width
    } else {
      row.push(b)
      w += add
    }
  }
  if (row.length > 0) rows.push(row)
  return rows
}

export function packBand(band: readonly LayoutNodeInput[], limit: number, gap: Gap): LayoutNodeInput[][] {
  return packRows(band, limit, gap) as LayoutNodeInput[][]
}
