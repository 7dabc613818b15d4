import { describe, expect, it } from 'vitest'
import { parsePolicies } from '../policy/parse.ts'
import type { ConnectGesture } from './gestures.ts'
import { SHOP, apply, applyError, elementsOf, errorsOf } from './test-util.ts'

const CP = 'node/node-role.kubernetes.io/control-plane='
const base = { type: 'connect', action: 'allow' } as const
const SSH_API = [{ port: '22', protocol: 'TCP' }, { port: '6443', protocol: 'TCP' }] as const

/** The seed's "Host policy (CCNP + nodeSelector)" example, drawn one arrow at a time. */
const FIRST = `apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata:
  name: host-fw-control-plane
spec:
  nodeSelector:
    matchLabels:
      node-role.kubernetes.io/control-plane: ""
  ingress:
    - fromEntities:
        - cluster
      toPorts:
        - ports:
            - port: "22"
              protocol: TCP
            - port: "6443"
              protocol: TCP
`
const CIDR_ELEMENT = `    - fromCIDR:
        - 10.50.0.0/24
      toPorts:
        - ports:
            - port: "22"
              protocol: TCP
            - port: "6443"
              protocol: TCP
`

describe('connect on a host (node/…) side', () => {
  it('draws the seed host firewall: a new CCNP, then a second peer kind in its own element', () => {
    const one = apply('', { ...base, from: 'entity/cluster', to: CP, ports: SSH_API })
    expect(one.text).toBe(FIRST)
    expect(one.description).toContain('new policy host-fw-control-plane (ingress of nodes node-role.kubernetes.io/control-plane=)')
    expect(one.warning).toMatch(/default-deny.*lock you out/)

    const two = apply(one.text, { ...base, from: 'cidr/10.50.0.0/24', to: CP, ports: SSH_API })
    expect(two.text).toBe(FIRST + CIDR_ELEMENT)
    expect(two.edits).toEqual([{ start: FIRST.length, end: FIRST.length, text: CIDR_ELEMENT }])
    expect(two.warning).toBeUndefined()

    const parsed = parsePolicies(two.text)
    expect(errorsOf(two.text)).toEqual([])
    expect(parsed.policies).toHaveLength(1)
    expect(parsed.policies[0].kind).toBe('CiliumClusterwideNetworkPolicy')
    expect(parsed.policies[0].rules.map((r) => r.subject.kind)).toEqual(['nodes'])
    expect(elementsOf(two.text, 'host-fw-control-plane')).toEqual(['ingress fromEntities(1) 22/TCP,6443/TCP', 'ingress fromCIDR(1) 22/TCP,6443/TCP'])
  })

  it('pins a workload peer to its namespace, since a CCNP has none of its own (§2.4)', () => {
    const r = apply('', { ...base, from: 'wl/monitoring/app=prometheus', to: 'node/role=worker', ports: [{ port: '9100' }] })
    expect(r.text).toContain(`  nodeSelector:
    matchLabels:
      role: worker
  ingress:
    - fromEndpoints:
        - matchLabels:
            k8s:io.kubernetes.pod.namespace: monitoring
            app: prometheus
`)
    expect(parsePolicies(r.text).policies.map((p) => p.name)).toEqual(['host-fw-worker'])
    expect(errorsOf(r.text)).toEqual([])
  })

  it('writes host egress to an FQDN with the DNS rule it needs (§5.6), DNS L7 being allowed there (§2.1)', () => {
    const r = apply(FIRST, { ...base, from: CP, to: 'fqdn/registry.k8s.io', ports: [{ port: '443' }], placement: 'egress' })
    expect(elementsOf(r.text, 'host-fw-control-plane')).toEqual([
      'ingress fromEntities(1) 22/TCP,6443/TCP',
      'egress toEndpoints(1) 53/UDP,53/TCP dns:1',
      'egress toFQDNs(1) 443/TCP',
    ])
    expect(errorsOf(r.text)).toEqual([])
    expect(r.warning).toMatch(/egress now becomes default-deny/)
  })

  it('writes a deny rule (ingressDeny) on a host', () => {
    const r = apply(FIRST, { ...base, action: 'deny', from: 'entity/world', to: CP, ports: [] })
    expect(r.text).toBe(`${FIRST}  ingressDeny:
    - fromEntities:
        - world
`)
    expect(errorsOf(r.text)).toEqual([])
  })

  it('with placement both, writes the host side and the pod side', () => {
    const r = apply(SHOP, { ...base, from: 'wl/shop/app=backend', to: 'node/role=db-host', ports: [{ port: '5432' }], placement: 'both' })
    expect(r.edits).toHaveLength(2)
    expect(elementsOf(r.text, 'backend')).toEqual(['ingress fromEndpoints(1) 8080/TCP', 'egress toNodes(1) 5432/TCP'])
    expect(elementsOf(r.text, 'host-fw-db-host')).toEqual(['ingress fromEndpoints(1) 5432/TCP'])
    expect(r.text).toContain("            k8s:io.kubernetes.pod.namespace: shop\n            app: backend\n")
  })

  it('does not reuse a CCNP that selects more than exactly those nodes; the new name stays unique', () => {
    const other = FIRST.replace('control-plane: ""\n', 'control-plane: ""\n      zone: a\n')
    const r = apply(other, { ...base, from: 'entity/cluster', to: CP, ports: [{ port: '10250' }] })
    expect(parsePolicies(r.text).policies.map((p) => p.name)).toEqual(['host-fw-control-plane', 'host-fw-control-plane-2'])
    expect(r.text.startsWith(other)).toBe(true)
  })

  it('writes into the CCNP named by policyKey, and refuses one that is not a host policy', () => {
    const key = parsePolicies(FIRST).policies[0].key
    const r = apply(FIRST, { ...base, from: 'cidr/10.50.0.0/24', to: 'node/role=other', ports: SSH_API, policyKey: key })
    expect(r.text).toBe(FIRST + CIDR_ELEMENT)
    const cnp = parsePolicies(SHOP).policies[0].key
    expect(applyError(SHOP, { ...base, from: 'entity/cluster', to: CP, ports: [], policyKey: cnp })).toMatch(/not a host policy/)
  })

  const refusals: [string, ConnectGesture, RegExp][] = [
    ['HTTP on host ingress', { ...base, from: 'entity/cluster', to: CP, ports: [{ port: '6443' }], l7: { http: [{ method: 'GET' }] } }, /no L7 rules on ingress \(§2\.1\)/],
    ['DNS on host ingress', { ...base, from: 'entity/cluster', to: CP, ports: [{ port: '53', protocol: 'UDP' }], l7: { dns: [{ matchPattern: '*' }] } }, /no L7 rules on ingress/],
    ['HTTP on host egress', { ...base, from: CP, to: 'cidr/10.0.0.0/8', ports: [{ port: '80' }], l7: { http: [{}] }, placement: 'egress' }, /only DNS L7 rules.*http/],
    ['Kafka on host egress', { ...base, from: CP, to: 'cidr/10.0.0.0/8', ports: [{ port: '9092' }], l7: { kafka: [{ topic: 't' }] }, placement: 'egress' }, /only DNS L7 rules.*kafka/],
    ['another node set as the peer', { ...base, from: 'node/role=worker', to: CP, ports: [{ port: '22' }] }, /enable-node-selector-labels \(§5\.7\)/],
    ['a host policy in Kubernetes NetworkPolicy mode', { ...base, from: 'cidr/10.50.0.0/24', to: CP, ports: [{ port: '22' }], mode: 'knp' }, /Kubernetes NetworkPolicy cannot select nodes/],
    ['an FQDN as a host source', { ...base, from: 'fqdn/example.com', to: CP, ports: [] }, /no ingress FQDN/],
  ]
  for (const [name, g, re] of refusals) {
    it(`refuses ${name} with a plain message, leaving the text alone`, () => {
      expect(applyError(FIRST, g)).toMatch(re)
    })
  }
})
