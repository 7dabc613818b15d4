import { describe, expect, it } from 'vitest'
import { makeDraft, mergeDrafts, parseLabelText, pruneDrafts } from './drafts.ts'
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
})
