import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { generateDemoFlows } from './demo-flows.ts'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const COMMITTED = path.join(ROOT, 'public/samples/demo-flows.jsonl')

describe('the committed demo flows', () => {
  it('are the output of the generator', () => {
    expect(readFileSync(COMMITTED, 'utf8')).toBe(generateDemoFlows())
  })

  it('are what `npm run gen:demo-flows` writes, byte for byte', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'membrane-demo-flows-')), 'demo-flows.jsonl')
    execFileSync('npm', ['run', '-s', 'gen:demo-flows', '--', '--out', out], { cwd: ROOT, encoding: 'utf8' })
    expect(readFileSync(out).equals(readFileSync(COMMITTED))).toBe(true)
  }, 30_000)
})
