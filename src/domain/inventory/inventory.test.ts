import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { formatLabel } from '../labels/label.ts'
import { ingestFlows } from '../flows/index.ts'
import { indexInventory, inventoryFromFlows, parseInventory } from './index.ts'

const LIST = {
  apiVersion: 'v1', kind: 'List', items: [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop', team: 'web' } } },
    {
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: 'cart-1', namespace: 'shop', labels: { app: 'cart', 'pod-template-hash': 'abc', 'app.kubernetes.io/part-of': 'shop' } },
      spec: { serviceAccountName: 'cart', nodeName: 'node-1', containers: [{ name: 'c', ports: [{ name: 'HTTP', containerPort: 8080 }, { name: 'metrics', containerPort: 9090, protocol: 'TCP' }, { containerPort: 5000 }] }] },
      status: { podIP: '10.0.0.5', podIPs: [{ ip: '10.0.0.5' }, { ip: 'fd00::5' }] },
    },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'agent', namespace: 'kube-system' }, spec: { hostNetwork: true }, status: { podIP: '172.18.0.2' } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'cart', namespace: 'shop' }, spec: { selector: { app: 'cart' }, clusterIP: '10.96.0.10', ports: [{ name: 'http', port: 80, targetPort: 'http' }] } },
    { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', labels: { zone: 'a' } }, status: { addresses: [{ type: 'InternalIP', address: '172.18.0.2' }] } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' } },
  ],
}

describe('parseInventory', () => {
  it('reads a kubectl List of pods, namespaces, services and nodes', () => {
    const { inventory, problems } = parseInventory(JSON.stringify(LIST), { clusterName: 'prod' })
    expect(problems).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('ignored 1') }),
      expect.objectContaining({ message: expect.stringContaining('kube-system') })])
    const cart = inventory.pods.find((p) => p.name === 'cart-1')
    expect(cart).toMatchObject({ namespace: 'shop', serviceAccount: 'cart', nodeName: 'node-1', ips: ['10.0.0.5', 'fd00::5'], hostNetwork: false })
    expect(cart?.namedPorts).toEqual({ http: { port: 8080, protocol: 'TCP' }, metrics: { port: 9090, protocol: 'TCP' } })
    expect(cart?.identityLabels.map(formatLabel)).toEqual([
      'k8s:app=cart',
      'k8s:app.kubernetes.io/part-of=shop',
      'k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=shop',
      'k8s:io.cilium.k8s.namespace.labels.team=web',
      'k8s:io.cilium.k8s.policy.cluster=prod',
      'k8s:io.cilium.k8s.policy.serviceaccount=cart',
      'k8s:io.kubernetes.pod.namespace=shop',
    ])
    expect(inventory.pods.find((p) => p.name === 'agent')?.identityLabels.map(formatLabel)).toEqual(['reserved:host'])
    expect(inventory.services[0]).toMatchObject({ name: 'cart', selector: { app: 'cart' }, clusterIPs: ['10.96.0.10'],
      ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' }] })
    expect(inventory.nodes[0]).toEqual({ name: 'node-1', labels: { zone: 'a' }, addresses: [{ type: 'InternalIP', address: '172.18.0.2' }] })
    const idx = indexInventory(inventory)
    expect(idx.podByIp.get('fd00::5')?.name).toBe('cart-1')
    expect(idx.podByIp.has('172.18.0.2')).toBe(false)
    expect(idx.podByName.get('shop/cart-1')?.name).toBe('cart-1')
  })

  it('reads YAML (kubectl get pods -o yaml) and separate lists, without a cluster label by default', () => {
    const pods = 'apiVersion: v1\nkind: PodList\nitems:\n- metadata:\n    name: a\n    namespace: ns1\n    labels: {app: a}\n  spec: {}\n'
    const nss = 'apiVersion: v1\nkind: NamespaceList\nitems:\n- metadata: {name: ns1, labels: {env: dev}}\n'
    const { inventory, problems } = parseInventory([pods, nss])
    expect(problems).toEqual([])
    expect(inventory.pods[0].identityLabels.map(formatLabel)).toEqual([
      'k8s:app=a', 'k8s:io.cilium.k8s.namespace.labels.env=dev',
      'k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=ns1', 'k8s:io.kubernetes.pod.namespace=ns1',
    ])
  })

  it('reports YAML errors with line and column and never throws', () => {
    const { inventory, problems } = parseInventory('kind: List\nitems:\n  - metadata: {name: [\n')
    expect(inventory.pods).toEqual([])
    expect(problems[0]).toMatchObject({ severity: 'error', line: expect.any(Number), column: expect.any(Number) })
    expect(parseInventory('').problems[0].message).toBe('inventory is empty')
    expect(() => parseInventory('\u0000\u0001garbage: [')).not.toThrow()
  })

  it('keeps __proto__ label keys as plain data', () => {
    const text = '{"kind":"Pod","metadata":{"name":"p","namespace":"n","labels":{"__proto__":"x","app":"p"}}}'
    const pod = parseInventory(text).inventory.pods[0]
    expect(Object.getPrototypeOf(pod.labels)).toBe(Object.prototype)
    expect(Object.keys(pod.labels)).toEqual(['__proto__', 'app'])
    expect(({} as Record<string, unknown>).x).toBeUndefined()
  })
})

describe('inventoryFromFlows', () => {
  it('groups observed endpoints by label set and recovers namespace labels', () => {
    const text = readFileSync(new URL('../../../fixtures/hubble/kind-bookinfo-2021_tcp-l3l4-http-policyverdict_400.jsonl', import.meta.url), 'utf8')
    const inv = inventoryFromFlows(ingestFlows(text).flows)
    const reviews = inv.endpoints.filter((e) => e.labels.some((l) => l.key === 'app' && l.value === 'reviews'))
    expect(reviews.length).toBeGreaterThan(0)
    expect(reviews.every((e) => e.namespace === 'bookinfo' && e.isEndpoint)).toBe(true)
    expect(inv.namespaces.get('bookinfo')).toEqual({ 'kubernetes.io/metadata.name': 'bookinfo' })
    const world = inv.endpoints.find((e) => e.reserved === 'world')
    expect(world?.isEndpoint).toBe(false)
    expect(inv.endpoints.reduce((n, e) => n + e.flows, 0)).toBe(800)
  })
})
