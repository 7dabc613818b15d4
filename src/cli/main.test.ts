import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ingestFlows } from '../domain/flows/index.ts'
import type { CliIo } from './io.ts'
import { nodeIo } from './io.ts'
import { run } from './main.ts'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const REPO = path.resolve(HERE, '../..')
const HUBBLE = path.join(REPO, 'fixtures/hubble')
const FIXTURES = path.join(HERE, 'fixtures')
const POLICIES = path.join(FIXTURES, 'policies')
const CAPTURES = readdirSync(HUBBLE).filter((f) => f.endsWith('.jsonl')).map((f) => path.join(HUBBLE, f))
const TCP = path.join(HUBBLE, 'kind-bookinfo-2021_tcp-l3l4-http-policyverdict_400.jsonl')

interface Ran {
  code: number
  out: string
  err: string
}

function cli(...argv: string[]): Ran {
  let out = ''
  let err = ''
  const io: CliIo = { ...nodeIo(), cwd: REPO, stdout: (t) => void (out += t), stderr: (t) => void (err += t) }
  const code = run(argv, io)
  return { code, out, err }
}

describe('membrane evaluate', () => {
  for (const capture of CAPTURES) {
    it(`gives every flow of ${path.basename(capture)} one verdict (--json contract)`, () => {
      const r = cli('evaluate', '--policies', POLICIES, '--flows', capture, '--json')
      expect(r.code).toBe(0)
      expect(r.out.trim().split('\n')).toHaveLength(1)
      const report = JSON.parse(r.out) as { flows: Record<string, unknown>[]; summary: Record<string, number> }
      const count = ingestFlows(readFileSync(capture, 'utf8')).flows.length
      expect(Object.keys(report)).toEqual(['flows', 'summary'])
      expect(report.flows).toHaveLength(count)
      expect(report.flows.map((f) => f.index)).toEqual([...Array(count).keys()])
      expect(report.summary.allowed + report.summary.denied + report.summary.audit).toBe(count)
      for (const f of report.flows) {
        expect(['allowed', 'denied', 'audit']).toContain(f.verdict)
        for (const side of [f.egress, f.ingress] as { verdict: string; reasons: Record<string, unknown>[] }[]) {
          expect(['allowed', 'denied', 'audit', 'unenforced', 'n/a']).toContain(side.verdict)
          for (const reason of side.reasons) expect(Object.keys(reason).sort()).toEqual(['effect', 'kind', 'path', 'policy'])
        }
        expect(Object.keys(f).every((k) => ['index', 'verdict', 'egress', 'ingress', 'l7'].includes(k))).toBe(true)
      }
    })
  }

  it('prints a readable table and summary without --json', () => {
    const r = cli('evaluate', '--policies', POLICIES, '--flows', TCP)
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/^DRAFT\s+FLOWS\s+SOURCE/)
    expect(r.out).toContain('400 flows: 400 allowed, 0 denied, 0 audit')
    expect(r.out).toContain('bookinfo/app=productpage,version=v1')
  })

  it('reports audit instead of denied in --audit-mode, and unenforced with --enforcement-mode never', () => {
    const audit = JSON.parse(cli('evaluate', '--policies', POLICIES, path.join(FIXTURES, 'deny-details.yaml'), '--flows', TCP, '--json', '--audit-mode').out) as { summary: Record<string, number> }
    expect(audit.summary).toEqual({ allowed: 327, denied: 0, audit: 73 })
    const never = JSON.parse(cli('evaluate', '--policies', POLICIES, path.join(FIXTURES, 'deny-details.yaml'), '--flows', TCP, '--json', '--enforcement-mode', 'never').out) as { summary: Record<string, number> }
    expect(never.summary).toEqual({ allowed: 400, denied: 0, audit: 0 })
  })

  it('counts unreadable flow lines and says so', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'membrane-'))
    const file = path.join(dir, 'flows.jsonl')
    const lines = readFileSync(TCP, 'utf8').split('\n').slice(0, 3)
    nodeIo().writeFile(file, `${lines[0]}\n${lines[1].slice(0, 100)}\n\u0000\u0001junk\n{"lost_events":{"num_events_lost":"2"}}\n${lines[2]}\n`)
    const r = cli('evaluate', '--policies', POLICIES, '--flows', file, '--json')
    expect(r.code).toBe(0)
    expect(r.err).toContain('skipped 2 unreadable line(s) (line 2: invalid JSON (truncated line?); line 3: not JSON)')
    expect((JSON.parse(r.out) as { flows: unknown[] }).flows).toHaveLength(2)
  })

  it.each([
    [['evaluate', '--flows', TCP], '--policies needs at least one file'],
    [['evaluate', '--policies', POLICIES], '--flows is required'],
    [['evaluate', '--policies', POLICIES, '--flows', '/nope.json'], 'flows file not found: /nope.json'],
    [['evaluate', '--policies', 'missing-dir', '--flows', TCP], 'policy file or directory not found: missing-dir'],
    [['evaluate', '--bogus'], 'unknown flag --bogus'],
    [['evaluate', '--policies', POLICIES, '--flows', TCP, '--enforcement-mode', 'sometimes'], 'must be one of default, always, never'],
    [['frobnicate'], "unknown command 'frobnicate'"],
  ])('usage and input errors exit 2 with a clear message: %j', (argv, message) => {
    const r = cli(...argv)
    expect(r.code).toBe(2)
    expect(r.err).toContain(message)
    expect(r.err).not.toMatch(/\n\s+at /)
  })

  it('stops on policy syntax errors with file:line:column', () => {
    const r = cli('evaluate', '--policies', path.join(FIXTURES, 'broken.yaml'), '--flows', TCP)
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/broken\.yaml:9:3: error: /)
  })

  it('has --help for every command', () => {
    for (const c of ['evaluate', 'check', 'trace', 'lint']) {
      const r = cli(c, '--help')
      expect(r.code).toBe(0)
      expect(r.out).toContain(`Usage: membrane ${c}`)
    }
  })
})

describe('membrane check', () => {
  it('passes when the draft keeps all forwarded traffic, with expectations met', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'membrane-'))
    const junit = path.join(dir, 'report.xml')
    const r = cli('check', '--policies', POLICIES, '--flows', TCP, '--expect', path.join(FIXTURES, 'expectations.yaml'), '--junit', junit)
    expect(r.code).toBe(0)
    expect(r.out).toContain('check passed')
    const xml = readFileSync(junit, 'utf8')
    expect(xml).toMatch(/^<\?xml/)
    expect(xml).toContain('<testsuite name="expectations" tests="4" failures="0">')
  })

  it('fails (exit 1) when forwarded flows would be denied, and writes the failure to JUnit', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'membrane-'))
    const junit = path.join(dir, 'report.xml')
    const r = cli('check', '--policies', POLICIES, path.join(FIXTURES, 'deny-details.yaml'), '--flows', TCP, '--junit', junit)
    expect(r.code).toBe(1)
    expect(r.out).toContain('FAIL  bookinfo/app=productpage,version=v1 -> bookinfo/app=details,version=v1 9080/TCP: 73 forwarded flow(s)')
    expect(readFileSync(junit, 'utf8')).toContain('<failure message="73 forwarded flow(s) would be denied">')
  })

  it('fails when an expectation is not met', () => {
    const r = cli('check', '--policies', POLICIES, path.join(FIXTURES, 'deny-details.yaml'), '--json',
      '--expect', path.join(FIXTURES, 'expectations.yaml'))
    expect(r.code).toBe(0)
    const never = cli('check', '--policies', POLICIES, '--enforcement-mode', 'never', '--expect', path.join(FIXTURES, 'expectations.yaml'))
    expect(never.code).toBe(1)
    expect(never.out).toContain('FAIL  expectation details cannot reach ratings: expected denied, got allowed')
  })

  it('resolves ns/pod peers from the inventory, with named ports', () => {
    const r = cli('trace', '--policies', POLICIES, '--inventory', path.join(FIXTURES, 'inventory.json'),
      '--from', 'bookinfo:app=productpage', '--to', 'bookinfo/details-v1-79f774bdb9-6jl84', '--port', '9080/TCP', '--json')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.out)).toMatchObject({ verdict: 'allowed', ingress: { verdict: 'allowed', reasons: [{ policy: 'bookinfo/details', kind: 'NetworkPolicy' }] } })
  })
})

describe('membrane trace and lint', () => {
  it('explains an L7 denial like cilium policy trace', () => {
    const r = cli('trace', '--policies', POLICIES, '--from', 'bookinfo:app=ratings', '--to', 'bookinfo:app=productpage', '--port', '9080/TCP', '--http', 'POST /admin')
    expect(r.code).toBe(0)
    expect(r.out).toContain('Tracing From: bookinfo:app=ratings')
    expect(r.out).toContain('Final verdict: DENIED')
  })

  it('resolves ns/pod from observed flows and entities', () => {
    const r = cli('trace', '--policies', POLICIES, '--flows', TCP, '--from', 'bookinfo/productpage-v1-6b746f74dc-9rcxx', '--to', 'entity:world', '--port', '443', '--json')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.out)).toMatchObject({ verdict: 'denied', egress: { verdict: 'denied' } })
  })

  it('lint prints file:line:col and exits 1 on errors, 0 when clean', () => {
    expect(cli('lint', '--policies', POLICIES).code).toBe(0)
    const bad = cli('lint', '--policies', path.join(FIXTURES, 'broken.yaml'), '--json')
    expect(bad.code).toBe(1)
    const report = JSON.parse(bad.out) as { diagnostics: { file: string; line: number; column: number; severity: string }[] }
    expect(report.diagnostics[0]).toMatchObject({ line: 9, column: 3, severity: 'error' })
  })
})

describe('bin/membrane.js', () => {
  it('runs the CLI through tsx from another working directory', () => {
    const out = execFileSync(process.execPath, [path.join(REPO, 'bin/membrane.js'), 'evaluate', '--policies', POLICIES, '--flows', TCP, '--json'],
      { cwd: tmpdir(), encoding: 'utf8' })
    const report = JSON.parse(out) as { flows: unknown[]; summary: { allowed: number } }
    expect(report.flows).toHaveLength(400)
    expect(report.summary.allowed).toBe(400)
  }, 30_000)
})
