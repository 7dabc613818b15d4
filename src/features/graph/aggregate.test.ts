import { describe, expect, it } from 'vitest'
import { collapseNamespaces } from './aggregate.ts'
import { graphOf } from './layout/test-inputs.ts'
import { namespacesWorkspace } from '../../../e2e/fixtures/namespaces-workspace.ts'

describe('collapseNamespaces', () => {
  const { graph } = graphOf(namespacesWorkspace(3))
  const all = new Set(['ns/team-01', 'ns/team-02', 'ns/team-03'])

  it('draws a folded namespace as one box with what it holds', () => {
    const v = collapseNamespaces(graph, all)
    expect(v.graph.nodes.map((n) => n.id).sort()).toEqual(['entity/world', 'ns/team-01', 'ns/team-02', 'ns/team-03'])
    expect(v.summaries.get('ns/team-02')?.lines).toEqual(['3 workloads', '2 rules inside'])
  })

  it('bundles the rules between two boxes into one counted edge, and a single rule reads as its ports', () => {
    const v = collapseNamespaces(graph, all)
    const e = v.graph.edges.find((x) => x.source === 'ns/team-01' && x.target === 'ns/team-02')!
    expect(e.id).toBe('agg/ns/team-01>ns/team-02')
    expect(e.label).toBe('TCP/8080')
    expect(v.bundles.get(e.id)?.edges).toHaveLength(1)
    // Rules inside a box are counted in it, not drawn as loops.
    expect(v.graph.edges.some((x) => x.source === x.target)).toBe(false)
  })

  it('keeps an open namespace as it is, with its rules to folded ones bundled', () => {
    const v = collapseNamespaces(graph, new Set(['ns/team-02']))
    expect(v.graph.nodes.some((n) => n.id === 'wl/team-01/app=api')).toBe(true)
    expect(v.graph.nodes.some((n) => n.id === 'wl/team-02/app=api')).toBe(false)
    expect(v.graph.edges.some((x) => x.source === 'wl/team-01/app=api' && x.target === 'ns/team-02' && x.id.startsWith('agg/'))).toBe(true)
    expect(v.graph.edges.some((x) => x.source === 'wl/team-01/app=web' && x.target === 'wl/team-01/app=api')).toBe(true)
  })

  it('changes nothing when nothing is folded', () => {
    expect(collapseNamespaces(graph, new Set()).graph).toBe(graph)
  })
})
