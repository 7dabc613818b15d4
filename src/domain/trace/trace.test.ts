import { describe, expect, it } from 'vitest'
import { compilePolicySet, createSession, podRef, refFromEntity, refFromIp } from '../engine/index.ts'
import type { EndpointRef } from '../engine/index.ts'
import { indexInventory, parseInventory } from '../inventory/index.ts'
import { parsePolicies } from '../policy/parse.ts'
import type { PeerFacts, PeerSpec, TraceQuery } from './index.ts'
import { PeerError, RESOLVED_IP, describePeer, peerRef, traceConnection, traceRequest } from './index.ts'

const compile = (yaml: string) => {
  const parsed = parsePolicies(yaml)
  return compilePolicySet(parsed.policies, parsed.cidrGroups)
}

const DNS_RULE = `    - toEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system, k8s-app: kube-dns}}]
      toPorts: [{ports: [{port: "53", protocol: UDP}], rules: {dns: [{matchPattern: "*.stripe.com"}]}}]
`
const gateway = (dnsRule: string): string => `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: gw, namespace: payments}
spec:
  endpointSelector: {matchLabels: {app: pg-gateway}}
  egress:
${dnsRule}    - toFQDNs: [{matchName: api.stripe.com}]
      toPorts: [{ports: [{port: "443", protocol: TCP}]}]
`
const gw: PeerSpec = { kind: 'pod', namespace: 'payments', labels: { app: 'pg-gateway' } }
const toStripe = (name = 'api.stripe.com'): TraceQuery => ({ from: gw, to: { kind: 'fqdn', name }, protocol: 'TCP', port: 443 })

describe('peerRef without facts (the Trace panel)', () => {
  const cases: [string, PeerSpec, EndpointRef][] = [
    ['a workload is a pod of its namespace, named by its labels', { kind: 'pod', namespace: 'shop', labels: { app: 'web', tier: 'fe' } },
      podRef({ namespace: 'shop', labels: { app: 'web', tier: 'fe' }, name: 'shop/{app=web,tier=fe}' })],
    ['a namespace is any pod of it', { kind: 'pod', namespace: 'shop', labels: {} }, podRef({ namespace: 'shop', labels: {}, name: 'shop/(any pod)' })],
    ['an entity is its reserved identity', { kind: 'entity', name: 'kube-apiserver' }, refFromEntity('kube-apiserver')!],
    ['an IP is a world address', { kind: 'ip', ip: '203.0.113.9' }, refFromIp('203.0.113.9', { name: '203.0.113.9' })],
    ['a DNS name stands for the address it resolves to', { kind: 'fqdn', name: 'api.stripe.com' }, refFromIp(RESOLVED_IP, { name: 'api.stripe.com' })],
  ]
  for (const [name, peer, ref] of cases) it(name, () => expect(peerRef(peer)).toEqual(ref))

  it('carries the default cluster label on pods, as Cilium does without a cluster name (§1.3)', () => {
    expect(peerRef(gw).labels).toContainEqual({ source: 'k8s', key: 'io.cilium.k8s.policy.cluster', value: 'default' })
    expect(peerRef(gw, { clusterName: 'east' }).labels).toContainEqual({ source: 'k8s', key: 'io.cilium.k8s.policy.cluster', value: 'east' })
  })

  it('refuses an unknown entity and a pod name nobody knows', () => {
    expect(() => peerRef({ kind: 'entity', name: 'nowhere' })).toThrow(PeerError)
    expect(() => peerRef({ kind: 'entity', name: 'nowhere' })).toThrow('unknown entity "nowhere"')
    expect(() => peerRef({ kind: 'named-pod', namespace: 'shop', name: 'web-0' })).toThrow("unknown pod 'shop/web-0': not in the inventory")
    expect(() => peerRef({ kind: 'named-pod', namespace: 'shop', name: 'web-0' }, { observed: new Map() })).toThrow('nor in the flows')
  })
})

describe('peerRef with an inventory and observed pods (the CLI)', () => {
  const inv = parseInventory(JSON.stringify({ kind: 'List', items: [
    { kind: 'Namespace', metadata: { name: 'shop', labels: { team: 'a' } } },
    { kind: 'Pod', metadata: { name: 'web-0', namespace: 'shop', labels: { app: 'web' } },
      spec: { serviceAccountName: 'web-sa', containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 8080 }] }] },
      status: { podIP: '10.0.0.5', podIPs: [{ ip: '10.0.0.5' }] } },
  ] })).inventory
  const facts: PeerFacts = { inventory: { index: indexInventory(inv), pods: inv.pods } }

  it('lends a labelled pod its namespace labels, service account, address and named ports', () => {
    const ref = peerRef({ kind: 'pod', namespace: 'shop', labels: { app: 'web' } }, facts)
    expect(ref.labels).toContainEqual({ source: 'k8s', key: 'io.cilium.k8s.namespace.labels.team', value: 'a' })
    expect(ref.labels).toContainEqual({ source: 'k8s', key: 'io.cilium.k8s.policy.serviceaccount', value: 'web-sa' })
    expect(ref).toMatchObject({ ip: '10.0.0.5', name: 'shop/{app=web}', isEndpoint: true })
    expect(ref.namedPorts?.http).toMatchObject({ port: 8080 })
  })

  it('finds a pod by name or by address in the inventory', () => {
    const byName = peerRef({ kind: 'named-pod', namespace: 'shop', name: 'web-0' }, facts)
    expect(byName).toMatchObject({ name: 'shop/web-0', ip: '10.0.0.5', isEndpoint: true })
    expect(peerRef({ kind: 'ip', ip: '10.0.0.5' }, facts)).toEqual(byName)
    expect(peerRef({ kind: 'ip', ip: '10.0.0.6' }, facts).labels).toContainEqual({ source: 'reserved', key: 'world', value: '' })
  })

  it('falls back to the pods seen in flows', () => {
    const seen = podRef({ namespace: 'shop', labels: { app: 'cart' }, name: 'shop/cart-1' })
    expect(peerRef({ kind: 'named-pod', namespace: 'shop', name: 'cart-1' }, { observed: new Map([['shop/cart-1', seen]]) })).toBe(seen)
  })

  it('names peers the way the trace lines show them', () => {
    expect(describePeer({ kind: 'named-pod', namespace: 'shop', name: 'web-0' })).toBe('shop/web-0')
    expect(describePeer({ kind: 'fqdn', name: 'api.stripe.com' })).toBe('api.stripe.com')
  })
})

describe('traceConnection to a DNS name (toFQDNs, §5.6)', () => {
  it('resolves the name through the draft\'s DNS rule, so toFQDNs matches', () => {
    const t = traceConnection(compile(gateway(DNS_RULE)), toStripe())
    expect(t.result.verdict).toBe('allowed')
    expect(t.result.egress.reasons[0]).toMatchObject({ policy: 'payments/gw', path: 'spec.egress[1]', effect: 'allow' })
    expect(t.notes).toEqual([`api.stripe.com was resolved through Cilium's DNS proxy (as ${RESOLVED_IP}), so toFQDNs rules can match it.`])
    expect(t.request.destination).toEqual(refFromIp(RESOLVED_IP, { name: 'api.stripe.com' }))
  })

  it('without a DNS rule the name is never learned: denied, and the note says why', () => {
    const t = traceConnection(compile(gateway('')), toStripe())
    expect(t.result.verdict).toBe('denied')
    expect(t.notes[0]).toContain('was NOT resolved through Cilium\'s DNS proxy')
  })

  it('a DNS rule that does not allow the name does not teach it', () => {
    expect(traceConnection(compile(gateway(DNS_RULE.replace('*.stripe.com', '*.example.com'))), toStripe()).result.verdict).toBe('denied')
  })

  it('starts from an empty FQDN cache each time: learning is per trace', () => {
    const set = compile(gateway(DNS_RULE))
    expect(traceConnection(set, toStripe()).result.verdict).toBe('allowed')
    const session = createSession(set)
    const { request, notes } = traceRequest(session, { ...toStripe(), to: { kind: 'ip', ip: RESOLVED_IP } })
    expect(notes).toEqual([])
    expect(session.evaluate(request).verdict).toBe('denied')
  })

  it('puts the notes before the explanation, which ends in the final verdict', () => {
    const t = traceConnection(compile(gateway('')), toStripe())
    expect(t.lines[0]).toBe(t.notes[0])
    expect(t.lines.at(-1)).toBe('Final verdict: DENIED')
  })
})

describe('traceConnection requests', () => {
  const set = compile(`apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: api}}
  ingress:
    - fromEndpoints: [{matchLabels: {app: web}}]
      toPorts: [{ports: [{port: "8080", protocol: TCP}], rules: {http: [{method: GET, path: "/v1/.*"}]}}]
`)
  const web: PeerSpec = { kind: 'pod', namespace: 'shop', labels: { app: 'web' } }
  const api: PeerSpec = { kind: 'pod', namespace: 'shop', labels: { app: 'api' } }
  const cases: [string, Partial<TraceQuery>, string][] = [
    ['an allowed port', {}, 'allowed'],
    ['an HTTP request the rule allows', { http: { method: 'GET', path: '/v1/items' } }, 'allowed'],
    ['an HTTP request the rule does not allow', { http: { method: 'POST', path: '/v1/items' } }, 'denied'],
    ['another port', { port: 9090 }, 'denied'],
  ]
  for (const [name, extra, verdict] of cases) {
    it(`${name}: ${verdict}`, () => {
      const t = traceConnection(set, { from: web, to: api, protocol: 'TCP', port: 8080, ...extra })
      expect(t.result.verdict).toBe(verdict)
      expect(t.request).toMatchObject({ protocol: 'TCP', port: extra.port ?? 8080, ...(extra.http && { l7: { http: extra.http } }) })
    })
  }

  it('passes an ICMP type and a DNS query through to the request', () => {
    expect(traceRequest(createSession(set), { from: web, to: api, protocol: 'ICMPv4', icmpType: 8 }).request)
      .toMatchObject({ protocol: 'ICMPv4', icmpType: 8 })
    expect(traceRequest(createSession(set), { from: web, to: api, protocol: 'UDP', port: 53, dns: 'a.example.com' }).request.l7)
      .toEqual({ dns: { query: 'a.example.com' } })
  })
})
