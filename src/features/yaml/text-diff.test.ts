import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { minimalReplacement } from './text-diff.ts'

describe('minimalReplacement', () => {
  it('returns null for equal texts', () => {
    expect(minimalReplacement('abc', 'abc')).toBeNull()
  })
  it('replaces only the changed middle', () => {
    expect(minimalReplacement('port: "80"\n', 'port: "8080"\n')).toEqual({ start: 9, end: 9, text: '80' })
  })
  it('applying the replacement always yields the new text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const r = minimalReplacement(a, b)
        const out = r ? a.slice(0, r.start) + r.text + a.slice(r.end) : a
        expect(out).toBe(b)
      }),
    )
  })
})
