/** Probes for host policies (§2.1) and the identity builders (§1.3, §1.4). */
import { describe, expect, it } from 'vitest'
import { formatLabel } from '../labels/label.ts'
import { hostRef, podLabels, refFromEntity, refFromIp, refFromLabelStrings } from './identity.ts'
import { ccnp, runSuite } from './test-harness.ts'

const hostPolicy = ccnp('host-fw', `
  nodeSelector: {matchLabels: {node-role: worker}}
  ingress:
    - fromEntities: [cluster]
      toPorts: [{ports: [{port: "10250", protocol: TCP}]}]
  egress:
    - toEntities: [world]
      toPorts: [{ports: [{port: "443", protocol: TCP}]}]
`)

describe('§2.1 host policies', () => {
  runSuite({
    yaml: hostPolicy,
    settings: { hostFirewall: true, nodeLabels: { 'node-role': 'worker' } },
    probes: [
      { name: '§2.1 with the host firewall, a node policy selects the host: kubelet port from cluster', from: 'shop/app=x', to: 'host', port: 10250, expect: 'allowed', by: ['ingress', 'allow', 'host-fw', 'spec.ingress[0]'] },
      { name: '§2.1 host ingress default-deny on other ports', from: 'shop/app=x', to: 'host', port: 22, expect: 'denied', by: ['ingress', 'default-deny', 'host-fw', 'spec'] },
      { name: '§2.1 host ingress: world is not in cluster', from: '1.2.3.4', to: 'host', port: 10250, expect: 'denied', by: ['ingress', 'default-deny', 'host-fw'] },
      { name: '§2.1 host egress to world on 443', from: 'host', to: '1.2.3.4', port: 443, expect: 'allowed', by: ['egress', 'allow', 'host-fw', 'spec.egress[0]'] },
      { name: '§2.1 host egress elsewhere is denied', from: 'host', to: '1.2.3.4', port: 80, expect: 'denied', by: ['egress', 'default-deny', 'host-fw'] },
      { name: '§2.1 a node policy never selects pods', from: 'shop/app=x', to: '1.2.3.4', port: 80, expect: 'allowed', by: ['egress', 'unenforced'] },
    ],
  })
  runSuite({
    yaml: hostPolicy,
    settings: { hostFirewall: true, nodeLabels: { 'node-role': 'storage' } },
    probes: [
      { name: '§2.1 a nodeSelector that does not match the local node selects nothing', from: '1.2.3.4', to: 'host', port: 22, expect: 'allowed', by: ['ingress', 'unenforced'] },
    ],
  })
  runSuite({
    yaml: hostPolicy,
    settings: { nodeLabels: { 'node-role': 'worker' } },
    probes: [
      { name: '§2.1 without the host firewall host policy is not evaluated', from: '1.2.3.4', to: 'host', port: 22, expect: 'allowed', by: ['ingress', 'unenforced'], ingress: 'n/a' },
    ],
  })
})

describe('§1.3 identity builders', () => {
  it('§1.3 pod labels: filtered pod labels, namespace labels, namespace, service account, cluster', () => {
    const labels = podLabels({
      namespace: 'shop',
      labels: { app: 'api', 'pod-template-hash': 'x', 'app.kubernetes.io/name': 'api', 'io.cilium.k8s.policy.cluster': 'fake', 'kubernetes.io/os': 'linux' },
      namespaceLabels: { team: 'blue' },
      serviceAccount: 'api-sa',
      cluster: 'prod',
    }).map(formatLabel)
    expect(labels.sort()).toEqual(
      [
        'k8s:app=api',
        'k8s:app.kubernetes.io/name=api',
        'k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=shop',
        'k8s:io.cilium.k8s.namespace.labels.team=blue',
        'k8s:io.kubernetes.pod.namespace=shop',
        'k8s:io.cilium.k8s.policy.serviceaccount=api-sa',
        'k8s:io.cilium.k8s.policy.cluster=prod',
      ].sort(),
    )
  })

  it('§1.4 reserved identities and IPs', () => {
    expect(refFromEntity('kube-apiserver')!.labels.map(formatLabel)).toEqual(['reserved:kube-apiserver', 'reserved:remote-node'])
    expect(refFromEntity('all')).toBeUndefined()
    expect(hostRef().isEndpoint).toBe(true)
    const ip = refFromIp('2001:db8::1')
    expect(ip.labels.map(formatLabel)).toEqual(['reserved:world', 'cidr:2001-db8--1/128'])
    expect(ip.isEndpoint).toBe(false)
    const hub = refFromLabelStrings(['k8s:app=x', 'k8s:io.kubernetes.pod.namespace=a'])
    expect(hub.isEndpoint).toBe(true)
    expect(refFromLabelStrings(['reserved:world']).isEndpoint).toBe(false)
  })
})
