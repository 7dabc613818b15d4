import { describe, expect, it } from 'vitest'
import { SEED } from './fixtures/seed.ts'
import { parsePolicies } from './parse.ts'
import { codes, elementLines, sel } from './test-util.ts'

interface SeedCase {
  readonly key: string
  readonly subject: string
  readonly elements: readonly string[]
}

const NS = 'k8s:io.kubernetes.pod.namespace'

const cases: Record<string, SeedCase> = {
  'namespace isolation': {
    key: 'CiliumNetworkPolicy/payments/ns-isolation',
    subject: `${NS}=payments`,
    elements: [`ingress endpoints(${NS}=payments) all`],
  },
  'frontend to backend 8080': {
    key: 'CiliumNetworkPolicy/shop/allow-frontend-to-backend',
    subject: `app=backend,${NS}=shop`,
    elements: [`ingress endpoints(app=frontend,${NS}=shop) 8080/TCP`],
  },
  'cross-namespace prometheus': {
    key: 'CiliumNetworkPolicy/shop/allow-from-monitoring',
    subject: `app=backend,${NS}=shop`,
    elements: [`ingress endpoints(${NS}=monitoring,app=prometheus) 9090/TCP`],
  },
  'egressDeny metadata endpoint': {
    key: 'CiliumNetworkPolicy/shop/deny-metadata-endpoint',
    subject: `${NS}=shop`,
    elements: ['egressDeny cidr(169.254.169.254/32) all'],
  },
  'L7 HTTP': {
    key: 'CiliumNetworkPolicy/shop/api-l7-allow',
    subject: `app=order-api,${NS}=shop`,
    elements: [`ingress endpoints(app=frontend,${NS}=shop) 8080/TCP [http:3]`],
  },
  Kafka: {
    key: 'CiliumNetworkPolicy/streaming/kafka-topic-policy',
    subject: `app=kafka,${NS}=streaming`,
    elements: [
      `ingress endpoints(app=order-service,${NS}=streaming) 9092/TCP [kafka:1]`,
      `ingress endpoints(app=settlement-service,${NS}=streaming) 9092/TCP [kafka:1]`,
    ],
  },
  gRPC: {
    key: 'CiliumNetworkPolicy/shop/grpc-method-policy',
    subject: `app=inventory-grpc,${NS}=shop`,
    elements: [`ingress endpoints(app=order-api,${NS}=shop) 50051/TCP [http:2]`],
  },
  'toFQDNs with DNS rule': {
    key: 'CiliumNetworkPolicy/payments/allow-external-apis',
    subject: `app=pg-gateway,${NS}=payments`,
    elements: [
      `egress endpoints(${NS}=kube-system,k8s-app=kube-dns) 53/UDP [dns:1]`,
      'egress fqdn(api.stripe.com) | fqdn(*.tosspayments.com) 443/TCP',
    ],
  },
  'explicit default deny': {
    key: 'CiliumNetworkPolicy/payments/default-deny',
    subject: `${NS}=payments`,
    elements: ['ingress - all', 'egress - all'],
  },
  'cluster-only egress': {
    key: 'CiliumNetworkPolicy/internal-tools/cluster-only-egress',
    subject: `${NS}=internal-tools`,
    elements: ['egress entity(cluster) | entity(kube-apiserver) all'],
  },
  'host firewall': {
    key: 'CiliumClusterwideNetworkPolicy/_cluster/host-fw-control-plane',
    subject: 'node-role.kubernetes.io/control-plane=',
    elements: ['ingress entity(cluster) all', 'ingress cidr(10.50.0.0/24) 22/TCP,6443/TCP'],
  },
  'PCI cde-lockdown': {
    key: 'CiliumNetworkPolicy/cde-payments/cde-lockdown',
    subject: `${NS}=cde-payments`,
    elements: [
      `ingress endpoints(${NS}=gateway,app=api-gateway) 8443/TCP [http:2]`,
      `egress endpoints(${NS}=kube-system,k8s-app=kube-dns) 53/UDP [dns:2]`,
      `egress endpoints(${NS}=cde-db,app=ledger-db) 5432/TCP`,
      'egress fqdn(api.pgprovider.com) 443/TCP',
    ],
  },
}

describe('seed article scenarios', () => {
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: parses without errors or warnings into the expected model`, () => {
      const r = parsePolicies(SEED[name])
      expect(codes(r, 'error')).toEqual([])
      expect(codes(r, 'warning')).toEqual([])
      expect(r.policies).toHaveLength(1)
      const p = r.policies[0]
      expect(p.key).toBe(c.key)
      expect(p.rules).toHaveLength(1)
      expect(sel(p.rules[0].subject.selector)).toBe(c.subject)
      expect(elementLines(r)).toEqual(c.elements)
      expect(r.documents).toEqual([expect.objectContaining({ index: 0, status: 'policy' })])
    })
  }

  it('every seed scenario has a case', () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(SEED).sort())
  })

  it('host firewall subject is a node selector and keeps default deny on', () => {
    const rule = parsePolicies(SEED['host firewall']).policies[0].rules[0]
    expect(rule.subject.kind).toBe('nodes')
    expect(rule.defaultDeny).toEqual({ ingress: true, egress: true })
  })

  it('the whole article parses as one multi-document file', () => {
    const text = Object.values(SEED).join('---\n')
    const r = parsePolicies(text)
    expect(codes(r, 'error')).toEqual([])
    expect(r.policies).toHaveLength(12)
    expect(r.documents.map((d) => d.index)).toEqual([...Array(12).keys()])
    // Origins point into the whole text at the right document.
    for (const p of r.policies) {
      expect(text.slice(p.origin.range.start, p.origin.range.end)).toContain(`name: ${p.name}`)
    }
  })

  it('keeps L7 details as written', () => {
    const r = parsePolicies(SEED['L7 HTTP'])
    const l7 = r.policies[0].rules[0].elements[0].toPorts?.[0].l7
    expect(l7?.kind).toBe('http')
    if (l7?.kind !== 'http') return
    expect(l7.rules.map((h) => `${h.method} ${h.path}`)).toEqual(['GET /api/v1/orders.*', 'POST /api/v1/orders', 'GET /healthz'])
    const kafka = parsePolicies(SEED.Kafka).policies[0].rules[0].elements[1].toPorts?.[0].l7
    expect(kafka?.kind === 'kafka' && kafka.rules[0]).toMatchObject({ role: 'consume', topic: 'orders' })
  })
})

describe('element ids and origins', () => {
  it('ids are policy key # yaml path and origins cover the element text', () => {
    const text = SEED['toFQDNs with DNS rule']
    const r = parsePolicies(text)
    const [dns, fqdn] = r.policies[0].rules[0].elements
    expect(dns.id).toBe('CiliumNetworkPolicy/payments/allow-external-apis#spec.egress.0')
    expect(fqdn.id).toBe('CiliumNetworkPolicy/payments/allow-external-apis#spec.egress.1')
    expect(fqdn.origin.path).toEqual(['spec', 'egress', 1])
    expect(text.slice(fqdn.origin.range.start, fqdn.origin.range.end)).toMatch(/^toFQDNs:/)
    const peer = fqdn.peers[1]
    expect(peer.origin.path).toEqual(['spec', 'egress', 1, 'toFQDNs', 1])
    expect(text.slice(peer.origin.range.start, peer.origin.range.end)).toBe('matchPattern: "*.tosspayments.com"')
    const port = fqdn.toPorts?.[0].ports[0]
    expect(port?.origin.path).toEqual(['spec', 'egress', 1, 'toPorts', 0, 'ports', 0])
    expect(r.policies[0].rules[0].subjectOrigin.path).toEqual(['spec', 'endpointSelector'])
  })
})
