import { it } from 'vitest'
import { readFileSync } from 'node:fs'
import { graphOf } from './features/graph/layout/test-inputs.ts'
import { computeLayout, absoluteRects } from './features/graph/layout/layout-engine.ts'
import { layoutInput } from './features/graph/to-flow.ts'
it('dbg', () => {
  const text = readFileSync(`public/samples/demo.yaml`, 'utf8')
  const { graph } = graphOf(text)
  const input = layoutInput(graph, undefined, { width: 780, height: 612 })
  const r = computeLayout(input)
  const rects = absoluteRects(input, r.layout)
  for (const [id, x] of [...rects].sort((a, b) => a[1].y - b[1].y || a[1].x - b[1].x)) console.log(id.padEnd(40), Math.round(x.x), Math.round(x.y), Math.round(x.width), Math.round(x.height))
  for (const [id, rt] of r.routes) if (rt.label) console.log('L', id.slice(0, 60), Math.round(rt.label.x), Math.round(rt.label.y))
})
