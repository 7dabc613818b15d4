/** `membrane serve`'s arguments are checked before anything starts: bad usage exits 2 with a clear message. */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { nodeIo } from '../io.ts'
import { run } from '../main.ts'
import { serveArgs } from '../commands/serve.ts'

function ran(argv: string[]): { code: number; err: string; out: string } {
  let err = ''
  let out = ''
  const io = { ...nodeIo(), stdout: (t: string) => void (out += t), stderr: (t: string) => void (err += t) }
  return { code: run(argv, io), err, out }
}

describe('membrane serve arguments', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'membrane-serve-args-'))
  writeFileSync(path.join(dir, 'flows.jsonl'), '')

  it.each([
    [['serve', '--policies', path.join(dir, 'missing')], /--policies must be a folder/],
    [['serve', '--policies', path.join(dir, 'flows.jsonl')], /--policies must be a folder/],
    [['serve', '--flows', path.join(dir, 'nope.jsonl')], /flows file not found/],
    [['serve', '--port', 'http'], /--port must be a number/],
    [['serve', '--port', '70000'], /--port must be a number/],
    [['serve', '--flows', '-', '--inventory', '-'], /only one input can be '-'/],
    [['serve', '--bogus'], /unknown flag --bogus/],
  ])('%j exits 2', (argv, message) => {
    const r = ran(argv)
    expect(r.code).toBe(2)
    expect(r.err).toMatch(message)
  })

  it('reads files and the pipe apart, and defaults to loopback on 4173', () => {
    const a = serveArgs(['--policies', dir, '--flows', '-', path.join(dir, 'flows.jsonl')], nodeIo())
    expect(a).toMatchObject({ policies: dir, stdin: true, flowFiles: [path.join(dir, 'flows.jsonl')], host: '127.0.0.1', port: 4173, open: false })
  })

  it('--help lists every flag', () => {
    const r = ran(['serve', '--help'])
    expect(r.code).toBe(0)
    for (const flag of ['--policies', '--flows', '--follow', '--inventory', '--port', '--host', '--open']) expect(r.out).toContain(flag)
  })
})
