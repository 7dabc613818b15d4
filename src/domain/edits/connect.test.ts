import { describe, expect, it } from 'vitest'
import type { ConnectGesture } from './gestures.ts'
import { applyGesture } from './apply.ts'
import { parsePolicies } from '../policy/parse.ts'
import { SHOP, SHOP_DOC1, apply, applyError, elementsOf, errorsOf } from './test-util.ts'

const END_OF_DOC0 = SHOP.indexOf('---\n')
const base = { type: 'connect', action: 'allow' } as const

interface Case {
  name: string
  gesture: ConnectGesture
  /** Where the snippet lands in SHOP, and the exact text inserted there. */
  at: number
  inserted: string
  policy: string
  elements: string[]
}

const cases: Case[] = [
  {
    name: 'appends a cross-namespace ingress peer to the subject policy, in its kubectl style and single quotes',
    gesture: { ...base, from: 'wl/monitoring/app=prometheus', to: 'wl/shop/app=backend', ports: [{ port: '9090' }] },
    at: END_OF_DOC0,
    inserted: `  - fromEndpoints:
    - matchLabels:
        k8s:io.kubernetes.pod.namespace: monitoring
        app: prometheus
    toPorts:
    - ports:
      - port: '9090'
        protocol: TCP
`,
    policy: 'backend',
    elements: ['ingress fromEndpoints(1) 8080/TCP', 'ingress fromEndpoints(1) 9090/TCP'],
  },
  {
    name: 'appends an egress CIDR rule to an indented list in double-quote style',
    gesture: { ...base, from: 'wl/payments/app=pg-gateway', to: 'cidr/10.0.0.0/8', ports: [{ port: '5432' }], placement: 'egress' },
    at: SHOP.length,
    inserted: `    - toCIDR:
        - 10.0.0.0/8
      toPorts:
        - ports:
            - port: "5432"
              protocol: TCP
`,
    policy: 'pg-gateway',
    elements: ['egress toEntities(2) 443/TCP,8443/TCP', 'egress toCIDR(1) 5432/TCP'],
  },
  {
    name: 'creates the deny list key when absent; a deny has no toPorts when no port is given',
    gesture: { ...base, action: 'deny', from: 'entity/world', to: 'wl/shop/app=backend', ports: [] },
    at: END_OF_DOC0,
    inserted: `  ingressDeny:
  - fromEntities:
    - world
`,
    policy: 'backend',
    elements: ['ingress fromEndpoints(1) 8080/TCP', 'ingressDeny fromEntities(1) all'],
  },
  {
    name: 'writes HTTP rules under the port they apply to',
    gesture: { ...base, from: 'wl/shop/app=frontend', to: 'wl/shop/app=backend', ports: [{ port: '8080', protocol: 'TCP' }], l7: { http: [{ method: 'GET', path: '/api/v1/orders.*' }] } },
    at: END_OF_DOC0,
    inserted: `  - fromEndpoints:
    - matchLabels:
        app: frontend
    toPorts:
    - ports:
      - port: '8080'
        protocol: TCP
      rules:
        http:
        - method: GET
          path: /api/v1/orders.*
`,
    policy: 'backend',
    elements: ['ingress fromEndpoints(1) 8080/TCP', 'ingress fromEndpoints(1) 8080/TCP http:1'],
  },
  {
    name: 'writes toFQDNs plus the DNS rule it needs (§5.6) into the subject policy',
    gesture: { ...base, from: 'wl/payments/app=pg-gateway', to: 'fqdn/api.stripe.com', ports: [{ port: '443' }], placement: 'egress' },
    at: SHOP.length,
    inserted: `    - toEndpoints:
        - matchLabels:
            k8s:io.kubernetes.pod.namespace: kube-system
            k8s-app: kube-dns
      toPorts:
        - ports:
            - port: "53"
              protocol: UDP
            - port: "53"
              protocol: TCP
          rules:
            dns:
              - matchPattern: "*"
    - toFQDNs:
        - matchName: api.stripe.com
      toPorts:
        - ports:
            - port: "443"
              protocol: TCP
`,
    policy: 'pg-gateway',
    elements: ['egress toEntities(2) 443/TCP,8443/TCP', 'egress toEndpoints(1) 53/UDP,53/TCP dns:1', 'egress toFQDNs(1) 443/TCP'],
  },
  {
    name: 'creates a new CiliumNetworkPolicy for a subject without one',
    gesture: { ...base, from: 'wl/shop/app=backend', to: 'wl/shop/app=db', ports: [{ port: '5432' }] },
    at: SHOP.length,
    inserted: `---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: allow-backend-to-db
  namespace: shop
spec:
  endpointSelector:
    matchLabels:
      app: db
  ingress:
    - fromEndpoints:
        - matchLabels:
            app: backend
      toPorts:
        - ports:
            - port: "5432"
              protocol: TCP
`,
    policy: 'allow-backend-to-db',
    elements: ['ingress fromEndpoints(1) 5432/TCP'],
  },
  {
    name: 'creates a Kubernetes NetworkPolicy in knp mode',
    gesture: { ...base, from: 'ns/web', to: 'wl/shop/app=db', ports: [{ port: '5432' }], mode: 'knp' },
    at: SHOP.length,
    inserted: `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-web-to-db
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: db
  policyTypes:
    - Ingress
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: web
      ports:
        - port: 5432
          protocol: TCP
`,
    policy: 'allow-web-to-db',
    elements: ['ingress from(1) 5432/TCP'],
  },
]

describe('connect', () => {
  for (const c of cases) {
    it(c.name, () => {
      const r = apply(SHOP, c.gesture)
      expect(r.text).toBe(SHOP.slice(0, c.at) + c.inserted + SHOP.slice(c.at))
      expect(r.edits).toEqual([{ start: c.at, end: c.at, text: c.inserted }])
      expect(errorsOf(r.text)).toEqual([])
      expect(elementsOf(r.text, c.policy)).toEqual(c.elements)
    })
  }

  it('writes both sides, in two places, leaving the untouched document byte-identical', () => {
    const r = apply(SHOP, { ...base, from: 'wl/shop/app=backend', to: 'wl/shop/app=db', ports: [{ port: '5432' }], placement: 'both' })
    expect(r.edits).toHaveLength(2)
    expect(r.text).toContain(SHOP_DOC1)
    expect(elementsOf(r.text, 'backend')).toEqual(['ingress fromEndpoints(1) 8080/TCP', 'egress toEndpoints(1) 5432/TCP'])
    expect(elementsOf(r.text, 'allow-backend-to-db')).toEqual(['ingress fromEndpoints(1) 5432/TCP'])
    expect(r.warning).toContain('shop/backend had no default-deny egress rule')
  })

  it('skips the DNS rule when a rule selecting the subject already allows DNS through the proxy', () => {
    const once = apply(SHOP, { type: 'allowDns', subject: 'wl/shop/app=frontend' })
    const r = apply(once.text, { ...base, from: 'wl/shop/app=frontend', to: 'fqdn/*.stripe.com', ports: [{ port: '443' }], placement: 'egress' })
    expect(elementsOf(r.text, 'allow-frontend-dns')).toEqual(['egress toEndpoints(1) 53/UDP,53/TCP dns:1', 'egress toFQDNs(1) 443/TCP'])
    expect(r.text).toContain('        - matchPattern: "*.stripe.com"\n')
  })

  it('drops L7 from a deny rule with a warning (§4.1)', () => {
    const r = apply(SHOP, { ...base, action: 'deny', from: 'wl/shop/app=frontend', to: 'wl/shop/app=backend', ports: [{ port: '8080' }], l7: { http: [{ method: 'DELETE' }] } })
    expect(elementsOf(r.text, 'backend')).toContain('ingressDeny fromEndpoints(1) 8080/TCP')
    expect(r.warning).toMatch(/no L7/)
  })

  it('keeps a JSON document JSON, touching only the list it appends to', () => {
    const json = '{"apiVersion": "cilium.io/v2", "kind": "CiliumNetworkPolicy",\n "metadata": {"name": "j", "namespace": "shop"},\n "spec": {"endpointSelector": {"matchLabels": {"app": "db"}},\n   "ingress": [{"fromEndpoints": [{"matchLabels": {"app": "backend"}}]}]}}\n'
    const r = apply(json, { ...base, from: 'wl/shop/app=x', to: 'wl/shop/app=db', ports: [{ port: '1' }] })
    const added = ', {"fromEndpoints": [{"matchLabels": {"app": "x"}}], "toPorts": [{"ports": [{"port": "1", "protocol": "TCP"}]}]}'
    expect(r.text).toBe(json.replace('}]}]}}', `}]}${added}]}}`))
    expect(elementsOf(r.text, 'j')).toEqual(['ingress fromEndpoints(1) all', 'ingress fromEndpoints(1) 1/TCP'])
  })

  const errors: [string, ConnectGesture, RegExp][] = [
    ['FQDN as a source (no ingress FQDN)', { ...base, from: 'fqdn/api.stripe.com', to: 'wl/shop/app=backend', ports: [] }, /no ingress FQDN/],
    ['FQDN deny', { ...base, action: 'deny', from: 'wl/shop/app=backend', to: 'fqdn/api.stripe.com', ports: [], placement: 'egress' }, /egressDeny has no toFQDNs/],
    ['ingress on an entity', { ...base, from: 'wl/shop/app=backend', to: 'entity/world', ports: [] }, /not a pod.*egress on shop\/backend/],
    ['HTTP on UDP', { ...base, from: 'wl/shop/app=frontend', to: 'wl/shop/app=backend', ports: [{ port: '53', protocol: 'UDP' }], l7: { http: [{}] } }, /only apply to TCP/],
    ['L7 without a port', { ...base, from: 'wl/shop/app=frontend', to: 'wl/shop/app=backend', ports: [], l7: { http: [{}] } }, /need a port/],
    ['entities in a KNP', { ...base, from: 'entity/world', to: 'wl/shop/app=db', ports: [], mode: 'knp' }, /Kubernetes NetworkPolicy cannot name world/],
    ['an unknown node id', { ...base, from: 'sel/shop/x/spec', to: 'wl/shop/app=db', ports: [] }, /does not name one/],
  ]
  for (const [name, g, re] of errors) {
    it(`refuses ${name} with an explanation`, () => {
      expect(applyError(SHOP, g)).toMatch(re)
    })
  }
})

describe('connect on an empty workspace', () => {
  it('writes both sides as two documents separated by ---', () => {
    const r = applyGesture('', parsePolicies(''), {
      type: 'connect',
      from: 'wl/shop/app=frontend',
      to: 'wl/shop/app=backend',
      ports: [{ port: '8080', protocol: 'TCP' }],
      action: 'allow',
      placement: 'both',
    })
    if ('error' in r) throw new Error(r.error)
    const parsed = parsePolicies(r.text)
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(parsed.policies.map((p) => p.name)).toEqual(['allow-frontend-to-backend', 'allow-frontend-to-backend-egress'])
    expect(r.text).toContain('\n---\napiVersion: cilium.io/v2\n')
  })
})
