import { describe, expect, it } from 'vitest'
import type { NodeActionGesture } from './gestures.ts'
import { SHOP, apply, applyError, elementsOf, errorsOf } from './test-util.ts'

const END_OF_DOC0 = SHOP.indexOf('---\n')

interface Case {
  name: string
  gesture: NodeActionGesture
  at: number
  inserted: string
  policy: string
  elements: string[]
  warning?: RegExp
}

const cases: Case[] = [
  {
    name: 'isolateNamespace writes the ns-isolation policy with a comment',
    gesture: { type: 'isolateNamespace', namespace: 'payments' },
    at: SHOP.length,
    inserted: `---
# Only pods of payments may connect to pods of payments; all other ingress is denied.
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: ns-isolation
  namespace: payments
spec:
  endpointSelector: {}
  ingress:
    - fromEndpoints:
        - {}
`,
    policy: 'ns-isolation',
    elements: ['ingress fromEndpoints(1) all'],
  },
  {
    name: 'defaultDeny on a namespace writes `ingress: [{}]` (§2.5)',
    gesture: { type: 'defaultDeny', subject: 'ns/payments', direction: 'ingress' },
    at: SHOP.length,
    inserted: `---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: default-deny-ingress
  namespace: payments
spec:
  endpointSelector: {}
  ingress:
    - {}
`,
    policy: 'default-deny-ingress',
    elements: ['ingress -(0) all'],
  },
  {
    name: 'defaultDeny on a workload with a policy adds the empty element there',
    gesture: { type: 'defaultDeny', subject: 'wl/payments/app=pg-gateway', direction: 'ingress' },
    at: SHOP.length,
    inserted: '  ingress:\n    - {}\n',
    policy: 'pg-gateway',
    elements: ['ingress -(0) all', 'egress toEntities(2) 443/TCP,8443/TCP'],
  },
  {
    name: 'allowDns appends the kube-dns rule with the DNS proxy rule',
    gesture: { type: 'allowDns', subject: 'wl/payments/app=pg-gateway' },
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
`,
    policy: 'pg-gateway',
    elements: ['egress toEntities(2) 443/TCP,8443/TCP', 'egress toEndpoints(1) 53/UDP,53/TCP dns:1'],
  },
  {
    name: 'allowKubeApiserver uses the entity on 443 and 6443, and warns egress becomes default-deny',
    gesture: { type: 'allowKubeApiserver', subject: 'wl/shop/app=backend' },
    at: END_OF_DOC0,
    inserted: `  egress:
  - toEntities:
    - kube-apiserver
    toPorts:
    - ports:
      - port: '443'
        protocol: TCP
      - port: '6443'
        protocol: TCP
`,
    policy: 'backend',
    elements: ['ingress fromEndpoints(1) 8080/TCP', 'egress toEntities(1) 443/TCP,6443/TCP'],
    warning: /shop\/backend had no default-deny egress rule/,
  },
  {
    name: 'allowScrapeFromMonitoring names the monitoring namespace explicitly',
    gesture: { type: 'allowScrapeFromMonitoring', subject: 'wl/shop/app=backend', port: '9090' },
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
    name: 'allowFqdn adds the FQDN rule and the DNS rule it needs',
    gesture: { type: 'allowFqdn', subject: 'wl/payments/app=pg-gateway', name: '*.tosspayments.com' },
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
        - matchPattern: "*.tosspayments.com"
      toPorts:
        - ports:
            - port: "443"
              protocol: TCP
`,
    policy: 'pg-gateway',
    elements: ['egress toEntities(2) 443/TCP,8443/TCP', 'egress toEndpoints(1) 53/UDP,53/TCP dns:1', 'egress toFQDNs(1) 443/TCP'],
  },
  {
    name: 'denyMetadata writes a deny-only policy that keeps egress default-allow (§3.2)',
    gesture: { type: 'denyMetadata', subject: 'ns/shop' },
    at: SHOP.length,
    inserted: `---
# Block the cloud metadata endpoint: it hands out node credentials to any pod that asks.
# enableDefaultDeny.egress=false: this deny-only policy must not put egress into allowlist mode.
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: deny-metadata-endpoint
  namespace: shop
spec:
  endpointSelector: {}
  enableDefaultDeny:
    egress: false
  egressDeny:
    - toCIDR:
        - 169.254.169.254/32
`,
    policy: 'deny-metadata-endpoint',
    elements: ['egressDeny toCIDR(1) all'],
  },
]

describe('node actions', () => {
  for (const c of cases) {
    it(c.name, () => {
      const r = apply(SHOP, c.gesture)
      expect(r.text).toBe(SHOP.slice(0, c.at) + c.inserted + SHOP.slice(c.at))
      expect(r.edits).toEqual([{ start: c.at, end: c.at, text: c.inserted }])
      expect(errorsOf(r.text)).toEqual([])
      expect(elementsOf(r.text, c.policy)).toEqual(c.elements)
      if (c.warning) expect(r.warning).toMatch(c.warning)
    })
  }

  it('refuses a default deny that is already in force', () => {
    expect(applyError(SHOP, { type: 'defaultDeny', subject: 'wl/shop/app=backend', direction: 'ingress' })).toMatch(/already default-deny on ingress/)
  })

  it('refuses allowDns when a DNS proxy rule already covers the workload', () => {
    const once = apply(SHOP, { type: 'allowDns', subject: 'wl/payments/app=pg-gateway' })
    expect(applyError(once.text, { type: 'allowDns', subject: 'wl/payments/app=pg-gateway' })).toMatch(/already query kube-dns/)
  })

  it('makes new policy names unique in the namespace', () => {
    const once = apply(SHOP, { type: 'isolateNamespace', namespace: 'payments' })
    const twice = apply(once.text, { type: 'isolateNamespace', namespace: 'payments' })
    expect(twice.text).toContain('  name: ns-isolation-2\n')
  })
})
