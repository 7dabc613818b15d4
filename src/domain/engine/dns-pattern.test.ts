/** DNS matchPattern / matchName semantics (§7.5, §9.37–40). */
import { describe, expect, it } from 'vitest'
import { compileMatchName, compileMatchPattern, normalizeDnsName, sanitizePattern } from './dns-pattern.ts'

const cases: [pattern: string, name: string, matches: boolean][] = [
  // §9.37
  ['*.cilium.io.', 'anysub.cilium.io.', true],
  ['*.cilium.io.', 'cilium.io.', false],
  ['cilium.io.', 'cilium.io.', true],
  ['cilium.io.', 'sub.cilium.io.', false],
  // §9.38
  ['*', '.', true],
  ['*', 'io.', true],
  ['*', 'cilium.io.', true],
  ['*', '_foobar._tcp.cilium.io.', true],
  ['*', 'cilium.io', false],
  ['*', '.cilium.io.', false],
  ['**', 'cilium.io.', true],
  ['**', 'cilium.io', false],
  // §9.39
  ['**.cilium.io.', 'test.cilium.io.', true],
  ['**.cilium.io.', 'test.app.cilium.io.', true],
  ['**.cilium.io.', 'test.app.new.cilium.io.', true],
  ['**.cilium.io.', 'cilium.io.', false],
  ['**.ci*.io.', 'foo.bar.cilium.io.', true],
  ['**.ci*.io.', 'test.calium.io.', false],
  ['*.ci*.io.', 'anysub.ciliumandmore.io.', true],
  // §7.5
  ['*.cilium.io', 'a.b.cilium.io.', false],
  ['*.CILIUM.io', 'x.cilium.io.', true],
  ['sub*.cilium.io', 'sub.cilium.io.', true],
  ['sub*.cilium.io', 'subway-1.cilium.io.', true],
  ['sub*.cilium.io', 'asub.cilium.io.', false],
]

describe('§7.5 matchPattern', () => {
  for (const [pattern, name, want] of cases)
    it(`§7.5 ${pattern} ${want ? 'matches' : 'does not match'} ${JSON.stringify(name)}`, () => {
      const m = compileMatchPattern(pattern)
      expect(m).not.toBeNull()
      expect(m!(name)).toBe(want)
    })

  it('§7.5 patterns with characters Cilium rejects never compile', () => {
    expect(compileMatchPattern('exa$mple.com')).toBeNull()
    expect(compileMatchPattern('a..b')).toBeNull()
  })

  it('§9.40 sanitize keeps star-only patterns and appends a dot to others', () => {
    expect(['*', '*.', '**', '***.'].map(sanitizePattern)).toEqual(['*', '*.', '**', '***.'])
    expect(sanitizePattern('*.com')).toBe('*.com.')
    expect(sanitizePattern(' Example.COM ')).toBe('example.com.')
  })

  it('§5.6 matchName is exact, case-insensitive, trailing dot added', () => {
    const m = compileMatchName('API.github.com')
    expect(m(normalizeDnsName('api.github.com'))).toBe(true)
    expect(m(normalizeDnsName('api.github.com.'))).toBe(true)
    expect(m(normalizeDnsName('x.api.github.com'))).toBe(false)
  })
})
