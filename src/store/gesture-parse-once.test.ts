import { describe, expect, it, vi } from 'vitest'
import { parsePolicies } from '../domain/policy/parse.ts'
import type * as Parse from '../domain/policy/parse.ts'
import type { Gesture } from '../domain/edits/index.ts'
import { draft, nodeId, workspaceStore } from './test-util.ts'

// Counts the parses of every text, wherever they happen on this thread (domain and store).
vi.mock('../domain/policy/parse.ts', async (importOriginal) => {
  const real = await importOriginal<typeof Parse>()
  return { ...real, parsePolicies: vi.fn(real.parsePolicies) }
})

const parses = vi.mocked(parsePolicies)
const parsesOf = (text: string): number => parses.mock.calls.filter(([t]) => t === text).length

describe('a gesture parses its result once', () => {
  const cases: { name: string; gesture: (s: ReturnType<ReturnType<typeof workspaceStore>['getState']>) => Gesture }[] = [
    {
      name: 'connect to a palette node (apply, drafts pruning, reveal)',
      gesture: (s) => ({ type: 'connect', from: nodeId(s, 'app=backend'), to: draft('fqdn', { name: 'api.stripe.com' }).id, ports: [{ port: '443' }], action: 'allow', placement: 'egress' }),
    },
    { name: 'a node action', gesture: (s) => ({ type: 'defaultDeny', subject: nodeId(s, 'app=frontend'), direction: 'ingress' }) },
    { name: 'delete a rule', gesture: (s) => ({ type: 'deleteEdge', elementId: s.displayGraph.edges[0].elementId }) },
  ]
  for (const c of cases) {
    it(c.name, () => {
      const store = workspaceStore()
      store.getState().addDraft(draft('fqdn', { name: 'api.stripe.com' }))
      parses.mockClear()
      expect(store.getState().runGesture(c.gesture(store.getState()))).toBe(true)
      const { text, model } = store.getState()
      expect(parsesOf(text)).toBe(1)
      expect(parses).toHaveBeenCalledTimes(1)
      // …and that one parse is the model the panes show.
      expect(model.parse).toBe(parses.mock.results[0].value)
    })
  }
})
