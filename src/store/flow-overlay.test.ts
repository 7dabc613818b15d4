import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { appStores } from './test-util.ts'
import { buildOverlay, edgeOfRow } from './flow-overlay.ts'
import type { FlowView } from '../worker/flow-summary.ts'
import type { GraphModel } from '../domain/graph/index.ts'

const DEMO_YAML = readFileSync('public/samples/demo.yaml', 'utf8')
const DEMO_FLOWS = readFileSync('public/samples/demo-flows.jsonl', 'utf8')
const BOOKINFO = readFileSync('src/cli/fixtures/hubble/bookinfo-tcp-first-40.jsonl', 'utf8')

describe('flow overlay from the worker’s pairs', () => {
  it('counts on each edge what the rows on it say: distinct connections, records, breaks, recorded verdicts, first flow', async () => {
    const stores = appStores({ demoText: DEMO_YAML })
    await stores.flows.getState().loadFiles([{ name: 'demo.jsonl', blob: new Blob([DEMO_FLOWS]) }, { name: 'bookinfo.jsonl', blob: new Blob([BOOKINFO]) }])
    await stores.flows.getState().refresh()
    const { overlay } = stores.flows.getState()
    const rows = await stores.flows.getState().allRows()
    const want = new Map<string, { conns: Set<number>; records: number; breaks: number; recorded: Record<string, number>; first: number }>()
    for (const r of rows) {
      const id = edgeOfRow(r, overlay)
      if (id === null) continue
      const w = want.get(id) ?? { conns: new Set(), records: 0, breaks: 0, recorded: {}, first: r.index }
      w.conns.add(r.conn)
      w.records++
      if (r.disagreement === 'break') w.breaks++
      w.recorded[r.recorded] = (w.recorded[r.recorded] ?? 0) + 1
      want.set(id, w)
    }
    expect(overlay.edges.map((e) => e.id).sort()).toEqual([...want.keys()].sort())
    for (const e of overlay.edges) {
      const w = want.get(e.id)!
      expect({ id: e.id, count: e.count, records: e.records, breaks: e.breaks, recorded: e.recordedCounts, first: e.first }).toEqual({
        id: e.id, count: w.conns.size, records: w.records, breaks: w.breaks, recorded: w.recorded, first: w.first,
      })
    }
    stores.dispose()
  })

  it('a connection seen on two pairs that land on one node counts once there', () => {
    // Two pod label sets of one workload (a rollout's two hashes): one policy node for both.
    const graph = { nodes: [{ id: 'wl/shop/app=web', kind: 'workload', namespace: 'shop', labels: { app: 'web' }, label: 'web' }], edges: [] } as unknown as GraphModel
    const endpoint = (hash: string) => ({ id: `wl/shop/app=web,pod-template-hash=${hash}`, kind: 'workload' as const, label: 'web', namespace: 'shop', labels: { app: 'web', 'pod-template-hash': hash } })
    const pair = (src: number, conns: number, first: number) => ({ verdict: 'allowed' as const, src, dst: 2, conns, records: conns, breaks: 0, opens: 0, recorded: { FORWARDED: conns }, ports: ['TCP/80'], first })
    const view: FlowView = {
      total: 5, endpoints: [endpoint('a'), endpoint('b'), { id: 'entity/world', kind: 'entity', label: 'world' }],
      pairs: [pair(0, 2, 3), pair(1, 3, 1)], shared: [{ pairs: [0, 1], n: 1 }],
      summary: { allowed: 5, denied: 0, audit: 0 }, breaks: 0, opens: 0, dnsExpired: 0, namespaceLabels: {}, pods: [], timeline: null, breakage: null,
    }
    const overlay = buildOverlay(graph, view)
    expect(overlay.endpointNode).toEqual(['wl/shop/app=web', 'wl/shop/app=web', 'entity/world'])
    expect(overlay.edges).toHaveLength(1)
    expect(overlay.edges[0]).toMatchObject({ source: 'wl/shop/app=web', target: 'entity/world', count: 4, records: 5, first: 1, ports: 'TCP/80' })
  })
})
