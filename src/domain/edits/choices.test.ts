import { describe, expect, it } from 'vitest'
import { buildGraph } from '../graph/build-graph.ts'
import type { NodeId, PolicyKey } from '../graph/handles.ts'
import { parsePolicies } from '../policy/parse.ts'
import {
  connectDefaults,
  connectTargets,
  defaultMode,
  defaultPlacement,
  policiesSelecting,
  policyChoice,
  subjectLabelTargets,
  subjectLabelsGesture,
} from './choices.ts'
import type { Placement } from './gestures.ts'

const WORKSPACE = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: backend, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: backend}}
  ingress: [{fromEndpoints: [{matchLabels: {app: frontend}}]}]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: backend-egress, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: backend}}
  egress: [{toEntities: [world]}]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: frontend, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: frontend}}
  egress: [{toEndpoints: [{matchLabels: {app: backend}}]}]
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: all-backends}
spec:
  endpointSelector: {matchLabels: {app: backend, k8s:io.kubernetes.pod.namespace: shop}}
  ingress: [{fromEntities: [cluster]}]
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: host-fw}
spec:
  nodeSelector: {matchLabels: {node-role.kubernetes.io/control-plane: ""}}
  ingress: [{fromEntities: [cluster]}]
`
const parse = parsePolicies(WORKSPACE)
const graph = buildGraph(parse)

const BACKEND: NodeId = 'wl/shop/app=backend'
const FRONTEND: NodeId = 'wl/shop/app=frontend'
const HOST: NodeId = 'node/node-role.kubernetes.io/control-plane='

describe('defaultPlacement: where the connect dialog writes a rule first', () => {
  const cases: { from: NodeId; to: NodeId; want: Placement; why: string }[] = [
    { from: FRONTEND, to: BACKEND, want: 'ingress', why: 'pod to pod: on the destination' },
    { from: 'ns/shop', to: 'ns/payments', want: 'ingress', why: 'namespace to namespace: on the destination' },
    { from: FRONTEND, to: 'fqdn/api.stripe.com', want: 'egress', why: 'a DNS name has no policy: on the source' },
    { from: FRONTEND, to: 'entity/world', want: 'egress', why: 'world has no policy: on the source' },
    { from: 'ns/shop', to: 'cidr/10.0.0.0/8', want: 'egress', why: 'a CIDR has no policy: on the source' },
    { from: 'entity/world', to: BACKEND, want: 'ingress', why: 'from outside: on the destination' },
    { from: 'cidr/10.50.0.0/24', to: HOST, want: 'ingress', why: 'into host nodes: on their host policy' },
    { from: HOST, to: 'entity/world', want: 'egress', why: 'out of host nodes: on their host policy' },
    { from: 'entity/cluster', to: 'fqdn/x.com', want: 'ingress', why: 'neither side has a policy: the planner explains' },
  ]
  for (const c of cases) it(`${c.from} → ${c.to}: ${c.want} (${c.why})`, () => expect(defaultPlacement(c.from, c.to)).toBe(c.want))
})

describe('connectTargets: existing policies the connect dialog offers', () => {
  const cases: { name: string; from: NodeId; to: NodeId; placement: Placement; want: string[] }[] = [
    { name: 'ingress: policies selecting the destination, without cluster-wide ones', from: FRONTEND, to: BACKEND, placement: 'ingress', want: ['shop/backend', 'shop/backend-egress'] },
    { name: 'egress: policies selecting the source', from: FRONTEND, to: BACKEND, placement: 'egress', want: ['shop/frontend'] },
    { name: 'both: none, each side finds its own', from: FRONTEND, to: BACKEND, placement: 'both', want: [] },
    { name: 'host nodes: cluster-wide host policies are offered', from: 'entity/world', to: HOST, placement: 'ingress', want: ['_cluster/host-fw'] },
    { name: 'a node no policy selects: none', from: BACKEND, to: 'wl/shop/app=db', placement: 'ingress', want: [] },
  ]
  for (const c of cases) {
    it(c.name, () => expect(connectTargets(graph, c.from, c.to, c.placement).map((t) => t.label)).toEqual(c.want))
  }
  it('offers keys the planner accepts as policyKey', () => {
    expect(connectTargets(graph, FRONTEND, BACKEND, 'ingress').map((t) => t.key)).toEqual(['CiliumNetworkPolicy/shop/backend', 'CiliumNetworkPolicy/shop/backend-egress'])
  })
})

describe('policiesSelecting', () => {
  it('lists every policy whose rules select the node, cluster-wide ones included', () => {
    expect(policiesSelecting(graph, BACKEND)).toEqual([
      'CiliumNetworkPolicy/shop/backend',
      'CiliumNetworkPolicy/shop/backend-egress',
      'CiliumClusterwideNetworkPolicy/_cluster/all-backends',
    ])
    expect(policiesSelecting({}, BACKEND)).toEqual([])
  })
})

describe('defaultMode and connectDefaults', () => {
  const knpOnly = parsePolicies(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress: [{from: [{podSelector: {matchLabels: {app: backend}}}]}]
`)
  const cases: { name: string; parse: Pick<typeof parse, 'policies'>; want: 'cnp' | 'knp' }[] = [
    { name: 'an empty workspace gets a CiliumNetworkPolicy', parse: { policies: [] }, want: 'cnp' },
    { name: 'a mixed workspace gets a CiliumNetworkPolicy', parse, want: 'cnp' },
    { name: 'a workspace of Kubernetes NetworkPolicies gets another one', parse: knpOnly, want: 'knp' },
  ]
  for (const c of cases) it(c.name, () => expect(defaultMode(c.parse)).toBe(c.want))

  it('keeps what the request presets (the focus view\'s "+" names side and policy)', () => {
    const key: PolicyKey = 'CiliumNetworkPolicy/shop/backend'
    expect(connectDefaults(parse, { from: FRONTEND, to: BACKEND, placement: 'egress', policyKey: key })).toEqual({ placement: 'egress', mode: 'cnp', policyKey: key })
    expect(connectDefaults(knpOnly, { from: FRONTEND, to: 'entity/world' })).toEqual({ placement: 'egress', mode: 'knp', policyKey: null })
  })
})

describe('inspector: subject labels', () => {
  const node = (id: NodeId) => graph.nodes.find((n) => n.id === id)!
  it('offers the policies selecting a workload, named without their kind', () => {
    expect(subjectLabelTargets(graph, node(BACKEND))).toEqual([
      { key: 'CiliumNetworkPolicy/shop/backend', label: 'shop/backend' },
      { key: 'CiliumNetworkPolicy/shop/backend-egress', label: 'shop/backend-egress' },
      { key: 'CiliumClusterwideNetworkPolicy/_cluster/all-backends', label: '_cluster/all-backends' },
    ])
  })
  it('offers nothing for nodes that are not workloads', () => {
    expect(subjectLabelTargets(graph, node(HOST))).toEqual([])
    expect(subjectLabelTargets(graph, node('ns/shop'))).toEqual([])
  })
  const key: PolicyKey = 'CiliumNetworkPolicy/shop/backend'
  const cases: { text: string; want: ReturnType<typeof subjectLabelsGesture> }[] = [
    { text: 'app=api,tier=web', want: { type: 'setField', change: { kind: 'subjectLabels', policyKey: key, labels: { app: 'api', tier: 'web' } } } },
    { text: 'app: api', want: { type: 'setField', change: { kind: 'subjectLabels', policyKey: key, labels: { app: 'api' } } } },
    { text: '', want: { error: 'Labels look like app=backend,tier=api.' } },
    { text: '=api', want: { error: 'Labels look like app=backend,tier=api.' } },
  ]
  for (const c of cases) it(`turns ${JSON.stringify(c.text)} into ${'error' in c.want ? 'an error' : 'a setField gesture'}`, () => expect(subjectLabelsGesture(key, c.text)).toEqual(c.want))
  it('names a policy by namespace and name', () => {
    expect(policyChoice('CiliumNetworkPolicy/shop/x')).toEqual({ key: 'CiliumNetworkPolicy/shop/x', label: 'shop/x' })
  })
})
