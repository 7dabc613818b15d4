import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { appStores } from './test-util.ts'
import { filterRows } from '../worker/flow-query.ts'

const DEMO_YAML = readFileSync('public/samples/demo.yaml', 'utf8')
const DEMO_FLOWS = readFileSync('public/samples/demo-flows.jsonl', 'utf8')

describe('flows store', () => {
  it('streams files into rows and dashed overlay edges between graph nodes', async () => {
    const stores = appStores({ demoText: DEMO_YAML })
    const loaded = await stores.flows.getState().loadFiles([{ name: 'demo.jsonl', blob: new Blob([DEMO_FLOWS]) }])
    expect(loaded?.flows).toBe(89)
    const view = await stores.flows.getState().refresh()
    expect(view?.total).toBe(89)
    expect(await stores.flows.getState().allRows()).toHaveLength(89)
    // The table gets its first page and the count, not every row.
    expect(stores.flows.getState().table).toMatchObject({ matched: 89, offset: 0 })
    const { overlay } = stores.flows.getState()
    expect(overlay.edges.length).toBeGreaterThan(0)
    const ids = new Set([...stores.workspace.getState().displayGraph.nodes, ...overlay.nodes].map((n) => n.id))
    for (const e of overlay.edges) {
      expect(ids.has(e.source as never)).toBe(true)
      expect(ids.has(e.target as never)).toBe(true)
    }
    // The demo draft breaks recorded forwarded traffic: those edges are denied and count it.
    const broken = overlay.edges.filter((e) => e.breaks > 0)
    expect(broken.length).toBeGreaterThan(0)
    expect(broken.every((e) => e.verdict === 'denied' && e.recorded !== 'DROPPED')).toBe(true)
    // Workloads the policies never mention still appear (observed nodes).
    expect(overlay.nodes.length).toBeGreaterThan(0)
    stores.dispose()
  })

  it('§8.2 namespace labels the capture recorded draw a KNP namespaceSelector peer as the workload it selects', async () => {
    const knp = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: pg-in, namespace: db}
spec:
  podSelector: {matchLabels: {app: pg}}
  ingress:
    - from: [{namespaceSelector: {matchLabels: {team: web}}, podSelector: {matchLabels: {app: front}}}]
`
    const flow = JSON.stringify({ flow: { verdict: 'FORWARDED', IP: { source: '10.0.0.1', destination: '10.0.0.2' }, l4: { TCP: { source_port: 40000, destination_port: 5432 } },
      source: { namespace: 'web-prod', labels: ['k8s:app=front', 'k8s:io.cilium.k8s.namespace.labels.team=web', 'k8s:io.kubernetes.pod.namespace=web-prod'] },
      destination: { namespace: 'db', labels: ['k8s:app=pg', 'k8s:io.cilium.k8s.namespace.labels.team=data', 'k8s:io.kubernetes.pod.namespace=db'] } } })
    const stores = appStores({ demoText: knp })
    const source = () => stores.workspace.getState().displayGraph.edges[0].source
    expect(source()).not.toBe('wl/web-prod/app=front')
    await stores.flows.getState().loadFiles([{ name: 'web.jsonl', blob: new Blob([flow]) }])
    await stores.flows.getState().refresh()
    expect(source()).toBe('wl/web-prod/app=front')
    // The observed flow lands on that same node, not on a second one for the same pods.
    expect(stores.flows.getState().overlay.edges.map((e) => e.source)).toEqual(['wl/web-prod/app=front'])
    stores.dispose()
  })

  it('follows edits: a pinned baseline lists the flows an edit newly denies', async () => {
    const stores = appStores({ demoText: DEMO_YAML })
    await stores.flows.getState().loadFiles([{ name: 'demo.jsonl', blob: new Blob([DEMO_FLOWS]) }])
    await stores.flows.getState().refresh()
    await stores.flows.getState().pinBaseline()
    expect(stores.flows.getState().view!.breakage).toEqual({ denied: [], groups: 0, deniedCount: 0, allowed: 0 })
    const deniedBefore = stores.flows.getState().view!.summary.denied
    // Default-deny ingress for every pod in every namespace the capture has.
    const extra = `---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: lock-all}
spec:
  endpointSelector: {}
  ingress: [{}]
  ingressDeny: [{fromEntities: [all]}]
`
    stores.workspace.getState().commitText({ text: DEMO_YAML + extra, origin: 'script' })
    await stores.evaluation.getState().verdicts()
    await new Promise((r) => setTimeout(r, 50))
    const view = await stores.flows.getState().refresh()
    expect(view!.summary.denied).toBeGreaterThan(deniedBefore)
    const newly = view!.summary.denied - deniedBefore
    expect(view!.breakage!.deniedCount).toBe(newly)
    expect(view!.breakage!.denied.reduce((n, g) => n + g.n, 0)).toBeLessThanOrEqual(newly)
    stores.flows.getState().setFilters([{ field: 'newly-denied', value: '', side: 'either', negate: false }])
    await stores.flows.getState().refresh()
    const table = stores.flows.getState().table!
    expect(table.matched).toBe(newly)
    expect(table.rows.every((r) => r.newly === 'denied' && r.verdict === 'denied')).toBe(true)
    stores.dispose()
  })

  it('filter chips: namespace by side, negation, free text', async () => {
    const stores = appStores({ demoText: DEMO_YAML })
    await stores.flows.getState().loadFiles([{ name: 'demo.jsonl', blob: new Blob([DEMO_FLOWS]) }])
    const view = (await stores.flows.getState().refresh())!
    const rows = await stores.flows.getState().allRows()
    const ctx = { endpoints: view.endpoints, baseline: null }
    const toShop = filterRows(rows, [{ field: 'namespace', value: 'shop', side: 'to', negate: false }], ctx)
    const notToShop = filterRows(rows, [{ field: 'namespace', value: 'shop', side: 'to', negate: true }], ctx)
    expect(toShop.length).toBeGreaterThan(0)
    expect(toShop.length + notToShop.length).toBe(rows.length)
    expect(toShop.every((r) => view.endpoints[r.dst].namespace === 'shop')).toBe(true)
    // The worker answers the same chip for the table.
    stores.flows.getState().setFilters([{ field: 'namespace', value: 'shop', side: 'to', negate: false }])
    await stores.flows.getState().refresh()
    expect(stores.flows.getState().table!.rows.map((r) => r.index)).toEqual(toShop.map((r) => r.index))
    const text = filterRows(rows, [{ field: 'text', value: 'DROPPED', side: 'either', negate: false }], ctx)
    expect(text.every((r) => r.recorded === 'DROPPED' || r.dropReason !== undefined || r.srcName.includes('DROPPED'))).toBe(true)
    expect(text.length).toBeGreaterThan(0)
    stores.dispose()
  })
})
