import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { TextOrigin } from './workspace-types.ts'
import { DEMO, PARSE_MS, SHOP, draft, edgeLabels, labels, nodeId, workspaceStore } from './test-util.ts'

/** SHOP plus a second policy: shop/cache admits shop/frontend on TCP/6379. */
const SHOP_CACHE = `${SHOP}---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: cache, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: cache}}
  ingress:
    - fromEndpoints: [{matchLabels: {app: frontend}}]
      toPorts: [{ports: [{port: "6379", protocol: TCP}]}]
`

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('one commit path for text, tagged with its origin', () => {
  interface Case {
    origin: TextOrigin
    /** Parsed in the commit itself (else after the typing pause). */
    parsedAtOnce: boolean
    /** Handed to the editor as an edit to take over (typing came from the editor). */
    echoed: boolean
    clearsSelection: boolean
    /** Starts a new workspace: its own source, no drafts. */
    newWorkspace: boolean
  }
  const cases: Case[] = [
    { origin: 'typing', parsedAtOnce: false, echoed: false, clearsSelection: false, newWorkspace: false },
    { origin: 'script', parsedAtOnce: true, echoed: true, clearsSelection: true, newWorkspace: false },
    { origin: 'load', parsedAtOnce: true, echoed: true, clearsSelection: true, newWorkspace: true },
    { origin: 'reset', parsedAtOnce: true, echoed: true, clearsSelection: true, newWorkspace: true },
  ]
  for (const c of cases) {
    it(`${c.origin}: ${c.parsedAtOnce ? 'parsed at once' : 'parsed after the pause'}, ${c.echoed ? 'echoed to the editor' : 'not echoed'}${c.newWorkspace ? ', a new workspace without drafts' : ', drafts kept'}`, () => {
      const store = workspaceStore()
      const s = store.getState()
      s.select({ kind: 'node', id: nodeId(s, 'app=backend'), from: 'graph' })
      s.addDraft(draft('fqdn', { name: 'api.stripe.com' }))
      s.commitText({ text: SHOP_CACHE, origin: c.origin, source: 'example:cache' })

      expect(store.getState().text).toBe(SHOP_CACHE)
      expect(labels(store.getState()).includes('app=cache')).toBe(c.parsedAtOnce)
      vi.advanceTimersByTime(PARSE_MS)
      expect(labels(store.getState())).toContain('app=cache')
      expect(edgeLabels(store.getState())).toEqual(['TCP/6379', 'TCP/8080'])

      const after = store.getState()
      expect(after.external).toEqual(c.echoed ? { text: SHOP_CACHE, seq: 1 } : null)
      expect(after.selection === null).toBe(c.clearsSelection)
      expect(after.drafts.map((d) => d.label)).toEqual(c.newWorkspace ? [] : ['api.stripe.com'])
      expect(after.source).toBe(c.newWorkspace ? 'example:cache' : 'demo')
      expect(after.loadedText).toBe(c.newWorkspace ? SHOP_CACHE : SHOP)
    })
  }

  it('typing the text it already has changes nothing', () => {
    const store = workspaceStore()
    const before = store.getState()
    store.getState().commitText({ text: SHOP, origin: 'typing' })
    vi.advanceTimersByTime(PARSE_MS)
    expect(store.getState()).toBe(before)
  })

  it('typing waits for a pause: each keystroke restarts it, flushParse runs it now', () => {
    const store = workspaceStore()
    store.getState().commitText({ text: SHOP_CACHE.slice(0, -10), origin: 'typing' })
    vi.advanceTimersByTime(PARSE_MS - 1)
    store.getState().commitText({ text: SHOP_CACHE, origin: 'typing' })
    vi.advanceTimersByTime(PARSE_MS - 1)
    expect(labels(store.getState())).not.toContain('app=cache')
    store.getState().flushParse()
    expect(labels(store.getState())).toContain('app=cache')
    expect(store.getState().model.parse.policies.map((p) => p.name)).toEqual(['backend', 'cache'])
  })
})

describe('edit → parse → graph', () => {
  it('a rule typed into the YAML becomes an edge between its peers', () => {
    const store = workspaceStore({ demoText: '' })
    expect(store.getState().displayGraph.nodes).toEqual([])
    store.getState().commitText({ text: SHOP, origin: 'typing' })
    vi.advanceTimersByTime(PARSE_MS)
    const s = store.getState()
    expect(labels(s)).toEqual(['app=backend', 'app=frontend', 'shop'])
    expect(s.displayGraph.edges.map((e) => [e.source, e.target, e.label])).toEqual([[nodeId(s, 'app=frontend'), nodeId(s, 'app=backend'), 'TCP/8080']])
  })

  it('a gesture writes YAML, is parsed at once, handed to the editor as its own edits and revealed', () => {
    const store = workspaceStore()
    const s = store.getState()
    const ok = s.runGesture({ type: 'connect', from: nodeId(s, 'app=frontend'), to: nodeId(s, 'app=backend'), ports: [{ port: '9090' }], action: 'allow' })
    expect(ok).toBe(true)
    const after = store.getState()
    expect(after.text).toContain('- port: "9090"')
    expect(edgeLabels(after)).toEqual(['TCP/8080', 'TCP/9090'])
    expect(after.external).toMatchObject({ text: after.text, base: SHOP })
    expect(after.external?.edits?.length).toBeGreaterThan(0)
    const added = after.displayGraph.edges.find((e) => e.label === 'TCP/9090')
    expect(after.selection).toEqual({ kind: 'edge', id: added?.id, from: 'graph' })
    expect(after.notice).toMatchObject({ kind: 'info' })
  })

  it('a gesture that cannot be written says why and leaves the text alone', () => {
    const store = workspaceStore()
    expect(store.getState().runGesture({ type: 'deleteEdge', elementId: 'CiliumNetworkPolicy/shop/nothing#spec.ingress.7' })).toBe(false)
    expect(store.getState().text).toBe(SHOP)
    expect(store.getState().external).toBeNull()
    expect(store.getState().notice).toMatchObject({ kind: 'error' })
  })
})

describe('invalid text keeps the last good model', () => {
  it('shows the last graph greyed (stale) with the error, until the text parses again', () => {
    const store = workspaceStore()
    const good = store.getState()
    store.getState().commitText({ text: `${SHOP}  bad: [unclosed`, origin: 'typing' })
    vi.advanceTimersByTime(PARSE_MS)
    const broken = store.getState()
    expect(broken.model.stale).toBe(true)
    expect(broken.model.parse.diagnostics.some((d) => d.code === 'yaml-syntax' && d.severity === 'error')).toBe(true)
    expect(broken.model.graph).toBe(good.model.graph)
    expect(broken.model.good).toBe(good.model.good)
    expect(broken.displayGraph).toBe(good.displayGraph)

    expect(broken.previewGesture({ type: 'defaultDeny', subject: nodeId(broken, 'app=backend'), direction: 'egress' })).toEqual({
      error: 'The YAML does not parse; fix it before editing on the graph.',
    })

    store.getState().commitText({ text: SHOP_CACHE, origin: 'typing' })
    vi.advanceTimersByTime(PARSE_MS)
    expect(store.getState().model.stale).toBe(false)
    expect(labels(store.getState())).toContain('app=cache')
  })

  it('a first text that does not parse has no last good model: the graph is empty, not stale', () => {
    const store = workspaceStore({ demoText: 'kind: [' })
    expect(store.getState().model.stale).toBe(false)
    expect(store.getState().displayGraph.nodes).toEqual([])
  })
})

describe('each store is its own', () => {
  it('keeps its own sequence numbers, timers and drafts', () => {
    const a = workspaceStore()
    const b = workspaceStore()
    a.getState().commitText({ text: DEMO, origin: 'script' })
    b.getState().commitText({ text: DEMO, origin: 'script' })
    expect([a.getState().external?.seq, b.getState().external?.seq]).toEqual([1, 1])

    a.getState().addDraft(draft('entity', { name: 'world' }))
    expect(b.getState().drafts).toEqual([])

    a.getState().commitText({ text: SHOP_CACHE, origin: 'typing' })
    b.getState().commitText({ text: SHOP_CACHE, origin: 'typing' })
    b.getState().dispose()
    vi.advanceTimersByTime(PARSE_MS)
    expect(labels(a.getState())).toContain('app=cache')
    expect(labels(b.getState())).not.toContain('app=cache')
  })

  it('draws drafts with the graph as one object per model/drafts pair', () => {
    const store = workspaceStore()
    const plain = store.getState().displayGraph
    expect(plain).toBe(store.getState().model.graph)
    store.getState().addDraft(draft('cidr', { name: '10.0.0.0/8' }))
    const withDraft = store.getState().displayGraph
    expect(withDraft.nodes.map((n) => n.label)).toContain('10.0.0.0/8')
    store.getState().select(null)
    store.getState().setView('focus')
    expect(store.getState().displayGraph).toBe(withDraft)
    store.getState().removeDraft(withDraft.nodes.find((n) => n.label === '10.0.0.0/8')!.id)
    expect(store.getState().displayGraph).toBe(store.getState().model.graph)
  })
})
