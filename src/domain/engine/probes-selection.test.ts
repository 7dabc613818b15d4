/** Probes for labels, selection and namespace scoping (§1, §2) and empty-vs-absent peers (§2.5). */
import { describe } from 'vitest'
import { ccnp, cnp, runSuite } from './test-harness.ts'

describe('§1 labels and selectors', () => {
  runSuite({
    yaml:
      cnp('shop', 'api', `
        endpointSelector: {matchLabels: {app: api}}
        ingress:
          - fromEndpoints: [{matchLabels: {app: web}}]
          - fromEndpoints: [{matchLabels: {k8s:role: batch}}]
          - fromEndpoints: [{matchLabels: {io.cilium.k8s.namespace.labels.team: blue}}]
          - fromEndpoints: [{matchLabels: {io.cilium.k8s.policy.serviceaccount: reporter}}]
          - fromEndpoints: [{matchLabels: {pod-template-hash: abc}}]
            toPorts: [{ports: [{port: "9999"}]}]
      `) +
      cnp('shop', 'db', `
        endpointSelector: {matchLabels: {app: db}}
        ingress:
          - fromEndpoints:
              - matchExpressions: [{key: tier, operator: NotIn, values: [frontend]}]
            toPorts: [{ports: [{port: "1"}]}]
          - fromEndpoints:
              - matchExpressions: [{key: trusted, operator: Exists}, {key: legacy, operator: DoesNotExist}]
            toPorts: [{ports: [{port: "5432"}]}]
          - fromEndpoints: [{matchLabels: {app: a1}}, {matchLabels: {app: a2}}]
            toPorts: [{ports: [{port: "6000"}]}]
      `),
    probes: [
      { name: '§1.2 a selector key without source matches the k8s label', from: 'shop/app=web', to: 'shop/app=api', expect: 'allowed', by: ['ingress', 'allow', 'shop/api', 'spec.ingress[0]'] },
      { name: '§1.2 a selector key without source matches a container label', from: 'labels:container:app=web,k8s:io.kubernetes.pod.namespace=shop', to: 'shop/app=api', expect: 'allowed', by: ['ingress', 'allow', 'shop/api', 'spec.ingress[0]'] },
      { name: '§1.2 k8s:role does not match container:role', from: 'labels:container:role=batch,k8s:io.kubernetes.pod.namespace=shop', to: 'shop/app=api', expect: 'denied', by: ['ingress', 'default-deny', 'shop/api', 'spec'] },
      { name: '§1.2 k8s:role matches k8s:role', from: 'shop/role=batch', to: 'shop/app=api', expect: 'allowed', by: ['ingress', 'allow', 'shop/api', 'spec.ingress[1]'] },
      { name: '§2.4 a namespace-label peer in a CNP is not pinned: other namespace with the label', from: 'ops[team=blue]/app=x', to: 'shop/app=api', expect: 'allowed', by: ['ingress', 'allow', 'shop/api', 'spec.ingress[2]'] },
      { name: '§2.4 a namespace-label peer: namespace without the label', from: 'ops[team=red]/app=x', to: 'shop/app=api', expect: 'denied', by: ['ingress', 'default-deny', 'shop/api', 'spec'] },
      { name: '§1.3 serviceaccount label selects pods by service account', from: 'labels:k8s:io.kubernetes.pod.namespace=shop,k8s:io.cilium.k8s.policy.serviceaccount=reporter', to: 'shop/app=api', expect: 'allowed', by: ['ingress', 'allow', 'shop/api', 'spec.ingress[3]'] },
      { name: '§1.3 a selector on a dropped label (pod-template-hash) never matches', from: 'shop/app=x,pod-template-hash=abc', to: 'shop/app=api', port: 9999, expect: 'denied', by: ['ingress', 'default-deny', 'shop/api', 'spec'] },
      { name: '§1.5 NotIn holds when the key is absent', from: 'shop/app=x', to: 'shop/app=db', port: 1, expect: 'allowed', by: ['ingress', 'allow', 'shop/db', 'spec.ingress[0]'] },
      { name: '§1.5 NotIn fails on a listed value', from: 'shop/app=x,tier=frontend', to: 'shop/app=db', port: 1, expect: 'denied', by: ['ingress', 'default-deny', 'shop/db'] },
      { name: '§1.5 Exists and DoesNotExist are ANDed: both hold', from: 'shop/trusted=yes', to: 'shop/app=db', port: 5432, expect: 'allowed', by: ['ingress', 'allow', 'shop/db', 'spec.ingress[1]'] },
      { name: '§1.5 Exists and DoesNotExist are ANDed: one fails', from: 'shop/trusted=yes,legacy=1', to: 'shop/app=db', port: 5432, expect: 'denied', by: ['ingress', 'default-deny', 'shop/db'] },
      { name: '§1.5 selectors of a list are ORed: first', from: 'shop/app=a1', to: 'shop/app=db', port: 6000, expect: 'allowed', by: ['ingress', 'allow', 'shop/db', 'spec.ingress[2]'] },
      { name: '§1.5 selectors of a list are ORed: second', from: 'shop/app=a2', to: 'shop/app=db', port: 6000, expect: 'allowed', by: ['ingress', 'allow', 'shop/db', 'spec.ingress[2]'] },
      { name: '§1.5 selectors of a list are ORed: neither', from: 'shop/app=a3', to: 'shop/app=db', port: 6000, expect: 'denied', by: ['ingress', 'default-deny', 'shop/db'] },
    ],
  })
})

describe('§2 subject selection and namespace scoping', () => {
  runSuite({
    yaml:
      cnp('shop', 'web-in', `
        endpointSelector: {matchLabels: {app: web, io.kubernetes.pod.namespace: other}}
        ingress:
          - fromEndpoints: [{}]
      `) +
      ccnp('all-pods-in', `
        endpointSelector: {matchLabels: {app: cc}}
        ingress:
          - fromEndpoints: [{}]
      `) +
      ccnp('health', `
        endpointSelector: {}
        egress:
          - toEntities: [cluster]
      `) +
      cnp('shop', 'ns-explicit', `
        endpointSelector: {matchLabels: {app: pay}}
        ingress:
          - fromEndpoints: [{matchLabels: {io.kubernetes.pod.namespace: billing, app: worker}}]
          - fromEndpoints: [{matchExpressions: [{key: io.kubernetes.pod.namespace, operator: Exists}], matchLabels: {app: scanner}}]
      `),
    settings: { allowLocalhost: 'policy' },
    probes: [
      { name: '§2.3 a CNP naming another namespace in its selector still selects its own', from: 'shop/app=x', to: 'shop/app=web', expect: 'allowed', by: ['ingress', 'allow', 'shop/web-in', 'spec.ingress[0]'] },
      { name: '§2.2 a CNP never selects pods of another namespace', from: 'other/app=x', to: 'other/app=web', expect: 'allowed', by: ['ingress', 'unenforced'], ingress: 'unenforced' },
      { name: '§2.4 CNP fromEndpoints [{}] is every pod of the policy namespace', from: 'shop/app=any', to: 'shop/app=web', expect: 'allowed', by: ['ingress', 'allow', 'shop/web-in'] },
      { name: '§2.4 CNP fromEndpoints [{}] excludes pods of other namespaces', from: 'other/app=any', to: 'shop/app=web', expect: 'denied', by: ['ingress', 'default-deny', 'shop/web-in', 'spec'] },
      { name: '§2.4 CNP fromEndpoints [{}] excludes world', from: '8.8.8.8', to: 'shop/app=web', expect: 'denied', by: ['ingress', 'default-deny', 'shop/web-in'], egress: 'n/a' },
      { name: '§2.4 CNP fromEndpoints [{}] excludes host (allow-localhost=policy)', from: 'host', to: 'shop/app=web', expect: 'denied', by: ['ingress', 'default-deny', 'shop/web-in'] },
      { name: '§2.4 CCNP fromEndpoints [{}] is every pod of every namespace', from: 'other/app=any', to: 'x/app=cc', expect: 'allowed', by: ['ingress', 'allow', 'all-pods-in', 'spec.ingress[0]'] },
      { name: '§2.4 CCNP fromEndpoints [{}] excludes reserved identities (health)', from: 'health', to: 'x/app=cc', expect: 'denied', by: ['ingress', 'default-deny', 'all-pods-in'] },
      { name: '§2.4 CCNP fromEndpoints [{}] excludes remote-node', from: 'remote-node', to: 'x/app=cc', expect: 'denied', by: ['ingress', 'default-deny', 'all-pods-in'] },
      { name: '§2.3 CCNP endpointSelector {} selects the health endpoint', from: 'health', to: '8.8.8.8', expect: 'denied', by: ['egress', 'default-deny', 'health', 'spec'] },
      { name: '§2.3 CCNP endpointSelector {} does not select the host', from: 'host', to: '8.8.8.8', expect: 'allowed', by: ['egress', 'unenforced'] },
      { name: '§2.4 an explicit namespace key reaches another namespace', from: 'billing/app=worker', to: 'shop/app=pay', expect: 'allowed', by: ['ingress', 'allow', 'shop/ns-explicit', 'spec.ingress[0]'] },
      { name: '§2.4 an explicit namespace key does not mean the policy namespace', from: 'shop/app=worker', to: 'shop/app=pay', expect: 'denied', by: ['ingress', 'default-deny', 'shop/ns-explicit'] },
      { name: '§2.4 namespace Exists reaches pods of any namespace', from: 'sec/app=scanner', to: 'shop/app=pay', expect: 'allowed', by: ['ingress', 'allow', 'shop/ns-explicit', 'spec.ingress[1]'] },
    ],
  })
})

describe('§2.5 empty versus absent peers', () => {
  runSuite({
    yaml:
      cnp('shop', 'port-only', `
        endpointSelector: {matchLabels: {app: web}}
        ingress:
          - toPorts: [{ports: [{port: "80", protocol: TCP}]}]
      `) +
      cnp('shop', 'deny-all', `
        endpointSelector: {matchLabels: {app: locked}}
        ingress:
          - {}
      `) +
      cnp('shop', 'empty-list', `
        endpointSelector: {matchLabels: {app: empty}}
        ingress:
          - fromEndpoints: []
            toPorts: [{ports: [{port: "80", protocol: TCP}]}]
      `) +
      cnp('shop', 'no-ingress', `
        endpointSelector: {matchLabels: {app: open}}
        ingress: []
        egress:
          - toEntities: [world]
      `),
    probes: [
      { name: '§2.5 toPorts without peers admits world', from: '203.0.113.7', to: 'shop/app=web', port: 80, expect: 'allowed', by: ['ingress', 'allow', 'shop/port-only', 'spec.ingress[0]'] },
      { name: '§2.5 toPorts without peers admits pods of other namespaces', from: 'other/app=x', to: 'shop/app=web', port: 80, expect: 'allowed', by: ['ingress', 'allow', 'shop/port-only'] },
      { name: '§2.5 toPorts without peers admits remote nodes', from: 'remote-node', to: 'shop/app=web', port: 80, expect: 'allowed', by: ['ingress', 'allow', 'shop/port-only'] },
      { name: '§2.5 toPorts without peers still restricts the port', from: '203.0.113.7', to: 'shop/app=web', port: 81, expect: 'denied', by: ['ingress', 'default-deny', 'shop/port-only', 'spec'] },
      { name: '§2.5 ingress: [{}] denies everything', from: 'shop/app=x', to: 'shop/app=locked', expect: 'denied', by: ['ingress', 'default-deny', 'shop/deny-all', 'spec'] },
      { name: '§2.5 ingress: [{}] denies world too', from: '1.1.1.1', to: 'shop/app=locked', expect: 'denied', by: ['ingress', 'default-deny', 'shop/deny-all'] },
      { name: '§2.5 ingress: [{}] leaves egress unenforced', from: 'shop/app=locked', to: '1.1.1.1', expect: 'allowed', by: ['egress', 'unenforced'] },
      { name: '§2.5 fromEndpoints: [] with toPorts selects nothing but enforces', from: 'shop/app=x', to: 'shop/app=empty', port: 80, expect: 'denied', by: ['ingress', 'default-deny', 'shop/empty-list', 'spec'] },
      { name: '§2.5 ingress: [] has no effect at all', from: '1.1.1.1', to: 'shop/app=open', expect: 'allowed', by: ['ingress', 'unenforced'], ingress: 'unenforced' },
      { name: '§2.5 the same policy egress still enforces', from: 'shop/app=open', to: 'shop/app=x', expect: 'denied', by: ['egress', 'default-deny', 'shop/no-ingress', 'spec'] },
    ],
  })
})
