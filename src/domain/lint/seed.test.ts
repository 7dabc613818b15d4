/**
 * The seed article's examples (written fresh, indentation restored): which pitfalls each one
 * triggers as written. Several do — that is the article's point about default deny.
 */
import { describe, expect, it } from 'vitest'
import * as F from './fixtures.ts'
import { lint } from './test-util.ts'

const CDE_LOCKDOWN = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: cde-lockdown
  namespace: cde-payments
spec:
  endpointSelector: {}
  ingress:
    - fromEndpoints:
        - matchLabels:
            k8s:io.kubernetes.pod.namespace: gateway
            app: api-gateway
      toPorts:
        - ports:
            - port: "8443"
              protocol: TCP
          rules:
            http:
              - method: POST
                path: /v1/payments
  egress:
    - toEndpoints:
        - matchLabels:
            k8s:io.kubernetes.pod.namespace: kube-system
            k8s-app: kube-dns
      toPorts:
        - ports:
            - port: "53"
              protocol: UDP
          rules:
            dns:
              - matchPattern: "*.internal.example.com"
              - matchName: api.pgprovider.com
    - toFQDNs:
        - matchName: api.pgprovider.com
      toPorts:
        - ports:
            - port: "443"
              protocol: TCP
`

const CLUSTER_ONLY_EGRESS = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: cluster-only-egress
  namespace: internal-tools
spec:
  endpointSelector: {}
  egress:
    - toEntities:
        - cluster
        - kube-apiserver
`

/** [example, codes it must trigger, codes it must not]. */
const SEED: readonly [string, string, readonly string[], readonly string[]][] = [
  ['ns-isolation', F.NS_ISOLATION, ['empty-peers-list'], ['ports-without-peers', 'system-namespace-lockdown']],
  ['allow-frontend-to-backend', F.BACKEND_FROM_FRONTEND, [], ['ports-without-peers', 'empty-peers-list', 'label-not-in-identity']],
  ['allow-from-monitoring', F.APP_KUBERNETES_IO, [], ['label-not-in-identity']],
  ['deny-metadata-endpoint', F.DENY_ONLY, ['deny-only-enables-default-deny'], []],
  ['api-l7-allow', F.L7_NARROW, [], ['l7-broad-scope']],
  ['allow-external-apis (DNS rule block 1 kept)', F.FQDN_WITH_DNS, [], ['fqdn-without-dns-proxy']],
  ['allow-external-apis without block 1 (pitfall 1)', F.FQDN_NO_DNS, ['fqdn-without-dns-proxy'], []],
  ['cluster-only-egress', CLUSTER_ONLY_EGRESS, [], ['fqdn-without-dns-proxy', 'system-namespace-lockdown']],
  ['host-fw-control-plane', F.HOST_FW_SEED, [], ['probes-blocked']],
  ['cde-lockdown: L7 namespace-wide, DNS rule pairs toFQDNs', CDE_LOCKDOWN, ['l7-broad-scope'], ['fqdn-without-dns-proxy']],
]

describe('the seed article examples', () => {
  for (const [name, text, must, mustNot] of SEED) {
    it(`${name}: ${must.length ? must.join(', ') : 'no pitfall'}`, () => {
      const found = lint(text).map((f) => f.code)
      for (const c of must) expect(found).toContain(c)
      for (const c of mustNot) expect(found).not.toContain(c)
      expect(lint(text).filter((f) => f.severity === 'error' && !must.includes(f.code))).toEqual([])
    })
  }
})
