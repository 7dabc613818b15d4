import { describe, expect, it } from 'vitest'
import { createDraftMemory } from './draft-memory.ts'
import { draft } from './test-util.ts'

const world = draft('entity', { name: 'world' })
const stripe = draft('fqdn', { name: 'api.stripe.com' })

describe('draft memory', () => {
  it('recalls drafts under exactly the text they were remembered with', () => {
    const m = createDraftMemory()
    m.remember('a: 1\n', [world])
    expect(m.recall('a: 1\n')).toEqual([world])
    expect(m.recall('a: 1')).toEqual([])
    expect(m.recall('')).toEqual([])
  })
  it('collects drafts remembered under one text once each', () => {
    const m = createDraftMemory()
    m.remember('t', [world])
    m.remember('t', [stripe, world])
    expect(m.recall('t')).toEqual([world, stripe])
  })
  it('forgets the oldest texts beyond its limit; remembering a text again makes it recent', () => {
    const m = createDraftMemory(2)
    m.remember('one', [world])
    m.remember('two', [world])
    m.remember('one', [stripe])
    m.remember('three', [world])
    expect([m.recall('one'), m.recall('two'), m.recall('three')]).toEqual([[world, stripe], [], [world]])
  })
  it('remembers nothing for no drafts', () => {
    const m = createDraftMemory(1)
    m.remember('kept', [world])
    m.remember('empty', [])
    expect(m.recall('kept')).toEqual([world])
  })
})
