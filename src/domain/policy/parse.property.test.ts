import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SEED } from './fixtures/seed.ts'
import type { Origin, ParseResult } from './model.ts'
import { parsePolicies } from './parse.ts'
import { LineIndex } from './positions.ts'

/** Every origin anywhere in the result (walks the plain data). */
function origins(value: unknown, out: Origin[] = [], seen = new Set<unknown>()): Origin[] {
  if (value === null || typeof value !== 'object' || seen.has(value)) return out
  seen.add(value)
  const o = value as Record<string, unknown>
  if (typeof o.doc === 'number' && Array.isArray(o.path) && typeof o.range === 'object') out.push(o as unknown as Origin)
  for (const v of Object.values(o)) origins(v, out, seen)
  return out
}

function checkInvariants(text: string, r: ParseResult): void {
  const lines = new LineIndex(text)
  const inText = (s: number, e: number) => s >= 0 && e >= s && e <= text.length
  for (const o of origins(r)) expect(inText(o.range.start, o.range.end)).toBe(true)
  for (const d of r.documents) expect(inText(d.range.start, d.range.end)).toBe(true)
  for (const d of r.diagnostics) {
    expect(inText(d.range.start, d.range.end)).toBe(true)
    expect(lines.position(d.range.start)).toEqual({ line: d.line, column: d.column })
    expect(lines.position(d.range.end)).toEqual({ line: d.endLine, column: d.endColumn })
    expect(lines.offset(d.line, d.column)).toBe(d.range.start)
  }
}

const corpus = Object.values(SEED)

/** A random edit of valid policy text: delete, insert or replace a slice. */
const mutated = fc
  .record({
    base: fc.constantFrom(...corpus, corpus.join('---\n')),
    edits: fc.array(
      fc.record({
        at: fc.nat(),
        del: fc.nat({ max: 20 }),
        ins: fc.oneof(
          fc.string({ maxLength: 8 }),
          fc.constantFrom('- ', ': ', '{', '[', '"', '\n', '  ', '---\n', '*a', '&a ', 'port: 0', '__proto__: 1', '\t', '#', '\u0000', '\uFFFF'),
        ),
      }),
      { minLength: 1, maxLength: 5 },
    ),
  })
  .map(({ base, edits }) =>
    edits.reduce((t, e) => {
      const at = t.length === 0 ? 0 : e.at % (t.length + 1)
      return t.slice(0, at) + e.ins + t.slice(at + e.del)
    }, base),
  )

describe('parsePolicies never throws and keeps ranges inside the text', () => {
  it('arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => checkInvariants(text, parsePolicies(text))), { numRuns: 300 })
  })

  it('random mutations of valid policies', () => {
    fc.assert(fc.property(mutated, (text) => checkInvariants(text, parsePolicies(text))), { numRuns: 400 })
  })

  it('arbitrary JSON values', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
      const text = JSON.stringify(v) ?? ''
      checkInvariants(text, parsePolicies(text))
    }), { numRuns: 200 })
  })

  it('deep nesting and CRLF line endings', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`
    checkInvariants(deep, parsePolicies(deep))
    const nested = `spec:${Array.from({ length: 200 }, (_, i) => `\n${' '.repeat(i * 2 + 2)}k${i}:`).join('')} x`
    checkInvariants(nested, parsePolicies(nested))
    const crlf = SEED['L7 HTTP'].replace(/\n/g, '\r\n')
    const r = parsePolicies(crlf)
    checkInvariants(crlf, r)
    expect(r.policies).toHaveLength(1)
  })
})
