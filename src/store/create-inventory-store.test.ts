import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AppStores } from './app-stores.ts'
import { browserFlowPersistence } from './flows-persistence.ts'
import { createInventoryStore, inventoryCounts, restoreInventory } from './create-inventory-store.ts'
import { appStores } from './test-util.ts'

/** A KNP whose peer is "app=gateway in the namespaces labelled team=api" (§8.2). */
const KNP = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: orders-in, namespace: shop}
spec:
  podSelector: {matchLabels: {app: orders}}
  ingress:
    - from:
        - {namespaceSelector: {matchLabels: {team: api}}, podSelector: {matchLabels: {app: gateway}}}
`
const namespaces = (...items: readonly [string, string][]): string => JSON.stringify({
  kind: 'List', apiVersion: 'v1',
  items: items.map(([name, team]) => ({ kind: 'Namespace', apiVersion: 'v1', metadata: { name, labels: { team } } })),
})
// Hubble recorded namespace labels with this flow's source: payments-api is team=api.
const FLOW = JSON.stringify({ flow: { verdict: 'FORWARDED', IP: { source: '10.0.0.1', destination: '10.0.0.2' }, l4: { TCP: { source_port: 1, destination_port: 80 } },
  source: { namespace: 'payments-api', labels: ['k8s:app=gateway', 'k8s:io.cilium.k8s.namespace.labels.team=api', 'k8s:io.kubernetes.pod.namespace=payments-api'] },
  destination: { labels: ['reserved:world'] } } })

let stores: AppStores
const peer = (): string | undefined => {
  const g = stores.workspace.getState().displayGraph
  return g.nodes.find((n) => n.id === g.edges[0]?.source)?.id
}

beforeEach(() => {
  stores = appStores({ demoText: KNP })
})
afterEach(() => stores.dispose())

describe('inventory store', () => {
  it('counts pods and namespaces always, services and nodes when there are some', () => {
    expect(inventoryCounts({ pods: 1, namespaces: 2, services: 0, nodes: 0 })).toBe('1 pod · 2 namespaces')
    expect(inventoryCounts({ pods: 1200, namespaces: 1, services: 1, nodes: 3 })).toBe('1,200 pods · 1 namespace · 1 service · 3 nodes')
  })

  it('draws a KNP namespaceSelector peer from the imported Namespaces, and forgets it on clear', async () => {
    expect(peer()).not.toMatch(/^wl\/api\//)
    const loaded = await stores.inventory.getState().importTexts([{ name: 'cluster.json', text: namespaces(['api', 'api'], ['web', 'web']) }])
    expect(loaded).toMatchObject({ namespaces: 2, pods: 0 })
    expect(peer()).toBe('wl/api/app=gateway')
    await stores.inventory.getState().clear()
    expect(stores.inventory.getState().loaded).toBeNull()
    expect(peer()).not.toMatch(/^wl\/api\//)
  })

  it("merges with the flows' namespace labels, the inventory winning for a namespace both name", async () => {
    await stores.evaluation.getState().loadFlows(FLOW)
    stores.workspace.getState().setNamespaceLabels({ 'payments-api': { team: 'api' } }, 'flows')
    expect(peer()).toBe('wl/payments-api/app=gateway')
    // The cluster says payments-api moved to another team: the flows' older word gives way.
    await stores.inventory.getState().importTexts([{ name: 'cluster.json', text: namespaces(['payments-api', 'payments'], ['edge', 'api']) }])
    expect(stores.workspace.getState().namespaceLabels).toEqual({ 'payments-api': { team: 'payments' }, edge: { team: 'api' } })
    expect(peer()).toBe('wl/edge/app=gateway')
    // Without the inventory the flows' labels are back.
    await stores.inventory.getState().clear()
    expect(peer()).toBe('wl/payments-api/app=gateway')
  })

  it('asks the lints again when an inventory arrives: its pods are the endpoints selectors are checked against', async () => {
    const codes = (): string[] => stores.lint.getState().findings.map((f) => f.code)
    await expect.poll(() => stores.lint.getState().text, { timeout: 5000 }).toBe(KNP)
    // Nothing known of the cluster: no selector can be said to match nothing.
    expect(codes()).not.toContain('selector-matches-nothing')
    const pod = { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'cart-1', namespace: 'shop', labels: { app: 'cart' } }, spec: { containers: [] }, status: { podIP: '10.0.0.9' } }
    await stores.inventory.getState().importTexts([{ name: 'cluster.json', text: JSON.stringify({ kind: 'List', items: [pod] }) }])
    // The shop namespace holds only app=cart: the policy's podSelector app=orders selects no pod.
    await expect.poll(codes, { timeout: 5000 }).toContain('selector-matches-nothing')
  })
})

describe('inventory kept across reloads', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory()
  })

  it('comes back on the next start, beside a kept capture, and a clear forgets it', async () => {
    const capture = browserFlowPersistence()!
    const kept = browserFlowPersistence(1024 * 1024, 'inventory', 'inventory')!
    await capture.save([{ name: 'flows.jsonl', blob: new Blob([FLOW]) }])
    const first = createInventoryStore({ workspace: stores.workspace, evaluation: stores.evaluation, evaluator: stores.evaluator, persistence: kept })
    await first.getState().importTexts([{ name: 'cluster.json', text: namespaces(['api', 'api']) }])
    const next = appStores({ demoText: KNP })
    try {
      const again = createInventoryStore({ workspace: next.workspace, evaluation: next.evaluation, evaluator: next.evaluator, persistence: kept })
      expect(await restoreInventory(again, kept)).toBe(true)
      expect(again.getState().loaded).toMatchObject({ name: 'cluster.json', namespaces: 1 })
      expect(next.workspace.getState().namespaceLabels).toEqual({ api: { team: 'api' } })
      // The capture under its own key is untouched.
      expect((await capture.load())?.map((f) => f.name)).toEqual(['flows.jsonl'])
      await again.getState().clear()
      expect(await kept.load()).toBeNull()
      expect(await capture.load()).not.toBeNull()
    } finally {
      next.dispose()
    }
  })

  it('says so when it is too big to keep', async () => {
    const tiny = browserFlowPersistence(10, 'inventory', 'inventory')!
    const store = createInventoryStore({ workspace: stores.workspace, evaluation: stores.evaluation, evaluator: stores.evaluator, persistence: tiny })
    await store.getState().importTexts([{ name: 'cluster.json', text: namespaces(['api', 'api']) }])
    expect(store.getState().note).toMatch(/This inventory \(.*\) is over the .* kept across reloads/)
    expect(await tiny.load()).toBeNull()
  })
})
