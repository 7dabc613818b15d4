import { describe, expect, it } from 'vitest'
import type { EdgeVerdict } from '../../domain/trace/index.ts'
import type { EdgeId } from '../../domain/graph/index.ts'
import { collapseNamespaces } from './aggregate.ts'
import { graphOf } from './layout/test-inputs.ts'
import { toFlowEdges } from './to-flow.ts'

const TEXT = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: b-in, namespace: b}
spec:
  endpointSelector: {matchLabels: {app: api}}
  ingress:
    - fromEndpoints: [{matchLabels: {app: web, k8s:io.kubernetes.pod.namespace: a}}]
      toPorts: [{ports: [{port: "80", protocol: TCP}]}]
    - fromEndpoints: [{matchLabels: {app: job, k8s:io.kubernetes.pod.namespace: a}}]
      toPorts: [{ports: [{port: "81", protocol: TCP}]}]
    - fromEndpoints: [{matchLabels: {app: cron, k8s:io.kubernetes.pod.namespace: a}}]
      toPorts: [{ports: [{port: "82", protocol: TCP}]}]
  ingressDeny:
    - fromEndpoints: [{matchLabels: {app: bad, k8s:io.kubernetes.pod.namespace: a}}]
`

const blocked = (edgeId: string, reason = 'blocked by a/web-egress'): EdgeVerdict => ({
  edgeId: edgeId as EdgeId,
  verdict: 'denied',
  cause: 'blocked-elsewhere',
  reason,
  members: 'one',
  probes: [],
  lines: [],
})

describe('toFlowEdges', () => {
  const { graph } = graphOf(TEXT)
  const allow = graph.edges.filter((e) => e.kind === 'allow')
  const deny = graph.edges.find((e) => e.kind === 'deny')!

  it('paints the arrowhead in the colour of the edge’s verdict look', () => {
    const byId = {
      [allow[0].id]: blocked(allow[0].id),
      [allow[1].id]: { ...blocked(allow[1].id), verdict: 'audit' as const },
      [allow[2].id]: { ...blocked(allow[2].id), cause: 'deny-rule' as const },
      [deny.id]: blocked(deny.id),
    }
    const colour = new Map(toFlowEdges(graph, new Map(), undefined, undefined, byId).map((e) => [e.id, (e.markerEnd as { color: string }).color]))
    expect(colour.get(allow[0].id)).toBe('var(--verdict-blocked)')
    expect(colour.get(allow[1].id)).toBe('var(--verdict-audit)')
    expect(colour.get(allow[2].id)).toBe('var(--deny)')
    // A deny rule doing its job stays a deny edge.
    expect(colour.get(deny.id)).toBe('var(--deny)')
    const plain = new Map(toFlowEdges(graph, new Map()).map((e) => [e.id, (e.markerEnd as { color: string }).color]))
    expect(plain.get(allow[0].id)).toBe('var(--allow)')
  })

  it('sums up the verdicts of the rules a counted edge stands for', () => {
    const v = collapseNamespaces(graph, new Set(['ns/a', 'ns/b']))
    const byId = { [allow[0].id]: blocked(allow[0].id), [allow[1].id]: blocked(allow[1].id, 'blocked by a/job-egress') }
    const [agg] = toFlowEdges(v.graph, new Map(), undefined, v.bundles, byId)
    expect(agg.data!.bundleVerdict).toMatchObject({ badge: '⚠ 2 of 4 blocked', worst: 'blocked', look: 'allowed', total: 4 })
    expect(agg.data!.title).toContain('blocked by a/job-egress')
    expect(agg.data!.title).toMatch(/⚠ blocked: TCP\/80 a\/app=web → b\/app=api — blocked by a\/web-egress/)
    // Every rule blocked: the counted edge takes the blocked look, arrowhead too.
    const all = Object.fromEntries(allow.map((e) => [e.id, blocked(e.id)]))
    const onlyAllows = collapseNamespaces({ ...graph, edges: allow }, new Set(['ns/a', 'ns/b']))
    const [dead] = toFlowEdges(onlyAllows.graph, new Map(), undefined, onlyAllows.bundles, all)
    expect(dead.data!.bundleVerdict).toMatchObject({ badge: '⚠ 3 of 3 blocked', look: 'blocked' })
    expect((dead.markerEnd as { color: string }).color).toBe('var(--verdict-blocked)')
    // Nothing judged yet: no badge.
    const [none] = toFlowEdges(v.graph, new Map(), undefined, v.bundles, undefined)
    expect(none.data!.bundleVerdict?.badge).toBe('')
  })
})
