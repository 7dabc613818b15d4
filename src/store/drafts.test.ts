import { describe, expect, it } from 'vitest'
import { parseLabelText } from '../domain/edits/label-text.ts'
import { buildGraph } from '../domain/graph/build-graph.ts'
import { parsePolicies } from '../domain/policy/parse.ts'
import { makeDraft, mergeDrafts, pruneDrafts } from './drafts.ts'
import type { DraftNode } from './drafts.ts'

describe('palette drafts', () => {
  it('names drafts with the graph id scheme', () => {
    expect(makeDraft('workload', { namespace: 'shop', labels: 'tier=web, app=frontend' })).toMatchObject({
      id: 'wl/shop/app=frontend,tier=web',
    })
    expect(makeDraft('cidr', { name: '10.1.2.3' })).toMatchObject({ id: 'cidr/10.1.2.3/32' })
    expect(makeDraft('fqdn', { name: 'API.Stripe.com' })).toMatchObject({ id: 'fqdn/api.stripe.com' })
    expect(makeDraft('node', { labels: 'node-role.kubernetes.io/control-plane=' })).toMatchObject({
      id: 'node/node-role.kubernetes.io/control-plane=',
    })
  })
  it('explains input that cannot be a node', () => {
    expect(makeDraft('namespace', { name: 'Bad_NS' })).toMatch(/lowercase/)
    expect(makeDraft('workload', { namespace: 'shop', labels: '' })).toMatch(/labels/)
    expect(makeDraft('entity', { name: 'internet' })).toMatch(/Unknown entity/)
    expect(parseLabelText('=x')).toBeNull()
  })
  it('adds drafts (with their namespace) to the graph until the YAML mentions them', () => {
    const d = makeDraft('workload', { namespace: 'shop', labels: 'app=db' }) as DraftNode
    const merged = mergeDrafts({ nodes: [], edges: [] }, [d])
    expect(merged.nodes.map((n) => n.id)).toEqual(['ns/shop', 'wl/shop/app=db'])
    expect(pruneDrafts(merged, [d])).toEqual([])
    expect(pruneDrafts({ nodes: [], edges: [] }, [d])).toEqual([d])
  })
  it('a DNS name drawn from the palette and the same name typed in YAML are one node', () => {
    const yaml = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: stripe, namespace: payments}
spec:
  endpointSelector: {matchLabels: {app: pg-gateway}}
  egress:
    - toFQDNs: [{matchName: api.Stripe.com}]
`
    const graph = buildGraph(parsePolicies(yaml))
    const draft = makeDraft('fqdn', { name: 'api.Stripe.com' }) as DraftNode
    expect(graph.nodes.find((n) => n.kind === 'fqdn')?.id).toBe(draft.id)
    expect(mergeDrafts(graph, [draft]).nodes.filter((n) => n.kind === 'fqdn')).toHaveLength(1)
    expect(pruneDrafts(graph, [draft])).toEqual([])
  })
  it('drafts carry the namespace the graph gives their nodes', () => {
    const ns = makeDraft('namespace', { name: 'shop' }) as DraftNode
    const wl = makeDraft('workload', { namespace: 'shop', labels: 'app=db' }) as DraftNode
    const merged = mergeDrafts({ nodes: [], edges: [] }, [ns, wl])
    expect(merged.nodes.map((n) => [n.id, n.namespace, n.parent])).toEqual([
      ['ns/shop', 'shop', undefined],
      ['wl/shop/app=db', 'shop', 'ns/shop'],
    ])
  })
})
