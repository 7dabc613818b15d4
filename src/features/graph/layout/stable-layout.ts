/**
 * Keeps the picture still while the user edits: a new graph reuses the previous placements when
 * its nodes are the same, and a node that replaced another in the same place (a renamed label,
 * an edited selector) takes over the old node's position. Only other changes need a new layout.
 */
import type { Layout, LayoutInput, Placement } from './layout-types.ts'

export type Reuse = { readonly kind: 'reuse'; readonly layout: Layout } | { readonly kind: 'relayout' }

export function reuseLayout(previous: { input: LayoutInput; layout: Layout } | null, next: LayoutInput): Reuse {
  if (!previous) return { kind: 'relayout' }
  const nextIds = new Set(next.nodes.map((n) => n.id))
  const prevIds = new Set(previous.input.nodes.map((n) => n.id))
  const added = next.nodes.filter((n) => !prevIds.has(n.id) || !previous.layout.has(n.id))
  const removed = previous.input.nodes.filter((n) => !nextIds.has(n.id))
  // Most of the picture gone (a new workspace, a big paste): lay out afresh rather than leave the
  // few survivors scattered over the old picture.
  if (removed.length > Math.max(3, previous.input.nodes.length / 2)) return { kind: 'relayout' }
  if (added.length === 0) return { kind: 'reuse', layout: previous.layout }

  const free = new Map<string, Placement[]>()
  for (const r of removed) {
    const p = previous.layout.get(r.id)
    if (!p || r.isGroup) continue
    const slot = `${r.parent ?? ''}`
    free.set(slot, [...(free.get(slot) ?? []), p])
  }
  const out = new Map(previous.layout)
  for (const a of added) {
    const slots = a.isGroup ? undefined : free.get(`${a.parent ?? ''}`)
    const p = slots?.shift()
    if (!p) return { kind: 'relayout' }
    out.set(a.id, p)
  }
  return { kind: 'reuse', layout: out }
}
