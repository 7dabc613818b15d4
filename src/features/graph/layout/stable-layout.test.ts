import { describe, expect, it } from 'vitest'
import { reuseLayout } from './stable-layout.ts'
import type { LayoutInput } from './layout-types.ts'

const node = (id: string, parent?: string, isGroup = false) => ({
  id,
  width: 100,
  height: 40,
  isGroup,
  ...(parent ? { parent } : {}),
})

const base: LayoutInput = {
  nodes: [node('ns/shop', undefined, true), node('wl/shop/app=a', 'ns/shop'), node('wl/shop/app=b', 'ns/shop')],
  edges: [{ id: 'e1', source: 'wl/shop/app=a', target: 'wl/shop/app=b' }],
}
const layout = new Map([
  ['ns/shop', { x: 0, y: 0, width: 300, height: 200 }],
  ['wl/shop/app=a', { x: 10, y: 40 }],
  ['wl/shop/app=b', { x: 10, y: 100 }],
])

describe('reuseLayout', () => {
  it('keeps every position when only edges change', () => {
    const next = { ...base, edges: [] }
    const r = reuseLayout({ input: base, layout }, next)
    expect(r).toEqual({ kind: 'reuse', layout })
  })
  it('gives a renamed workload the place of the one it replaced', () => {
    const next = { ...base, nodes: [base.nodes[0], base.nodes[1], node('wl/shop/app=c', 'ns/shop')] }
    const r = reuseLayout({ input: base, layout }, next)
    expect(r.kind).toBe('reuse')
    if (r.kind === 'reuse') expect(r.layout.get('wl/shop/app=c')).toEqual({ x: 10, y: 100 })
  })
  it('asks for a new layout when a node appears with no place to take', () => {
    const next = { ...base, nodes: [...base.nodes, node('entity/world')] }
    expect(reuseLayout({ input: base, layout }, next).kind).toBe('relayout')
  })
  it('lays out afresh when most of the picture is gone', () => {
    const many: LayoutInput = {
      nodes: [base.nodes[0], ...['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((x) => node(`wl/shop/app=${x}`, 'ns/shop'))],
      edges: [],
    }
    const placed = new Map(many.nodes.map((n, i) => [n.id, { x: i * 10, y: 0 }]))
    const next = { nodes: many.nodes.slice(0, 2), edges: [] }
    expect(reuseLayout({ input: many, layout: placed }, next).kind).toBe('relayout')
  })
  it('asks for a layout the first time', () => {
    expect(reuseLayout(null, base).kind).toBe('relayout')
  })
})
