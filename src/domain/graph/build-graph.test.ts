import { describe, expect, it } from 'vitest'
import { parsePolicies } from '../policy/parse.ts'
import { buildGraph } from './build-graph.ts'
import type { NamespaceLabels } from './build-graph.ts'
import { namespaceLabelsOfFlows, namespaceLabelsOfInventory } from './known-namespaces.ts'
import { inventoryFromFlows, parseInventory } from '../inventory/index.ts'
import { ingestFlows } from '../flows/index.ts'
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
      { id: 'node/node-role.kubernetes.io/control-plane=', label: 'control-plane nodes', labels: { 'node-role.kubernetes.io/control-plane': '' }, detail: 'node-role.kubernetes.io/control-plane=' },
    ])
  })
})

describe('§8.2 KNP peers and host nodes drawn truthfully', () => {
  const knp = (peer: string): string => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: orders-in, namespace: shop}
spec:
  podSelector: {matchLabels: {app: orders}}
  ingress:
    - from:
        - ${peer}
`
  const peerNode = (yaml: string) => {
    const g = buildGraph(parsePolicies(yaml))
    const e = g.edges[0]
    return g.nodes.find((n) => n.id === e.source)!
  }
  it('§8.2 a namespace named by kubernetes.io/metadata.name is drawn as the workload it selects', () => {
    const n = peerNode(knp('{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: api}}, podSelector: {matchLabels: {app: gateway}}}'))
    expect(n).toMatchObject({ id: 'wl/api/app=gateway', kind: 'workload', namespace: 'api' })
  })
  it('§8.2 namespace labels otherwise read in plain words, never raw namespace-label keys', () => {
    const n = peerNode(knp('{namespaceSelector: {matchLabels: {team: api}}, podSelector: {matchLabels: {app: orders}}}'))
    expect(n.kind).toBe('selector')
    expect(n.label).toBe('pods app=orders in namespaces team=api')
    expect(n.label).not.toContain('io.cilium.k8s.namespace.labels')
  })
  it('§2.1 a host policy puts default-deny shields on the node it selects; labels read plainly', () => {
    const g = buildGraph(parsePolicies(`apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: cp}
spec:
  nodeSelector: {matchLabels: {node-role.kubernetes.io/control-plane: ""}}
  ingress: [{fromEntities: [cluster], toPorts: [{ports: [{port: "6443"}]}]}]
`))
    const host = g.nodes.find((n) => n.kind === 'node')!
    expect(host).toMatchObject({ label: 'control-plane nodes', detail: 'node-role.kubernetes.io/control-plane=', shields: { ingress: true, egress: false } })
  })
})

describe('§8.2 KNP namespaceSelector peers resolved by known namespace labels', () => {
  const yaml = (peer: string): string => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: orders-in, namespace: shop}
spec:
  podSelector: {matchLabels: {app: orders}}
  ingress:
    - from:
        - ${peer}
`
  const TEAM_API = yaml('{namespaceSelector: {matchLabels: {team: api}}, podSelector: {matchLabels: {app: gateway}}}')
  const peerOf = (text: string, namespaceLabels?: NamespaceLabels) => {
    const g = buildGraph(parsePolicies(text), namespaceLabels ? { namespaceLabels } : {})
    return { g, peer: g.nodes.find((n) => n.id === g.edges[0].source)! }
  }

  it('an inventory naming the one namespace with team=api draws the peer as the workload there', () => {
    const { inventory } = parseInventory(JSON.stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'api', labels: { team: 'api' } } },
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'web', labels: { team: 'web' } } },
      ],
    }))
    const { g, peer } = peerOf(TEAM_API, namespaceLabelsOfInventory(inventory))
    expect(peer).toMatchObject({ id: 'wl/api/app=gateway', kind: 'workload', namespace: 'api', parent: 'ns/api' })
    expect(g.nodes.some((n) => n.id === 'ns/api')).toBe(true)
    // The edge keeps its id, so verdicts and selection still find it.
    expect(g.edges[0].id).toBe(buildGraph(parsePolicies(TEAM_API)).edges[0].id)
  })

  it('namespace labels Hubble recorded with flows resolve it too', () => {
    const flow = (ns: string, team: string): string =>
      JSON.stringify({ flow: { verdict: 'FORWARDED', IP: { source: '10.0.0.1', destination: '10.0.0.2' }, l4: { TCP: { source_port: 1, destination_port: 80 } },
        source: { namespace: ns, labels: [`k8s:app=x`, `k8s:io.cilium.k8s.namespace.labels.team=${team}`, `k8s:io.kubernetes.pod.namespace=${ns}`] },
        destination: { labels: ['reserved:world'] } } })
    const { flows } = ingestFlows([flow('payments-api', 'api'), flow('shop', 'web')].join('\n'))
    const { peer } = peerOf(TEAM_API, namespaceLabelsOfFlows(inventoryFromFlows(flows)))
    expect(peer).toMatchObject({ id: 'wl/payments-api/app=gateway', kind: 'workload' })
  })

  it('several matching namespaces keep a selector that names them; none known keeps plain words', () => {
    const { peer } = peerOf(TEAM_API, { a: { team: 'api' }, b: { team: 'api' }, c: { team: 'web' } })
    expect(peer).toMatchObject({ kind: 'selector', label: 'pods app=gateway in namespaces team=api (a, b)' })
    expect(peerOf(TEAM_API, {}).peer.label).toBe('pods app=gateway in namespaces team=api')
    // Every namespace carries its name: a namespaceSelector on it resolves with no other labels known.
    const byName = yaml('{namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [billing]}]}, podSelector: {matchLabels: {app: gateway}}}')
    expect(peerOf(byName, { billing: { team: 'x' } }).peer).toMatchObject({ id: 'wl/billing/app=gateway' })
  })

  it('flows seen without namespace labels say nothing about them', () => {
    expect(namespaceLabelsOfFlows({ namespaces: new Map<string, Record<string, string>>([['a', {}], ['b', { team: 'api' }]]) })).toEqual({ b: { team: 'api' } })
  })
})
