import { describe, expect, it } from 'vitest'
import type { NodeHandle, PathParts } from './handles.ts'
import {
  canHavePolicy,
  canonicalFqdn,
  edgeId,
  elementId,
  fqdnId,
  isNodeId,
  isPolicyKey,
  nodeId,
  parseEdgeId,
  parseElementId,
  parseNodeId,
  parseNodeRef,
  parsePolicyKey,
  policyKey,
  scopedName,
  workloadId,
} from './handles.ts'

interface NodeCase {
  readonly name: string
  readonly handle: NodeHandle
  /** The id as DESIGN.md / README document it. */
  readonly id: string
}

const nodeCases: NodeCase[] = [
  { name: 'a namespace', handle: { kind: 'namespace', namespace: 'shop' }, id: 'ns/shop' },
  { name: 'a workload, labels sorted by key', handle: { kind: 'workload', namespace: 'shop', labels: { tier: 'web', app: 'frontend' } }, id: 'wl/shop/app=frontend,tier=web' },
  { name: 'a workload with a prefixed label key', handle: { kind: 'workload', namespace: 'kube-system', labels: { 'app.kubernetes.io/name': 'coredns' } }, id: 'wl/kube-system/app.kubernetes.io/name=coredns' },
  { name: 'a workload whose value holds `=`', handle: { kind: 'workload', namespace: 'shop', labels: { expr: 'a=b' } }, id: 'wl/shop/expr=a=b' },
  { name: 'a workload with unicode labels', handle: { kind: 'workload', namespace: 'café', labels: { équipe: 'données' } }, id: 'wl/café/équipe=données' },
  { name: 'a workload whose value holds `,` (not a Kubernetes label, still read back)', handle: { kind: 'workload', namespace: 'shop', labels: { app: 'a,b' } }, id: 'wl/shop/app=a%2Cb' },
  { name: 'a workload whose key holds `=` and `,`', handle: { kind: 'workload', namespace: 'shop', labels: { 'a=b,c': 'x' } }, id: 'wl/shop/a%3Db%2Cc=x' },
  { name: 'a workload whose value holds `%`', handle: { kind: 'workload', namespace: 'shop', labels: { app: '100%' } }, id: 'wl/shop/app=100%25' },
  { name: 'a workload in a namespace holding `/`', handle: { kind: 'workload', namespace: 'a/b', labels: { app: 'x' } }, id: 'wl/a%2Fb/app=x' },
  { name: 'a namespaced selector', handle: { kind: 'selector', namespace: 'shop', policy: 'backend', path: ['spec', 'ingress', 0, 'fromEndpoints', 1] }, id: 'sel/shop/backend/spec.ingress.0.fromEndpoints.1' },
  { name: 'a cluster-wide selector', handle: { kind: 'selector', namespace: null, policy: 'ccnp', path: ['spec', 'endpointSelector'] }, id: 'sel/_cluster/ccnp/spec.endpointSelector' },
  { name: 'a selector of a policy whose name holds `/`', handle: { kind: 'selector', namespace: 'shop', policy: 'a/b', path: ['specs', 1, 'endpointSelector'] }, id: 'sel/shop/a/b/specs.1.endpointSelector' },
  { name: 'an entity', handle: { kind: 'entity', name: 'kube-apiserver' }, id: 'entity/kube-apiserver' },
  { name: 'a CIDR', handle: { kind: 'cidr', cidr: '169.254.169.254/32' }, id: 'cidr/169.254.169.254/32' },
  { name: 'an IPv6 CIDR', handle: { kind: 'cidr', cidr: 'fd00::/8' }, id: 'cidr/fd00::/8' },
  { name: 'a CIDR group', handle: { kind: 'cidrGroup', name: 'office' }, id: 'cidr/group:office' },
  { name: 'a DNS name', handle: { kind: 'fqdn', name: 'api.stripe.com' }, id: 'fqdn/api.stripe.com' },
  { name: 'a DNS pattern', handle: { kind: 'fqdn', name: '*.tosspayments.com' }, id: 'fqdn/*.tosspayments.com' },
  { name: 'every node', handle: { kind: 'nodes', labels: {} }, id: 'node/' },
  { name: 'nodes by a label with an empty value', handle: { kind: 'nodes', labels: { 'node-role.kubernetes.io/control-plane': '' } }, id: 'node/node-role.kubernetes.io/control-plane=' },
  { name: 'nodes by a selector expression', handle: { kind: 'nodeExpression', text: 'role in (a,b),!spot' }, id: 'node/role in (a,b),!spot' },
  { name: 'nodes by a reserved label', handle: { kind: 'nodeExpression', text: 'reserved:host=' }, id: 'node/reserved:host=' },
  { name: 'a service by name', handle: { kind: 'service', namespace: 'shop', name: 'backend' }, id: 'svc/shop/backend' },
  { name: 'a service in any namespace', handle: { kind: 'service', namespace: null, name: 'k8s-app=kube-dns' }, id: 'svc/_any/k8s-app=kube-dns' },
]

describe('node ids', () => {
  for (const c of nodeCases) {
    it(`builds and reads back ${c.name}`, () => {
      expect(nodeId(c.handle)).toBe(c.id)
      expect(parseNodeId(c.id)).toEqual(c.handle)
      expect(nodeId(parseNodeId(c.id)!)).toBe(c.id)
    })
  }

  it('keeps a label-looking expression with a context key apart from plain labels', () => {
    expect(parseNodeId('node/io.kubernetes.pod.namespace=x')).toEqual({ kind: 'nodeExpression', text: 'io.kubernetes.pod.namespace=x' })
  })

  it('reads nothing into text that is not an id', () => {
    for (const bad of ['', 'shop', 'wl/', 'wl/shop', 'wl/shop/', 'wl//app=x', 'wl/shop/app', 'ns/', 'entity/', 'sel/shop', 'sel//p/x', 'svc/', 'pod/shop/x']) {
      expect(parseNodeId(bad), bad).toBeNull()
      expect(isNodeId(bad), bad).toBe(false)
    }
  })

  it('gives gestures only ids that name one concrete thing', () => {
    expect(parseNodeRef('wl/shop/app=backend')).toEqual({ kind: 'workload', namespace: 'shop', labels: { app: 'backend' } })
    expect(parseNodeRef('node/')).toEqual({ kind: 'nodes', labels: {} })
    expect(parseNodeRef('sel/shop/backend/spec.endpointSelector')).toBeNull()
    expect(parseNodeRef('svc/shop/backend')).toBeNull()
    expect(parseNodeRef('node/role in (a,b)')).toBeNull()
  })

  it('knows which nodes policies select', () => {
    expect(['ns/shop', 'wl/shop/app=x', 'node/', 'node/a in (b)'].map(canHavePolicy)).toEqual([true, true, true, true])
    expect(['entity/world', 'cidr/10.0.0.0/8', 'fqdn/x.com', 'sel/shop/p/spec', 'svc/shop/x'].map(canHavePolicy)).toEqual([false, false, false, false, false])
  })
})

describe('DNS names have one canonical id', () => {
  const cases: [string, string][] = [
    ['api.Stripe.com', 'fqdn/api.stripe.com'],
    ['API.STRIPE.COM.', 'fqdn/api.stripe.com'],
    [' api.stripe.com ', 'fqdn/api.stripe.com'],
    ['*.Example.COM', 'fqdn/*.example.com'],
    ['*.', 'fqdn/*'],
  ]
  for (const [name, id] of cases) {
    it(`${JSON.stringify(name)} → ${id}`, () => {
      expect(fqdnId(name)).toBe(id)
      expect(nodeId({ kind: 'fqdn', name })).toBe(id)
      expect(nodeId(parseNodeId(id)!)).toBe(id)
    })
  }
  it('lower-cases like Cilium does for matchName and matchPattern (§5.6, §7.5)', () => {
    expect(canonicalFqdn('Api.Stripe.Com')).toBe('api.stripe.com')
  })
})

describe('policy keys', () => {
  const cases: { key: string; parts: ReturnType<typeof parsePolicyKey> }[] = [
    { key: 'CiliumNetworkPolicy/shop/backend', parts: { kind: 'CiliumNetworkPolicy', namespace: 'shop', name: 'backend' } },
    { key: 'CiliumClusterwideNetworkPolicy/_cluster/host-fw', parts: { kind: 'CiliumClusterwideNetworkPolicy', namespace: null, name: 'host-fw' } },
    { key: 'NetworkPolicy/default/allow-all', parts: { kind: 'NetworkPolicy', namespace: 'default', name: 'allow-all' } },
    { key: 'CiliumNetworkPolicy/shop/odd/name#1', parts: { kind: 'CiliumNetworkPolicy', namespace: 'shop', name: 'odd/name#1' } },
    { key: 'CiliumNetworkPolicy/a%2Fb/x', parts: { kind: 'CiliumNetworkPolicy', namespace: 'a/b', name: 'x' } },
  ]
  for (const c of cases) {
    it(`builds and reads back ${c.key}`, () => {
      const p = c.parts!
      expect(policyKey(p.kind, p.namespace, p.name)).toBe(c.key)
      expect(parsePolicyKey(c.key)).toEqual(p)
    })
  }
  it('reads nothing into text that is not a key', () => {
    for (const bad of ['', 'CiliumNetworkPolicy', 'CiliumNetworkPolicy/shop', 'CiliumNetworkPolicy/shop/', 'Pod/shop/x', 'CiliumNetworkPolicy//x']) {
      expect(parsePolicyKey(bad), bad).toBeNull()
      expect(isPolicyKey(bad), bad).toBe(false)
    }
  })
  it('names a policy the way messages do', () => {
    expect(scopedName('shop', 'backend')).toBe('shop/backend')
    expect(scopedName(null, 'host-fw')).toBe('_cluster/host-fw')
  })
})

describe('element and edge ids', () => {
  const key = policyKey('CiliumNetworkPolicy', 'shop', 'backend')
  const cases: { path: PathParts; element: string; peer: number; edge: string }[] = [
    { path: ['spec', 'ingress', 0], element: 'CiliumNetworkPolicy/shop/backend#spec.ingress.0', peer: 0, edge: 'CiliumNetworkPolicy/shop/backend#spec.ingress.0/0' },
    { path: ['specs', 1, 'egressDeny', 12], element: 'CiliumNetworkPolicy/shop/backend#specs.1.egressDeny.12', peer: 3, edge: 'CiliumNetworkPolicy/shop/backend#specs.1.egressDeny.12/3' },
    { path: ['items', 2, 'spec', 'ingress', 10], element: 'CiliumNetworkPolicy/shop/backend#items.2.spec.ingress.10', peer: 11, edge: 'CiliumNetworkPolicy/shop/backend#items.2.spec.ingress.10/11' },
  ]
  for (const c of cases) {
    it(`builds and reads back ${c.edge}`, () => {
      const el = elementId(key, c.path)
      expect(el).toBe(c.element)
      expect(edgeId(el, c.peer)).toBe(c.edge)
      expect(parseElementId(c.element)).toEqual({ policyKey: key, path: [...c.path] })
      expect(parseEdgeId(c.edge)).toEqual({ elementId: c.element, policyKey: key, path: [...c.path], peerIndex: c.peer })
    })
  }
  it('reads the element of a policy whose name holds `#` and `/`', () => {
    const odd = policyKey('CiliumNetworkPolicy', 'shop', 'a#b/c')
    const edge = edgeId(elementId(odd, ['spec', 'egress', 0]), 2)
    expect(parseEdgeId(edge)).toEqual({ elementId: `${odd}#spec.egress.0`, policyKey: odd, path: ['spec', 'egress', 0], peerIndex: 2 })
  })
  it('reads nothing into text that is not an edge id', () => {
    for (const bad of ['', 'CiliumNetworkPolicy/shop/backend', 'CiliumNetworkPolicy/shop/backend#spec.ingress.0', 'CiliumNetworkPolicy/shop/backend#spec.ingress.0/x', 'x#spec/0', `${workloadId('shop', { app: 'x' })}`]) {
      expect(parseEdgeId(bad), bad).toBeNull()
    }
  })
})
