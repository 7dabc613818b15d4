import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ingestFlows } from '../flows/index.ts'
import { clusterView, parseInventory } from './index.ts'

const TCP = new URL('../../../fixtures/hubble/kind-bookinfo-2021_tcp-l3l4-http-policyverdict_400.jsonl', import.meta.url)
const line = (f: object): string => `${JSON.stringify({ flow: f })}\n`
const FLOW = {
  time: '2025-03-04T09:15:27.481516273Z', verdict: 'FORWARDED', IP: { source: '10.0.0.4', destination: '10.0.0.5' },
  l4: { TCP: { source_port: 40000, destination_port: 8080 } },
  source: { identity: 4000, namespace: 'shop', pod_name: 'frontend-7c9d8f6b5d-x2kqp', workloads: [{ name: 'frontend', kind: 'Deployment' }],
    labels: ['k8s:app=frontend', 'k8s:io.kubernetes.pod.namespace=shop', 'k8s:io.cilium.k8s.namespace.labels.team=web'] },
  destination: { identity: 4001, namespace: 'shop', pod_name: 'cart-1', labels: ['k8s:app=cart', 'k8s:io.kubernetes.pod.namespace=shop'] },
}
const INVENTORY = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { team: 'web', env: 'prod' } } },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'batch', labels: {} } },
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'cart-1', namespace: 'shop', labels: { app: 'cart', 'pod-template-hash': 'abc' } }, status: { podIP: '10.0.0.5' } },
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'report-28391-x7k2p', namespace: 'batch', labels: { 'job-name': 'report-28391' } }, status: { podIP: '10.0.0.9' } },
] })

describe('clusterView', () => {
  it('lists workloads, namespaces and identities seen in flows', () => {
    const v = clusterView(ingestFlows(line(FLOW) + line(FLOW)).flows)
    expect(v.workloads.map((w) => [w.namespace, w.name, w.kind, w.flows, w.source])).toEqual([
      ['shop', 'cart', undefined, 2, 'flows'], ['shop', 'frontend', 'Deployment', 2, 'flows']])
    expect(v.workloads[1]).toMatchObject({ selector: { app: 'frontend' }, pods: ['frontend-7c9d8f6b5d-x2kqp'], ips: ['10.0.0.4'], identities: [4000] })
    expect(v.namespaces).toEqual([{ name: 'shop', labels: { team: 'web' }, source: 'flows' }])
    expect(v.identities.map((i) => i.identity)).toEqual([4000, 4001])
  })

  it('merges kubectl pods and namespaces: the same workload once, silent pods as inventory-only', () => {
    const inv = parseInventory(INVENTORY).inventory
    const v = clusterView(ingestFlows(line(FLOW)).flows, inv)
    const cart = v.workloads.find((w) => w.name === 'cart')
    expect(cart).toMatchObject({ source: 'both', pods: ['cart-1'], selector: { app: 'cart' } })
    const job = v.workloads.find((w) => w.namespace === 'batch')
    expect(job).toMatchObject({ name: 'report-28391', source: 'inventory', flows: 0 })
    expect(v.namespaces.find((n) => n.name === 'shop')).toEqual({ name: 'shop', labels: { team: 'web', env: 'prod' }, source: 'both' })
    expect(v.namespaces.find((n) => n.name === 'batch')?.source).toBe('inventory')
  })

  it("names an inventory pod by its owner as Hubble does, so a Deployment's pod seen in flows is one workload", () => {
    // The flow names frontend's Deployment; kubectl shows its pod owned by the ReplicaSet frontend-<hash>,
    // and a selector label (k8s-app) that would otherwise name it differently.
    const pod = { apiVersion: 'v1', kind: 'Pod', status: { podIP: '10.0.0.4' },
      metadata: { name: 'frontend-7c9d8f6b5d-x2kqp', namespace: 'shop', labels: { app: 'frontend', 'k8s-app': 'storefront', 'pod-template-hash': '7c9d8f6b5d' },
        ownerReferences: [{ kind: 'ReplicaSet', name: 'frontend-7c9d8f6b5d', controller: true }] } }
    const job = { apiVersion: 'v1', kind: 'Pod', status: { podIP: '10.0.0.8' },
      metadata: { name: 'report-1-abcde', namespace: 'shop', labels: { app: 'report' }, ownerReferences: [{ kind: 'Job', name: 'report-1', controller: true }] } }
    const inv = parseInventory(JSON.stringify({ kind: 'List', items: [pod, job] })).inventory
    expect(inv.pods.map((p) => p.owner)).toEqual([{ kind: 'Deployment', name: 'frontend' }, { kind: 'Job', name: 'report-1' }])
    const v = clusterView(ingestFlows(line(FLOW)).flows, inv)
    expect(v.workloads.filter((w) => w.pods.includes('frontend-7c9d8f6b5d-x2kqp')).map((w) => [w.name, w.kind, w.source])).toEqual([['frontend', 'Deployment', 'both']])
    expect(v.workloads.find((w) => w.pods.includes('report-1-abcde'))).toMatchObject({ name: 'report-1', kind: 'Job', source: 'inventory' })
  })

  it('on a real capture: every pod workload has a namespace, reserved peers are identities only', () => {
    const v = clusterView(ingestFlows(readFileSync(TCP, 'utf8')).flows)
    expect(v.workloads.length).toBeGreaterThan(3)
    expect(v.workloads.every((w) => w.namespace !== '' && Object.keys(w.selector).length > 0)).toBe(true)
    expect(v.identities.some((i) => i.reserved === 'host')).toBe(true)
    expect(v.workloads.some((w) => w.name === 'host')).toBe(false)
  })
})
