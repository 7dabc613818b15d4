import { describe, expect, it } from 'vitest'
import { absoluteRects, computeLayout } from './layout-engine.ts'
import { edgeCrossings, labelCollisions, rectsOverlap } from './geometry.ts'
import type { GeoNode } from './geometry.ts'
import type { LayoutInput } from './layout-types.ts'
import { NS_HEADER, NODE_FONT_PX } from './node-sizes.ts'
import { readFileSync } from 'node:fs'
import { fitArea, pictureBounds } from '../fit.ts'
import { layoutInput } from '../to-flow.ts'
import { l7Index } from '../edges/l7-lines.ts'
import { parsePolicies } from '../../../domain/policy/parse.ts'
import { buildGraph } from '../../../domain/graph/index.ts'
import { demoWithFlows, exampleInputs, foldedNamespaces, VIEWPORT } from './test-inputs.ts'

function geometry(input: LayoutInput) {
  const { layout, routes } = computeLayout(input)
  const rects = absoluteRects(input, layout)
  const nodes: GeoNode[] = input.nodes.map((n) => ({ id: n.id, rect: rects.get(n.id)!, ...(n.parent ? { parent: n.parent } : {}), isGroup: n.isGroup }))
  const edges = input.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, points: routes.get(e.id)?.points ?? [] }))
  const labels = input.edges.map((e) => {
    const c = routes.get(e.id)?.label
    return { edge: e.id, rect: { x: (c?.x ?? NaN) - e.labelWidth! / 2, y: (c?.y ?? NaN) - e.labelHeight! / 2, width: e.labelWidth!, height: e.labelHeight! } }
  })
  return { layout, routes, rects, nodes, edges, labels }
}

const bounds = (rects: Iterable<{ x: number; y: number; width: number; height: number }>) => {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity
  for (const r of rects) {
    x0 = Math.min(x0, r.x)
    y0 = Math.min(y0, r.y)
    x1 = Math.max(x1, r.x + r.width)
    y1 = Math.max(y1, r.y + r.height)
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 }
}

const withFlows = demoWithFlows()
const cases = [
  ...exampleInputs().map((e) => ({ id: e.id, input: e.input })),
  { id: '25 namespaces, folded', input: foldedNamespaces() },
  // Observed flow edges are routed and labelled like rule edges.
  { id: 'demo with demo flows', input: withFlows.input },
]

describe('the demo with demo flows', () => {
  it('holds the observed nodes and routes every flow edge', () => {
    expect(withFlows.flowEdges).toBeGreaterThan(10)
    expect(withFlows.input.edges.filter((e) => e.id.startsWith('flow/'))).toHaveLength(withFlows.flowEdges)
    expect(withFlows.graph.nodes.some((n) => n.id === 'cidr/198.51.100.23/32')).toBe(true)
  })
})

describe.each(cases)('laid out: $id', ({ input }) => {
  const g = geometry(input)
  it('places every node, members inside their namespace box', () => {
    for (const n of input.nodes) {
      expect(g.rects.has(n.id), n.id).toBe(true)
      if (n.parent) {
        const r = g.rects.get(n.id)!
        const p = g.rects.get(n.parent)!
        expect(r.x >= p.x && r.y >= p.y && r.x + r.width <= p.x + p.width && r.y + r.height <= p.y + p.height, n.id).toBe(true)
      }
    }
  })
  it('overlaps no two nodes (but a box and what it holds)', () => {
    for (const a of g.nodes) for (const b of g.nodes) {
      if (a.id >= b.id || a.parent === b.id || b.parent === a.id) continue
      expect(rectsOverlap(a.rect, b.rect), `${a.id} / ${b.id}`).toBe(false)
    }
  })
  it('routes every edge from its source’s right side to its target’s left side', () => {
    for (const e of g.edges) {
      expect(e.points.length, e.id).toBeGreaterThanOrEqual(2)
      const s = g.rects.get(e.source)!
      const t = g.rects.get(e.target)!
      expect(e.points[0]).toEqual({ x: s.x + s.width, y: s.y + s.height / 2 })
      expect(e.points[e.points.length - 1]).toEqual({ x: t.x, y: t.y + t.height / 2 })
      for (let i = 1; i < e.points.length; i++) {
        const orthogonal = e.points[i].x === e.points[i - 1].x || e.points[i].y === e.points[i - 1].y
        expect(orthogonal, `${e.id} segment ${i}`).toBe(true)
      }
    }
  })
  it('sends no edge over a node that is not its source, its target or a namespace holding them', () => {
    expect(edgeCrossings(g.nodes, g.edges)).toEqual([])
  })
  it('puts every label on its own edge, clear of nodes, titles and other labels', () => {
    expect(labelCollisions(g.nodes, g.edges, g.labels, NS_HEADER)).toEqual([])
    for (const l of g.labels) expect(Number.isFinite(l.rect.x), l.edge).toBe(true)
  })
})

describe('fit', () => {
  it('the demo fits the pane at 1440×900 with node labels at least 11 px', () => {
    const demo = exampleInputs().find((e) => e.id === 'demo')!.input
    const g = geometry(demo)
    const b = bounds(g.rects.values())
    const zoom = Math.min(VIEWPORT.width / b.width, VIEWPORT.height / b.height)
    expect(zoom * NODE_FONT_PX).toBeGreaterThanOrEqual(11)
  })
  it('the demo fits the pane at 1280×800 with node labels at least 11 px too', () => {
    // The pane at 1280×800 with the editor open, less the fit padding (fit.ts fitArea).
    const pane = fitArea({ width: 820, height: 760 })
    const text = readFileSync('public/samples/demo.yaml', 'utf8')
    const parsed = parsePolicies(text)
    const l7 = l7Index(parsed.policies)
    const input = layoutInput(buildGraph(parsed), (e) => l7(e.elementId), pane)
    const { layout, routes } = computeLayout(input)
    const byId = new Map(input.edges.map((e) => [e.id, e]))
    const b = pictureBounds(absoluteRects(input, layout).values(), routes, (id) => {
      const e = byId.get(id)
      return e?.labelWidth ? { width: e.labelWidth, height: e.labelHeight ?? 18 } : undefined
    })!
    const zoom = Math.min(pane.width / b.width, pane.height / b.height)
    expect(zoom * NODE_FONT_PX).toBeGreaterThanOrEqual(11)
  })
  it('25 namespaces fold into a near-square picture whose titles read at 11 px', () => {
    const g = geometry(foldedNamespaces())
    const b = bounds(g.rects.values())
    const zoom = Math.min(VIEWPORT.width / b.width, VIEWPORT.height / b.height)
    expect(zoom * 14).toBeGreaterThanOrEqual(11)
    expect(b.width / b.height).toBeGreaterThan(0.6)
    expect(b.width / b.height).toBeLessThan(2)
  })
  it('is deterministic', () => {
    const demo = exampleInputs().find((e) => e.id === 'demo')!.input
    expect([...computeLayout(demo).layout]).toEqual([...computeLayout({ ...demo, nodes: [...demo.nodes].reverse(), edges: [...demo.edges].reverse() }).layout])
  })
})
