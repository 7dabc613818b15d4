import { describe, expect, it } from 'vitest'
import { layerRanks, layoutInterior } from './group-interior.ts'

const node = (id: string, width = 120) => ({ id, width, height: 32 })
const edge = (source: string, target: string, labelWidth = 60) => ({ source, target, labelWidth, labelHeight: 18 })

describe('layerRanks', () => {
  it('ranks a chain in order', () => {
    expect(Object.fromEntries(layerRanks(['a', 'b', 'c'], [edge('a', 'b'), edge('b', 'c')]))).toEqual({ a: 0, b: 1, c: 2 })
  })
  it('breaks a cycle instead of looping', () => {
    const r = layerRanks(['a', 'b', 'c'], [edge('a', 'b'), edge('b', 'c'), edge('c', 'a')])
    expect(new Set(r.values())).toEqual(new Set([0, 1, 2]))
  })
})

describe('layoutInterior', () => {
  it('puts a rule’s source left of its target, with room for the label between', () => {
    const r = layoutInterior([node('b'), node('a')], [edge('a', 'b', 80)])
    const a = r.positions.get('a')!
    const b = r.positions.get('b')!
    expect(b.x - (a.x + 120)).toBeGreaterThanOrEqual(80)
    expect(a.y).toBe(b.y)
  })
  it('lays unconnected workloads in a grid, not a column', () => {
    const r = layoutInterior(Array.from({ length: 12 }, (_, i) => node(`n${i}`)), [])
    expect(new Set([...r.positions.values()].map((p) => p.x)).size).toBeGreaterThan(1)
    expect(new Set([...r.positions.values()].map((p) => p.y)).size).toBeGreaterThan(1)
  })
  it('folds a long chain into a grid', () => {
    const ids = Array.from({ length: 8 }, (_, i) => `n${i}`)
    const r = layoutInterior(ids.map((id) => node(id)), ids.slice(1).map((id, i) => edge(ids[i], id)))
    expect(r.width / r.height).toBeLessThan(4)
  })
  it('makes room above a workload that allows itself (the loop and its label)', () => {
    const r = layoutInterior([node('a')], [edge('a', 'a')])
    expect(r.positions.get('a')!.y).toBeGreaterThanOrEqual(18)
  })
})
