import { describe, expect, it } from 'vitest'
import { edgeCrossings, labelCollisions, segmentHitsRect } from './geometry.ts'
import type { GeoNode } from './geometry.ts'

const box = { x: 10, y: 10, width: 20, height: 10 }

describe('segmentHitsRect', () => {
  const cases: [string, { x: number; y: number }, { x: number; y: number }, boolean][] = [
    ['a line through the middle', { x: 0, y: 15 }, { x: 40, y: 15 }, true],
    ['a line along the top border', { x: 0, y: 10 }, { x: 40, y: 10 }, false],
    ['a line passing above', { x: 0, y: 5 }, { x: 40, y: 5 }, false],
    ['a line ending at the left border', { x: 0, y: 15 }, { x: 10, y: 15 }, false],
    ['a line ending inside', { x: 0, y: 15 }, { x: 12, y: 15 }, true],
    ['a diagonal across a corner', { x: 5, y: 16 }, { x: 16, y: 5 }, true],
    ['a diagonal that misses the corner', { x: 5, y: 9 }, { x: 9, y: 5 }, false],
    ['a vertical line through', { x: 20, y: 0 }, { x: 20, y: 30 }, true],
    ['a segment wholly inside', { x: 12, y: 12 }, { x: 14, y: 14 }, true],
  ]
  for (const [name, a, b, want] of cases) it(`${name}: ${want ? 'hits' : 'misses'}`, () => expect(segmentHitsRect(a, b, box)).toBe(want))
})

const nodes: GeoNode[] = [
  { id: 'ns/a', rect: { x: 0, y: 0, width: 200, height: 100 }, isGroup: true },
  { id: 'wl/a/x', rect: { x: 10, y: 40, width: 50, height: 30 }, parent: 'ns/a' },
  { id: 'wl/a/y', rect: { x: 140, y: 40, width: 50, height: 30 }, parent: 'ns/a' },
  { id: 'wl/a/z', rect: { x: 75, y: 40, width: 50, height: 30 }, parent: 'ns/a' },
  { id: 'ns/b', rect: { x: 300, y: 0, width: 100, height: 100 }, isGroup: true },
  { id: 'entity/world', rect: { x: 500, y: 40, width: 50, height: 30 } },
]

describe('edgeCrossings', () => {
  it('lets an edge run inside the namespace holding its ends', () => {
    const around = [{ x: 60, y: 55 }, { x: 68, y: 55 }, { x: 68, y: 80 }, { x: 132, y: 80 }, { x: 132, y: 55 }, { x: 140, y: 55 }]
    expect(edgeCrossings(nodes, [{ id: 'e', source: 'wl/a/x', target: 'wl/a/y', points: around }])).toEqual([])
  })
  it('reports a workload in the way', () => {
    const straight = [{ x: 60, y: 55 }, { x: 140, y: 55 }]
    expect(edgeCrossings(nodes, [{ id: 'e', source: 'wl/a/x', target: 'wl/a/y', points: straight }])).toEqual([{ edge: 'e', other: 'wl/a/z' }])
  })
  it('reports a namespace the edge has nothing to do with', () => {
    const through = [{ x: 190, y: 55 }, { x: 500, y: 55 }]
    expect(edgeCrossings(nodes, [{ id: 'e', source: 'wl/a/y', target: 'entity/world', points: through }])).toEqual([{ edge: 'e', other: 'ns/b' }])
  })
})

describe('labelCollisions', () => {
  const edges = [{ id: 'e', source: 'wl/a/x', target: 'wl/a/y' }, { id: 'f', source: 'wl/a/y', target: 'entity/world' }]
  it('accepts a label inside the namespace of its edge, clear of its title', () => {
    expect(labelCollisions(nodes, edges, [{ edge: 'e', rect: { x: 62, y: 75, width: 70, height: 18 } }], 30)).toEqual([])
  })
  it('reports a label over the title strip, over a workload, over a foreign namespace and over a label', () => {
    const got = labelCollisions(
      nodes,
      edges,
      [
        { edge: 'e', rect: { x: 62, y: 22, width: 70, height: 24 } },
        { edge: 'f', rect: { x: 380, y: 45, width: 60, height: 18 } },
        { edge: 'e', rect: { x: 400, y: 50, width: 60, height: 18 } },
      ],
      30,
    )
    expect(got).toEqual([
      { edge: 'e', other: 'ns/a' },
      { edge: 'e', other: 'wl/a/z' },
      { edge: 'f', other: 'ns/b' },
      { edge: 'f', other: 'label:e' },
    ])
  })
})
