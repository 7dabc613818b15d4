import { describe, expect, it } from 'vitest'
import { parsePolicies } from '../policy/parse.ts'
import { buildGraph } from './build-graph.ts'
import { parseEdgeId } from './handles.ts'

const cnp = (name: string, spec: string): string => `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: ${name}, namespace: payments}
spec:
${spec}`

const graphOf = (...docs: string[]) => buildGraph(parsePolicies(docs.join('---\n')))

describe('buildGraph ids and fields', () => {
  it('draws one node for a DNS name however the YAML spells it (§5.6: matchName is case-insensitive)', () => {
    const g = graphOf(
      cnp('a', `  endpointSelector: {matchLabels: {app: pg-gateway}}
  egress:
    - toFQDNs: [{matchName: api.Stripe.com}]
`),
      cnp('b', `  endpointSelector: {matchLabels: {app: ledger}}
  egress:
    - toFQDNs: [{matchName: API.STRIPE.COM.}, {matchPattern: "*.Example.com"}]
`),
    )
    const fqdns = g.nodes.filter((n) => n.kind === 'fqdn')
    expect(fqdns.map((n) => [n.id, n.label])).toEqual([
      ['fqdn/*.example.com', '*.example.com'],
      ['fqdn/api.stripe.com', 'api.stripe.com'],
    ])
    expect(g.edges.filter((e) => e.target === 'fqdn/api.stripe.com')).toHaveLength(2)
  })

  it('puts the namespace on namespace boxes, workloads and namespaced selectors', () => {
    const g = graphOf(
      cnp('c', `  endpointSelector: {matchLabels: {app: pg-gateway}}
  ingress:
    - fromEndpoints:
        - {matchLabels: {app: api, k8s:io.kubernetes.pod.namespace: gateway}}
        - {matchExpressions: [{key: tier, operator: In, values: [a, b]}]}
`),
    )
    const byId = new Map(g.nodes.map((n) => [n.id, n]))
    expect(byId.get('ns/payments')?.namespace).toBe('payments')
    expect(byId.get('ns/gateway')?.namespace).toBe('gateway')
    expect(byId.get('wl/gateway/app=api')).toMatchObject({ namespace: 'gateway', parent: 'ns/gateway' })
    expect(byId.get('wl/payments/app=pg-gateway')).toMatchObject({ namespace: 'payments', parent: 'ns/payments' })
    const selector = g.nodes.find((n) => n.kind === 'selector')
    expect(selector).toMatchObject({ id: 'sel/payments/c/spec.ingress.0.fromEndpoints.1', namespace: 'payments', parent: 'ns/payments' })
  })

  it('gives every edge its element and peer index, matching its id', () => {
    const g = graphOf(
      cnp('d', `  endpointSelector: {matchLabels: {app: pg-gateway}}
  egress:
    - toEntities: [world, cluster]
      toPorts: [{ports: [{port: "443"}]}]
`),
    )
    expect(g.edges.map((e) => [e.id, e.peerIndex])).toEqual([
      ['CiliumNetworkPolicy/payments/d#spec.egress.0/0', 0],
      ['CiliumNetworkPolicy/payments/d#spec.egress.0/1', 1],
    ])
    for (const e of g.edges) expect(parseEdgeId(e.id)).toMatchObject({ elementId: e.elementId, policyKey: e.policyKey, peerIndex: e.peerIndex })
  })

  it('keeps the labels of a host-policy node selector on the node', () => {
    const g = buildGraph(
      parsePolicies(`apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: host}
specs:
  - nodeSelector: {}
    ingress: [{fromEntities: [cluster]}]
  - nodeSelector: {matchLabels: {node-role.kubernetes.io/control-plane: ""}}
    ingress: [{fromEntities: [cluster]}]
  - nodeSelector: {matchExpressions: [{key: spot, operator: DoesNotExist}]}
    ingress: [{fromEntities: [cluster]}]
`),
    )
    const hosts = g.nodes.filter((n) => n.kind === 'node').map((n) => ({ id: n.id, label: n.label, labels: n.labels, detail: n.detail }))
    expect(hosts).toEqual([
      { id: 'node/', label: 'all nodes', labels: {}, detail: undefined },
      { id: 'node/!spot', label: 'node !spot', labels: undefined, detail: '!spot' },
      { id: 'node/node-role.kubernetes.io/control-plane=', label: 'node node-role.kubernetes.io/control-plane=', labels: { 'node-role.kubernetes.io/control-plane': '' }, detail: undefined },
    ])
  })
})
