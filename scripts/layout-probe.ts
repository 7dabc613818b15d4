import { readFileSync } from 'node:fs'
import { parsePolicies } from '../src/domain/policy/parse.ts'
import { buildGraph } from '../src/domain/graph/index.ts'
import { EXAMPLES } from '../src/domain/examples/catalog.ts'
import { layoutInput } from '../src/features/graph/to-flow.ts'
import { l7Index } from '../src/features/graph/edges/l7-lines.ts'
import { absoluteRects, computeLayout } from '../src/features/graph/layout/layout-engine.ts'
import { edgeCrossings, labelCollisions } from '../src/features/graph/layout/geometry.ts'
import { NS_HEADER } from '../src/features/graph/layout/node-sizes.ts'

const vp = { width: 889, height: 763 }
for (const ex of EXAMPLES) {
  const parsed = parsePolicies(readFileSync('public/samples/' + ex.file, 'utf8'))
  const g = buildGraph(parsed)
  const idx = l7Index(parsed.policies)
  const input = layoutInput(g, (e) => idx(e.elementId), vp)
  const t0 = performance.now()
  const { layout, routes } = computeLayout(input)
  const ms = performance.now() - t0
  const rects = absoluteRects(input, layout)
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity
  for (const r of rects.values()) { x0 = Math.min(x0, r.x); y0 = Math.min(y0, r.y); x1 = Math.max(x1, r.x + r.width); y1 = Math.max(y1, r.y + r.height) }
  const W = x1 - x0, H = y1 - y0
  const zoom = Math.min(vp.width / W, vp.height / H, 1.2)
  const nodes = input.nodes.map((n) => ({ id: n.id, rect: rects.get(n.id)!, parent: n.parent, isGroup: n.isGroup }))
  const edges = input.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, points: routes.get(e.id)?.points ?? [] }))
  const labels = input.edges.filter((e) => routes.get(e.id)?.label).map((e) => { const c = routes.get(e.id)!.label!; return { edge: e.id, rect: { x: c.x - e.labelWidth! / 2, y: c.y - e.labelHeight! / 2, width: e.labelWidth!, height: e.labelHeight! } } })
  const cross = edgeCrossings(nodes, edges)
  const lc = labelCollisions(nodes, edges, labels, NS_HEADER)
  console.log(ex.id.padEnd(28), `${W.toFixed(0)}x${H.toFixed(0)}`, 'zoom', zoom.toFixed(3), 'font', (13 * zoom).toFixed(1), 'ms', ms.toFixed(1), 'cross', cross.length, 'labels', lc.length, JSON.stringify(cross.concat(lc)).slice(0, 300))
  if (process.argv.includes('-v') && process.argv.includes(ex.id)) {
    for (const n of nodes) console.log('  N', n.id, JSON.stringify(n.rect))
    for (const e of edges) console.log('  E', e.id, JSON.stringify(e.points), JSON.stringify(routes.get(e.id)?.label))
  }
}
