import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { DraftNode } from './drafts.ts'
import type { Placement } from '../domain/edits/index.ts'
import { PARSE_MS, SHOP, draft, labels, nodeId, workspaceStore } from './test-util.ts'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

const DRAFT_DETAIL = 'not in the YAML yet: connect it to write a rule'

interface Case {
  name: string
  palette: DraftNode
  /** The backend is the rule's source (egress) or destination (ingress). */
  placement: Placement
  port: string
}

const cases: Case[] = [
  { name: 'a workload', palette: draft('workload', { namespace: 'shop', labels: 'app=db' }), placement: 'egress', port: '5432' },
  { name: 'a DNS name', palette: draft('fqdn', { name: 'api.stripe.com' }), placement: 'egress', port: '443' },
  { name: 'a CIDR', palette: draft('cidr', { name: '10.20.0.0/16' }), placement: 'egress', port: '5432' },
  { name: 'an entity', palette: draft('entity', { name: 'world' }), placement: 'ingress', port: '8080' },
]

/** Where a palette node stands: a dashed draft, a real node of the YAML, or gone. */
function standing(store: ReturnType<typeof workspaceStore>, d: DraftNode): 'draft' | 'real' | 'gone' {
  const s = store.getState()
  const node = s.displayGraph.nodes.find((n) => n.id === d.id)
  if (!node) return 'gone'
  const isDraft = s.drafts.some((x) => x.id === d.id)
  expect(node.detail === DRAFT_DETAIL).toBe(isDraft)
  return isDraft ? 'draft' : 'real'
}

describe('undoing a connect that used a palette node keeps the palette node', () => {
  for (const c of cases) {
    it(`${c.name}: the rule consumes the draft, undo brings it back, redo consumes it again`, () => {
      const store = workspaceStore()
      store.getState().addDraft(c.palette)
      expect(standing(store, c.palette)).toBe('draft')

      const backend = nodeId(store.getState(), 'app=backend')
      const [from, to] = c.placement === 'egress' ? [backend, c.palette.id] : [c.palette.id, backend]
      expect(store.getState().runGesture({ type: 'connect', from, to, ports: [{ port: c.port }], action: 'allow', placement: c.placement })).toBe(true)
      const written = store.getState().text
      expect(standing(store, c.palette)).toBe('real')
      expect(store.getState().drafts).toEqual([])

      // Ctrl+Z in the editor: the text before the gesture comes back, reported as typing.
      store.getState().commitText({ text: SHOP, origin: 'typing' })
      vi.advanceTimersByTime(PARSE_MS)
      expect(standing(store, c.palette)).toBe('draft')

      // Ctrl+Shift+Z: the rule again, and the draft is a real node again.
      store.getState().commitText({ text: written, origin: 'typing' })
      vi.advanceTimersByTime(PARSE_MS)
      expect(standing(store, c.palette)).toBe('real')

      store.getState().commitText({ text: SHOP, origin: 'typing' })
      vi.advanceTimersByTime(PARSE_MS)
      expect(standing(store, c.palette)).toBe('draft')
      expect(store.getState().drafts).toEqual([c.palette])
    })
  }

  it('a rule removed by other means (a text never seen before) does not bring the draft back', () => {
    const store = workspaceStore()
    const db = cases[0].palette
    store.getState().addDraft(db)
    store.getState().runGesture({ type: 'connect', from: nodeId(store.getState(), 'app=backend'), to: db.id, ports: [{ port: '5432' }], action: 'allow', placement: 'egress' })
    store.getState().commitText({ text: `${SHOP}# the db rule deleted by hand\n`, origin: 'typing' })
    vi.advanceTimersByTime(PARSE_MS)
    expect(standing(store, db)).toBe('gone')
    expect(labels(store.getState())).toEqual(['app=backend', 'app=frontend', 'shop'])
  })

  it('a draft the user removed stays removed', () => {
    const store = workspaceStore()
    const world = cases[3].palette
    store.getState().addDraft(world)
    store.getState().removeDraft(world.id)
    store.getState().commitText({ text: `${SHOP}# x\n`, origin: 'typing' })
    store.getState().commitText({ text: SHOP, origin: 'typing' })
    vi.advanceTimersByTime(PARSE_MS)
    expect(standing(store, world)).toBe('gone')
  })
})
