// `npx tsx scripts/fuzz-parse.ts [runs]`: hostile-shape fuzz of the policy parse entry (issue 8) — random mixes of
// nesting, aliases, quotes and block scalars; prints inputs, throws and the slowest parse.
import fc from 'fast-check'
import { parsePolicies } from '../src/domain/policy/index.ts'
const atoms = ['[', '{', ']', '}', '- ', '? ', ': ', 'a', '"', "'", '#', '|', '>', '\n', '  ', '&a ', '*a', ',', '---\n', 'x: ', '\t']
let inputs = 0, throws = 0, slow = 0, maxMs = 0
const t0 = Date.now()
fc.assert(fc.property(fc.array(fc.record({ atom: fc.constantFrom(...atoms), times: fc.integer({ min: 1, max: 400 }) }), { maxLength: 30 }), (parts) => {
  const text = parts.map((p) => p.atom.repeat(p.times)).join('')
  inputs++
  const s = Date.now()
  try { parsePolicies(text) } catch { throws++ }
  const ms = Date.now() - s
  maxMs = Math.max(maxMs, ms)
  if (ms > 1000) slow++
}), { numRuns: Number(process.argv[2] ?? 3000), seed: 8 })
console.log(JSON.stringify({ inputs, throws, slowOver1s: slow, maxMs, totalS: (Date.now() - t0) / 1000 }))
