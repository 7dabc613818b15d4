import { describe, expect, it } from 'vitest'
import { apply, errorsOf } from './test-util.ts'

/** From an empty workspace to what a careful engineer writes (seed article: frontend → backend, toFQDNs + DNS). */
const EXPECTED = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: allow-frontend-to-backend
  namespace: shop
spec:
  endpointSelector:
    matchLabels:
      app: backend
  ingress:
    - fromEndpoints:
        - matchLabels:
            app: frontend
      toPorts:
        - ports:
            - port: "8080"
              protocol: TCP
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: allow-pg-gateway-dns
  namespace: payments
spec:
  endpointSelector:
    matchLabels:
      app: pg-gateway
  egress:
    - toEndpoints:
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
`

describe('journey: drawing the seed article from an empty workspace', () => {
  it('connect, allowDns, connect to an FQDN → the policies a careful engineer writes', () => {
    let text = ''
    text = apply(text, { type: 'connect', from: 'wl/shop/app=frontend', to: 'wl/shop/app=backend', ports: [{ port: '8080', protocol: 'TCP' }], action: 'allow' }).text
    text = apply(text, { type: 'allowDns', subject: 'wl/payments/app=pg-gateway' }).text
    const last = apply(text, { type: 'connect', from: 'wl/payments/app=pg-gateway', to: 'fqdn/api.stripe.com', ports: [{ port: '443', protocol: 'TCP' }], action: 'allow', placement: 'egress' })
    expect(last.text).toBe(EXPECTED)
    // The DNS rule was already there, so only the FQDN element was added (one small insertion).
    expect(last.edits).toHaveLength(1)
    expect(last.edits[0].text.startsWith('    - toFQDNs:')).toBe(true)
    expect(errorsOf(last.text)).toEqual([])
  })
})
