import { describe, expect, it } from 'vitest'
import { parsePolicies } from '../policy/parse.ts'
import { buildGraph } from './build-graph.ts'
import type { FocusModel, FocusSide } from './focus.ts'
import { buildFocus, focusPolicyFor } from './focus.ts'

/** One CNP with a peer of every kind, allow and deny. */
const EVERY_PEER = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: backend, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: backend}}
  ingress:
    - fromEndpoints: [{matchLabels: {app: frontend}}]
      toPorts: [{ports: [{port: "8080", protocol: TCP}]}]
    - fromEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace: monitoring, app: prometheus}}]
      toPorts: [{ports: [{port: "9090", protocol: TCP}]}]
    - fromEntities: [world, host, remote-node]
    - fromEndpoints: [{}]
    - fromEndpoints: [{matchExpressions: [{key: tier, operator: In, values: [a, b]}]}]
    - fromNodes: [{matchLabels: {role: worker}}]
    - fromCIDRSet: [{cidrGroupRef: office}]
  egress:
    - toCIDR: [10.0.0.0/8]
    - toFQDNs: [{matchName: api.stripe.com}]
      toPorts: [{ports: [{port: "443", protocol: TCP}], rules: {http: [{method: GET, path: /v1}]}}]
    - toEntities: [kube-apiserver, all]
    - toServices: [{k8sService: {serviceName: db, namespace: shop}}]
    - toEndpoints: [{matchExpressions: [{key: k8s:io.kubernetes.pod.namespace, operator: Exists}]}]
  egressDeny:
    - toCIDR: [169.254.169.254/32]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: other, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: backend}}
  ingress:
    - fromEndpoints: [{matchLabels: {app: admin}}]
`

const NAMESPACE_WIDE = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: deny-metadata, namespace: shop}
spec:
  endpointSelector: {}
  enableDefaultDeny: {egress: false}
  egressDeny:
    - toCIDR: [169.254.169.254/32]
`

const CLUSTERWIDE = `apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: dns}
spec:
  endpointSelector: {}
  egress:
    - toEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system, k8s-app: kube-dns}}]
      toPorts: [{ports: [{port: "53", protocol: UDP}], rules: {dns: [{matchPattern: "*"}]}}]
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: pinned}
spec:
  endpointSelector: {matchLabels: {k8s:io.kubernetes.pod.namespace: shop, app: web}}
  ingress:
    - fromEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace: shop, app: lb}}]
`

const KNP = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  policyTypes: [Ingress, Egress]
  ingress:
    - from:
        - podSelector: {matchLabels: {app: backend}}
        - namespaceSelector: {matchLabels: {team: ops}}
      ports: [{protocol: TCP, port: 5432}]
  egress:
    - to: [{ipBlock: {cidr: 10.1.0.0/16}}]
`

const SPECS = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: pair, namespace: shop}
specs:
  - endpointSelector: {matchLabels: {app: a}}
    egress:
      - toEndpoints: [{matchLabels: {app: b}}]
  - endpointSelector: {matchLabels: {app: b}}
    ingress:
      - fromEndpoints: [{matchLabels: {app: a}}]
  - endpointSelector: {matchLabels: {app: a}}
    egress:
      - toFQDNs: [{matchName: example.com}]
`

function focusOf(text: string, key: string): FocusModel {
  const parse = parsePolicies(text)
  expect(parse.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  const focus = buildFocus(parse, buildGraph(parse), key)
  if (!focus) throw new Error(`no focus for ${key}`)
  return focus
}

/** `<group> <peer id>` lines of one side, in display order. */
function placement(focus: FocusModel, side: FocusSide): string[] {
  return focus[side].flatMap((g) => g.peers.map((p) => `${g.id} ${p.node.id}`))
}

describe('buildFocus: group placement', () => {
  const focus = focusOf(EVERY_PEER, 'CiliumNetworkPolicy/shop/backend')
  const cases: [FocusSide, string, string][] = [
    ['ingress', 'same-namespace', 'wl/shop/app=frontend'],
    ['ingress', 'same-namespace', 'ns/shop'],
    ['ingress', 'same-namespace', 'sel/shop/backend/spec.ingress.4.fromEndpoints.0'],
    ['ingress', 'cluster', 'wl/monitoring/app=prometheus'],
    ['ingress', 'cluster', 'entity/host'],
    ['ingress', 'cluster', 'entity/remote-node'],
    ['ingress', 'cluster', 'node/role=worker'],
    ['ingress', 'outside', 'entity/world'],
    ['ingress', 'outside', 'cidr/group:office'],
    ['egress', 'cluster', 'entity/kube-apiserver'],
    ['egress', 'cluster', 'svc/shop/db'],
    ['egress', 'cluster', 'sel/shop/backend/spec.egress.4.toEndpoints.0'],
    ['egress', 'outside', 'cidr/10.0.0.0/8'],
    ['egress', 'outside', 'fqdn/api.stripe.com'],
    ['egress', 'outside', 'entity/all'],
    ['egress', 'outside', 'cidr/169.254.169.254/32'],
  ]
  for (const [side, group, id] of cases) {
    it(`puts ${side} peer ${id} in "${group}"`, () => {
      expect(placement(focus, side)).toContain(`${group} ${id}`)
    })
  }
  it('lists exactly the three groups per side, in order, with their titles', () => {
    for (const side of ['ingress', 'egress'] as const) {
      expect(focus[side].map((g) => [g.id, g.title])).toEqual([
        ['same-namespace', 'Same namespace'],
        ['cluster', 'In cluster'],
        ['outside', 'Outside cluster'],
      ])
    }
  })
  it('keeps peers in YAML order inside a group', () => {
    expect(placement(focus, 'ingress').filter((l) => l.startsWith('same-namespace'))).toEqual([
      'same-namespace wl/shop/app=frontend',
      'same-namespace ns/shop',
      'same-namespace sel/shop/backend/spec.ingress.4.fromEndpoints.0',
    ])
  })
  it('shows only this policy\'s edges, not another policy on the same subject', () => {
    const all = [...focus.ingress, ...focus.egress].flatMap((g) => g.peers.flatMap((p) => p.edges))
    expect(all.every((e) => e.policyKey === 'CiliumNetworkPolicy/shop/backend')).toBe(true)
    expect(placement(focus, 'ingress')).not.toContain('same-namespace wl/shop/app=admin')
    expect(all).toHaveLength(16)
  })
  it('includes deny rules, marked as deny', () => {
    const peer = focus.egress[2].peers.find((p) => p.node.id === 'cidr/169.254.169.254/32')!
    expect(peer.edges.map((e) => e.kind)).toEqual(['deny'])
    expect(peer.text[0]).toMatch(/may NOT connect to addresses in 169\.254\.169\.254\/32/)
  })
  it('keeps the port and L7 labels on the edges', () => {
    const peer = focus.egress[2].peers.find((p) => p.node.id === 'fqdn/api.stripe.com')!
    expect([peer.edges[0].label, peer.edges[0].l7]).toEqual(['TCP/443', 'HTTP GET /v1'])
  })
})

describe('buildFocus: subjects and plain words', () => {
  it('uses the workload a matchLabels endpointSelector describes', () => {
    expect(focusOf(EVERY_PEER, 'CiliumNetworkPolicy/shop/backend').subjects.map((s) => s.id)).toEqual(['wl/shop/app=backend'])
  })
  it('uses the namespace for `endpointSelector: {}`', () => {
    const focus = focusOf(NAMESPACE_WIDE, 'CiliumNetworkPolicy/shop/deny-metadata')
    expect(focus.subjects.map((s) => s.id)).toEqual(['ns/shop'])
    expect(placement(focus, 'egress')).toEqual(['outside cidr/169.254.169.254/32'])
  })
  it('gives a policy without peers its subject and empty groups', () => {
    const focus = focusOf('apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: dd, namespace: shop}\nspec:\n  endpointSelector: {}\n  ingress: [{fromEndpoints: []}]\n', 'CiliumNetworkPolicy/shop/dd')
    expect(focus.subjects.map((s) => s.id)).toEqual(['ns/shop'])
    expect([...focus.ingress, ...focus.egress].every((g) => g.peers.length === 0)).toBe(true)
  })
  it('describes the policy itself', () => {
    expect(focusOf(NAMESPACE_WIDE, 'CiliumNetworkPolicy/shop/deny-metadata').policy).toEqual({
      key: 'CiliumNetworkPolicy/shop/deny-metadata',
      kind: 'CiliumNetworkPolicy',
      name: 'deny-metadata',
      namespace: 'shop',
    })
  })
  it('words each rule for the chip title', () => {
    const focus = focusOf(EVERY_PEER, 'CiliumNetworkPolicy/shop/backend')
    expect(focus.ingress[0].peers[0].text).toEqual([
      'Pods labelled app=frontend in namespace shop may connect to pods labelled app=backend in namespace shop on TCP/8080.\n' +
        'ingress rule spec.ingress[0] of CiliumNetworkPolicy shop/backend',
    ])
  })
  it('finds the same subjects by YAML origin when the graph does not record them', () => {
    for (const [text, key] of [[SPECS, 'CiliumNetworkPolicy/shop/pair'], [CLUSTERWIDE, 'CiliumClusterwideNetworkPolicy/_cluster/pinned']]) {
      const parse = parsePolicies(text)
      const { nodes, edges } = buildGraph(parse)
      const bare = buildFocus(parse, { nodes, edges }, key)
      expect(bare?.subjects.map((n) => n.id)).toEqual(focusOf(text, key).subjects.map((n) => n.id))
    }
  })
  it('returns null for a policy that is not in the workspace', () => {
    const parse = parsePolicies(NAMESPACE_WIDE)
    expect(buildFocus(parse, buildGraph(parse), 'CiliumNetworkPolicy/shop/nope')).toBeNull()
  })
})

describe('buildFocus: CCNP, KNP and specs', () => {
  it('gives a CCNP with `endpointSelector: {}` its cluster-wide selector and no "same namespace"', () => {
    const focus = focusOf(CLUSTERWIDE, 'CiliumClusterwideNetworkPolicy/_cluster/dns')
    expect(focus.subjects.map((s) => s.id)).toEqual(['sel/_cluster/dns/spec.endpointSelector'])
    expect(placement(focus, 'egress')).toEqual(['cluster wl/kube-system/k8s-app=kube-dns'])
  })
  it('measures "same namespace" from a CCNP subject pinned to a namespace', () => {
    const focus = focusOf(CLUSTERWIDE, 'CiliumClusterwideNetworkPolicy/_cluster/pinned')
    expect(focus.subjects.map((s) => s.id)).toEqual(['wl/shop/app=web'])
    expect(placement(focus, 'ingress')).toEqual(['same-namespace wl/shop/app=lb'])
  })
  it('places KNP podSelector, namespaceSelector and ipBlock peers', () => {
    const focus = focusOf(KNP, 'NetworkPolicy/shop/db')
    expect(focus.subjects.map((s) => s.id)).toEqual(['wl/shop/app=db'])
    expect(placement(focus, 'ingress')).toEqual([
      'same-namespace wl/shop/app=backend',
      expect.stringMatching(/^cluster sel\/shop\/db\//),
    ])
    expect(placement(focus, 'egress')).toEqual(['outside cidr/10.1.0.0/16'])
    expect(focus.ingress[0].peers[0].edges[0].label).toBe('TCP/5432')
  })
  it('collects the subjects of every rule of `specs:` once each, with all their peers', () => {
    const focus = focusOf(SPECS, 'CiliumNetworkPolicy/shop/pair')
    expect(focus.subjects.map((s) => s.id)).toEqual(['wl/shop/app=a', 'wl/shop/app=b'])
    expect(placement(focus, 'egress')).toEqual(['same-namespace wl/shop/app=b', 'outside fqdn/example.com'])
    expect(placement(focus, 'ingress')).toEqual(['same-namespace wl/shop/app=a'])
  })
})

describe('focusPolicyFor', () => {
  const text = `${EVERY_PEER}---\n${NAMESPACE_WIDE}`
  const parse = parsePolicies(text)
  const graph = buildGraph(parse)
  const edgeOf = (key: string) => graph.edges.find((e) => e.policyKey === key)!
  it('focuses a selected edge\'s policy', () => {
    const edge = edgeOf('CiliumNetworkPolicy/shop/other')
    expect(focusPolicyFor({ kind: 'edge', id: edge.id }, graph, parse)).toBe('CiliumNetworkPolicy/shop/other')
  })
  it('focuses the first policy whose rule selects a selected node', () => {
    expect(focusPolicyFor({ kind: 'node', id: 'wl/shop/app=backend' }, graph, parse)).toBe('CiliumNetworkPolicy/shop/backend')
    expect(focusPolicyFor({ kind: 'node', id: 'ns/shop' }, graph, parse)).toBe('CiliumNetworkPolicy/shop/deny-metadata')
  })
  it('falls back to the first policy with an edge touching the node', () => {
    expect(focusPolicyFor({ kind: 'node', id: 'wl/shop/app=admin' }, graph, parse)).toBe('CiliumNetworkPolicy/shop/other')
  })
  it('keeps the current policy when it already shows the node', () => {
    expect(focusPolicyFor({ kind: 'node', id: 'wl/shop/app=backend' }, graph, parse, 'CiliumNetworkPolicy/shop/other')).toBe(
      'CiliumNetworkPolicy/shop/other',
    )
  })
  it('returns null for no selection, an unknown edge or a node no policy mentions', () => {
    expect(focusPolicyFor(null, graph, parse)).toBeNull()
    expect(focusPolicyFor({ kind: 'edge', id: 'CiliumNetworkPolicy/x/y#spec.ingress.0/0' }, graph, parse)).toBeNull()
    expect(focusPolicyFor({ kind: 'node', id: 'wl/elsewhere/app=z' }, graph, parse)).toBeNull()
  })
})
