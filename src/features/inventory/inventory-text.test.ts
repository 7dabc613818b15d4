import { describe, expect, it } from 'vitest'
import type { ViewWorkload } from '../../domain/inventory/index.ts'
import type { GraphNode } from '../../domain/graph/index.ts'
import { graphNodeOf, matchesFilter } from './inventory-text.ts'

const workload = (over: Partial<ViewWorkload> = {}): ViewWorkload => ({
  namespace: 'shop', name: 'frontend', selector: { app: 'frontend' }, pods: ['frontend-7d9c-abcde'], ips: ['10.0.0.1'],
  identities: [4242], labels: ['k8s:app=frontend', 'k8s:tier=web', 'k8s:io.kubernetes.pod.namespace=shop'], flows: 3, source: 'both', ...over,
})
const node = (id: string, namespace: string, labels: Record<string, string>): GraphNode =>
  ({ id, kind: 'workload', namespace, labels, label: id, shields: { ingress: false, egress: false }, origins: [] }) as unknown as GraphNode

describe('inventory words', () => {
  it('filters on every word, across namespace, labels, pods and where it was seen', () => {
    expect(matchesFilter(workload(), 'shop tier=web')).toBe(true)
    expect(matchesFilter(workload(), 'shop tier=db')).toBe(false)
    expect(matchesFilter(workload(), 'abcde')).toBe(true)
    expect(matchesFilter(workload({ source: 'inventory' }), 'inventory')).toBe(true)
    expect(matchesFilter(workload({ source: 'flows' }), 'inventory')).toBe(false)
  })

  it('finds the most specific policy workload whose labels the workload carries, in its own namespace', () => {
    const nodes = [node('a', 'shop', { app: 'frontend' }), node('b', 'shop', { app: 'frontend', tier: 'web' }), node('c', 'other', { app: 'frontend' }), node('d', 'shop', { app: 'db' })]
    expect(graphNodeOf(workload(), nodes)?.id).toBe('b')
    expect(graphNodeOf(workload({ namespace: 'nowhere' }), nodes)).toBeNull()
  })
})
