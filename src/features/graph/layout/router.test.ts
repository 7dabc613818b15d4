import { describe, expect, it } from 'vitest'
import { routeEdges, simplify } from './router.ts'
import type { RouterNode } from './router.ts'
import { edgeCrossings, segmentHitsRect } from './geometry.ts'
import { SPACING } from './spacing.ts'

const leaf = (id: string, x: number, y: number, parent?: string): RouterNode => ({ id, rect: { x, y, width: 100, height: 30 }, isGroup: false, ...(parent ? { parent } : {}) })

describe('routeEdges', () => {
  it('goes around a node standing between source and target', () => {
    const nodes = [leaf('a', 0, 100), leaf('block', 200, 100), leaf('b', 400, 100)]
    const routes = routeEdges(nodes, [{ id: 'e', source: 'a', target: 'b' }])
    const pts = routes.get('e')!
    expect(pts[0]).toEqual({ x: 100, y: 115 })
    expect(pts[pts.length - 1]).toEqual({ x: 400, y: 115 })
    expect(edgeCrossings(nodes, [{ id: 'e', source: 'a', target: 'b', points: pts }])).toEqual([])
    // It keeps the margin from the node it passes.
    const block = { x: 200 - SPACING.routeMargin + 1, y: 100 - SPACING.routeMargin + 1, width: 100 + 2 * SPACING.routeMargin - 2, height: 30 + 2 * SPACING.routeMargin - 2 }
    for (let i = 1; i < pts.length; i++) expect(segmentHitsRect(pts[i - 1], pts[i], block)).toBe(false)
  })

  it('runs straight when nothing is in the way', () => {
    const routes = routeEdges([leaf('a', 0, 0), leaf('b', 300, 0)], [{ id: 'e', source: 'a', target: 'b' }])
    expect(routes.get('e')).toEqual([{ x: 100, y: 15 }, { x: 300, y: 15 }])
  })

  it('stays out of a namespace it has nothing to do with, and off namespace titles', () => {
    const ns: RouterNode = { id: 'ns/x', rect: { x: 150, y: 0, width: 200, height: 200 }, isGroup: true, title: { x: 148, y: -2, width: 120, height: 34 } }
    const nodes = [leaf('a', 0, 85), ns, leaf('wl/x/in', 200, 85, 'ns/x'), leaf('b', 500, 85)]
    const routes = routeEdges(nodes, [
      { id: 'through', source: 'a', target: 'b' },
      { id: 'in', source: 'a', target: 'wl/x/in' },
    ])
    const geo = [...routes].map(([id, points]) => ({ id, source: 'a', target: id === 'in' ? 'wl/x/in' : 'b', points }))
    expect(edgeCrossings(nodes, geo)).toEqual([])
    for (const pts of routes.values()) for (let i = 1; i < pts.length; i++) expect(segmentHitsRect(pts[i - 1], pts[i], ns.title!)).toBe(false)
  })

  it('draws a self-loop around its node', () => {
    const nodes = [leaf('a', 0, 100)]
    const pts = routeEdges(nodes, [{ id: 'e', source: 'a', target: 'a' }]).get('e')!
    expect(pts.length).toBeGreaterThan(4)
    expect(edgeCrossings(nodes, [{ id: 'e', source: 'a', target: 'a', points: pts }], 0)).toEqual([])
    for (let i = 1; i < pts.length; i++) expect(segmentHitsRect(pts[i - 1], pts[i], { x: 1, y: 101, width: 98, height: 28 })).toBe(false)
  })

  it('pulls apart two rules between the same pair, so each line can be followed', () => {
    const nodes = [leaf('a', 0, 0), leaf('b', 400, 300)]
    const routes = routeEdges(nodes, [
      { id: 'r1', source: 'a', target: 'b' },
      { id: 'r2', source: 'a', target: 'b' },
    ])
    const vertical = (pts: { x: number; y: number }[]) => pts.slice(1).flatMap((p, i) => (p.x === pts[i].x ? [p.x] : []))
    const one = vertical(routes.get('r1')!)
    const two = vertical(routes.get('r2')!)
    expect(one.length).toBeGreaterThan(0)
    expect(one.filter((x) => two.includes(x))).toEqual([])
    // Both still start and end at the ports.
    expect(routes.get('r2')![0]).toEqual({ x: 100, y: 15 })
    expect(routes.get('r2')!.at(-1)).toEqual({ x: 400, y: 315 })
  })
})

describe('simplify', () => {
  it('drops repeated and collinear points', () => {
    expect(simplify([{ x: 0, y: 0 }, { x: 5, y: 0 }, { x: 5, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 5 }])).toEqual([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 5 }])
  })
})
