/**
 * A deterministic O(n) layout: namespaces as boxes in rows, their workloads in a grid inside,
 * peers outside the cluster in a column on the right and host nodes on the left. Used as the
 * first paint and for graphs too large for ELK to finish quickly.
 */
import { isHostId } from '../../../domain/graph/handles.ts'
import type { Layout, LayoutInput, LayoutNodeInput, Placement } from './layout-types.ts'

const PAD = 28
const GAP = 24
const HEADER = 30
const ROW_WIDTH = 2200

export function gridLayout(input: LayoutInput): Layout {
  const out = new Map<string, Placement>()
  const children = new Map<string, LayoutNodeInput[]>()
  const groups: LayoutNodeInput[] = []
  const loose: LayoutNodeInput[] = []
  for (const n of input.nodes) {
    if (n.isGroup) groups.push(n)
    else if (n.parent !== undefined) {
      const list = children.get(n.parent) ?? []
      list.push(n)
      children.set(n.parent, list)
    } else loose.push(n)
  }
  const hosts = loose.filter((n) => isHostId(n.id))
  const outside = loose.filter((n) => !isHostId(n.id))

  let left = 0
  hosts.forEach((n, i) => out.set(n.id, { x: 0, y: i * (n.height + GAP) }))
  if (hosts.length > 0) left = Math.max(...hosts.map((n) => n.width)) + 3 * GAP

  let x = left
  let y = 0
  let rowHeight = 0
  for (const g of groups) {
    const kids = children.get(g.id) ?? []
    const cols = Math.max(1, Math.min(4, Math.ceil(Math.sqrt(kids.length))))
    const colWidth = Math.max(160, ...kids.map((k) => k.width))
    kids.forEach((k, i) => {
      out.set(k.id, {
        x: PAD + (i % cols) * (colWidth + GAP),
        y: HEADER + PAD / 2 + Math.floor(i / cols) * (k.height + GAP),
      })
    })
    const rows = Math.ceil(kids.length / cols)
    const width = Math.max(220, PAD * 2 + cols * colWidth + (cols - 1) * GAP)
    const height = HEADER + PAD + Math.max(1, rows) * (46 + GAP)
    if (x > left && x + width > left + ROW_WIDTH) {
      x = left
      y += rowHeight + 3 * GAP
      rowHeight = 0
    }
    out.set(g.id, { x, y, width, height })
    x += width + 3 * GAP
    rowHeight = Math.max(rowHeight, height)
  }
  const right = Math.max(x, left + 240) + 2 * GAP
  outside.forEach((n, i) => out.set(n.id, { x: right, y: i * (n.height + GAP) }))
  return out
}
