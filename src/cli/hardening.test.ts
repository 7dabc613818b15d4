import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import type { CliIo } from './io.ts'
import { nodeIo } from './io.ts'
import { junitXml } from './junit.ts'
import { run } from './main.ts'
import { escapeControls, printable } from './safe-text.ts'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const REPO = path.resolve(HERE, '../..')
const POLICIES = 'src/cli/fixtures/policies'
const CAPTURE = 'src/cli/fixtures/hubble/bookinfo-tcp-first-40.jsonl'

function cli(argv: string[], patch: Partial<CliIo> = {}): { code: number; out: string; err: string } {
  let out = ''
  let err = ''
  const io: CliIo = { ...nodeIo(), cwd: REPO, stdout: (t) => void (out += t), stderr: (t) => void (err += t),
    readStdin: () => '', ...patch }
  return { code: run(argv, io), out, err }
}

const temp = (name: string, data: string | Buffer): string => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'membrane-h-')), name)
  writeFileSync(file, data)
  return file
}

describe('the gate does not fail open: no flows read is exit 2', () => {
  // A gzip capture is read now (.gz input); gzip bytes that hold no flows are the wrong input.
  const gz = temp('capture.jsonl', gzipSync(Buffer.from('')))
  const yaml = temp('flows.yaml', readFileSync(path.join(REPO, POLICIES, 'bookinfo-app.yaml')))
  const cases: [string, string, RegExp][] = [
    ['gzip bytes', gz, /gzip-compressed data/],
    ['/dev/null', '/dev/null', /an empty file/],
    ['a YAML file', yaml, /YAML/],
    ['non-flow events', temp('events.jsonl', '{"lost_events":{"source":"HUBBLE_RING_BUFFER","num_events_lost":3}}\n'), /non-flow event|unreadable/],
  ]
  for (const command of ['check', 'evaluate']) {
    for (const [what, file, found] of cases) {
      it(`${command} --flows <${what}> exits 2 naming the file and what it holds`, () => {
        const r = cli([command, '--policies', POLICIES, '--flows', file])
        expect(r.code).toBe(2)
        expect(r.out).not.toContain('check passed')
        const last = r.err.trim().split('\n').at(-1) ?? ''
        expect(last).toContain(`no flows read from ${file}`)
        expect(last).toMatch(found)
      })
    }
    it(`${command} --allow-empty accepts an empty capture`, () => {
      const r = cli([command, '--policies', POLICIES, '--flows', '/dev/null', '--allow-empty'])
      expect(r.code).toBe(0)
    })
  }
  it('check with flows still passes or fails on them', () => {
    expect(cli(['check', '--policies', POLICIES, '--flows', CAPTURE]).code).toBeLessThanOrEqual(1)
  })
})

describe('control characters from the input never reach the terminal', () => {
  it('a policy name with ESC and CR is escaped in lint output', () => {
    const file = temp('p.yaml', 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: "x\\e[2K\\rcheck passed"\n  namespace: n\nspec:\n  endpointSelector: {}\n  ingress: [{}]\n')
    for (const format of ['text', 'json']) {
      const r = cli(['lint', '--policies', file, '--output', format])
      const all = r.out + r.err
      expect(all.includes('\u001b') || all.includes('\r')).toBe(false)
      expect(all).toContain('\\u001b')
    }
  })

  it('escapeControls keeps JSON meaning: the escape is a JSON escape for the same character', () => {
    const value = { s: 'a\u009bb\u202ec\\\u0085' }
    const json = escapeControls(JSON.stringify(value))
    expect(json).not.toMatch(/[\u0080-\u009f\u202e]/)
    expect(JSON.parse(json)).toEqual(value)
  })

  it('names are shortened to a bounded size', () => {
    const long = 'a'.repeat(5_000_000)
    expect(printable(long).length).toBeLessThan(400)
    expect(printable('😀'.repeat(300)).endsWith('more characters)')).toBe(true)
  })
})

describe('output proportionate to input', () => {
  it('a 5 MB policy name gives a short error, not megabytes of reasons', () => {
    const file = temp('big.yaml', `apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: ${'a'.repeat(5_000_000)}\n  namespace: n\nspec:\n  endpointSelector: {}\n  ingress: [{}]\n`)
    for (const command of [['evaluate', '--json'], ['lint', '--json']]) {
      const r = cli([command[0], '--policies', file, ...(command[0] === 'evaluate' ? ['--flows', CAPTURE] : []), command[1]])
      expect(r.code).toBeGreaterThan(0)
      expect(r.out.length + r.err.length).toBeLessThan(20_000)
    }
  })

  it('an output too large for the runtime is exit 2 with one line, not an internal error (70)', () => {
    const r = cli(['lint', '--policies', POLICIES], { stdout: () => { throw new RangeError('Invalid string length') } })
    expect(r.code).toBe(2)
    expect(r.err.trim().split('\n')).toHaveLength(1)
    expect(r.err).toContain('too large')
  })
})

describe('JUnit', () => {
  it('keeps characters outside the BMP and drops what XML forbids', () => {
    const xml = junitXml([{ suite: 's', name: 'emoji 😀 𝔘 \u0001 \ud800' }])
    expect(xml).toContain('emoji 😀 𝔘  ')
    expect(xml).not.toContain('\u0001')
    expect(xml).not.toMatch(/\ud800(?![\udc00-\udfff])/)
  })
})

describe('trace refuses addresses that are not IPs', () => {
  for (const ip of ['999.1.1.1', '10.1.1.1.1', '1.2.3', '::g', '10.0.0.0/8']) {
    it(`--from ip:${ip} is exit 2, not taken as world`, () => {
      const r = cli(['trace', '--policies', POLICIES, '--from', `ip:${ip}`, '--to', 'entity:world', '--port', '80'])
      expect(r.code).toBe(2)
      expect(r.err).toContain('not an IP address')
    })
  }
  it('a valid address still traces', () => {
    expect(cli(['trace', '--policies', POLICIES, '--from', 'ip:10.1.1.1', '--to', 'entity:world', '--port', '80']).code).toBe(0)
  })
})
