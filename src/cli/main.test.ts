import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { ingestFlows } from '../domain/flows/index.ts'
import type { CliIo } from './io.ts'
import { nodeIo } from './io.ts'
import { run } from './main.ts'
import { sarifProblems } from './test-support/sarif-shape.ts'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const REPO = path.resolve(HERE, '../..')
const HUBBLE = path.join(REPO, 'fixtures/hubble')
const FIXTURES = path.join(HERE, 'fixtures')
const POLICIES = path.join(FIXTURES, 'policies')
const CAPTURES = readdirSync(HUBBLE).filter((f) => f.endsWith('.jsonl')).map((f) => path.join(HUBBLE, f))
const TCP = path.join(HUBBLE, 'kind-bookinfo-2021_tcp-l3l4-http-policyverdict_400.jsonl')
/** The in-repo capture (40 lines of the same bookinfo recording); paths relative to REPO, as CI passes them. */
const CAPTURE = 'src/cli/fixtures/hubble/bookinfo-tcp-first-40.jsonl'
const REL = 'src/cli/fixtures'
const VERSION = (JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version

interface Ran {
  code: number
  out: string
  err: string
}

function cli(...argv: string[]): Ran {
  return cliWithStdin(undefined, ...argv)
}

/** Runs in-process; `stdin` is what standard input holds (reading it when undefined fails the test). */
function cliWithStdin(stdin: string | undefined, ...argv: string[]): Ran {
  let out = ''
  let err = ''
  const io: CliIo = { ...nodeIo(), cwd: REPO, stdout: (t) => void (out += t), stderr: (t) => void (err += t),
    readStdin: () => {
      if (stdin === undefined) throw new Error('test read standard input it did not provide')
      return stdin
    } }
  const code = run(argv, io)
  return { code, out, err }
}

const tempDir = (): string => mkdtempSync(path.join(tmpdir(), 'membrane-'))

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

  it('audits only the listed namespaces or workloads with --audit-namespace / --audit-workload', () => {
    const run = (...extra: string[]): Record<string, number> =>
      (JSON.parse(cli('evaluate', '--policies', POLICIES, path.join(FIXTURES, 'deny-details.yaml'), '--flows', TCP, '--json', ...extra).out) as { summary: Record<string, number> }).summary
    expect(run('--audit-namespace', 'bookinfo')).toEqual({ allowed: 327, denied: 0, audit: 73 })
    expect(run('--audit-namespace', 'elsewhere')).toEqual({ allowed: 327, denied: 73, audit: 0 })
    // The deny is productpage's egress: decided at the source (§3.7), so auditing details changes nothing.
    expect(run('--audit-workload', 'bookinfo/app=productpage')).toEqual({ allowed: 327, denied: 0, audit: 73 })
    expect(run('--audit-workload', 'bookinfo/app=details')).toEqual({ allowed: 327, denied: 73, audit: 0 })
    const bad = cli('evaluate', '--policies', POLICIES, '--flows', TCP, '--audit-workload', 'bookinfo')
    expect(bad.code).toBe(2)
    expect(bad.err).toContain("--audit-workload 'bookinfo': expected ns/key=value")
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

describe('membrane --version, --help and exit codes', () => {
  it('prints the package version', () => {
    expect(cli('--version')).toEqual({ code: 0, out: `${VERSION}\n`, err: '' })
  })

  it('documents exit codes 0, 1 and 2 in --help, and each command in its own help', () => {
    const help = cli('--help').out
    expect(help).toMatch(/Exit codes:\n {2}0 .*\n {2}1 .*findings.*\n {2}2 .*unusable input/)
    expect(cli('lint', '--help').out).toContain('Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 unusable input.')
    expect(cli('check', '--help').out).toContain('Exit codes: 0 passed, 1 broken flows or failed expectations, 2 unusable input')
    expect(cli('evaluate', '--help').out).toContain('Exit codes: 0 evaluated (whatever the verdicts), 2 unusable input.')
  })

  it('says each command once in an error message', () => {
    const r = cli('check', '--policies', POLICIES)
    expect(r.err).toBe('membrane check: give --flows, --expect or both (see membrane check --help)\n')
  })
})

describe('standard input', () => {
  const policiesText = readFileSync(path.join(POLICIES, 'bookinfo-app.yaml'), 'utf8')

  it('lint --policies - reads policies from standard input and names it <stdin>', () => {
    const r = cliWithStdin(readFileSync(path.join(FIXTURES, 'broken.yaml'), 'utf8'), 'lint', '--policies', '-')
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/^<stdin>:9:3: error: /)
    expect(r.out).toContain('1 file(s)')
  })

  it('check --policies - gives the same verdicts as the file', () => {
    const fromFile = cli('check', '--policies', path.join(POLICIES, 'bookinfo-app.yaml'), '--flows', CAPTURE, '--json')
    const fromStdin = cliWithStdin(policiesText, 'check', '--policies', '-', '--flows', CAPTURE, '--json')
    expect(fromStdin.code).toBe(fromFile.code)
    expect(JSON.parse(fromStdin.out)).toEqual(JSON.parse(fromFile.out))
  })

  it('evaluate --flows - reads the capture from standard input', () => {
    const fromFile = cli('evaluate', '--policies', POLICIES, '--flows', CAPTURE, '--json')
    const fromStdin = cliWithStdin(readFileSync(path.join(REPO, CAPTURE), 'utf8'), 'evaluate', '--policies', POLICIES, '--flows', '-', '--json')
    expect(fromStdin.code).toBe(0)
    expect(JSON.parse(fromStdin.out)).toEqual(JSON.parse(fromFile.out))
    expect((JSON.parse(fromStdin.out) as { flows: unknown[] }).flows).toHaveLength(40)
  })

  it('refuses two inputs from standard input before reading either (exit 2)', () => {
    const r = cliWithStdin(undefined, 'check', '--policies', '-', '--flows', '-')
    expect(r.code).toBe(2)
    expect(r.err).toContain("only one input can be '-' (standard input), got --policies and --flows")
  })
})

describe('--output and report files', () => {
  it('--output json is --json, for lint, check and evaluate', () => {
    for (const argv of [['lint', '--policies', POLICIES], ['check', '--policies', POLICIES, '--flows', CAPTURE], ['evaluate', '--policies', POLICIES, '--flows', CAPTURE]]) {
      const json = cli(...argv, '--json')
      expect(json.code).toBe(0)
      expect(cli(...argv, '--output', 'json')).toEqual(json)
      expect(() => JSON.parse(json.out) as unknown).not.toThrow()
    }
  })

  it.each([
    [['lint', '--policies', POLICIES, '--output', 'xml'], 'lint: --output must be one of text, json, junit, sarif'],
    [['evaluate', '--policies', POLICIES, '--flows', CAPTURE, '--output', 'sarif'], '--output must be one of text, json'],
    [['check', '--policies', POLICIES, '--flows', CAPTURE, '--json', '--output', 'sarif'], '--json means --output json; it cannot be combined with --output sarif'],
  ])('rejects a bad --output (exit 2): %j', (argv, message) => {
    const r = cli(...argv)
    expect(r.code).toBe(2)
    expect(r.err).toContain(message)
  })

  it('lint --output junit: one test case per file, failed when the file has errors', () => {
    const r = cli('lint', '--policies', path.join(REL, 'policies'), path.join(REL, 'broken.yaml'), '--output', 'junit')
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/^<\?xml/)
    expect(r.out).toContain('<testsuite name="policy files" tests="3" failures="1">')
    expect(r.out).toContain('<testcase classname="policy files" name="src/cli/fixtures/broken.yaml">')
    expect(r.out).toContain('src/cli/fixtures/broken.yaml:9:3: error:')
    expect(r.out).toContain('<testcase classname="policy files" name="src/cli/fixtures/policies/bookinfo-app.yaml"/>')
  })

  it('lint --sarif writes SARIF 2.1.0 with each problem on its line; stdout keeps the text report', () => {
    const dir = tempDir()
    const file = path.join(dir, 'new', 'lint.sarif')
    const r = cli('lint', '--policies', POLICIES, path.join(REL, 'broken.yaml'), '--sarif', file)
    expect(r.code).toBe(1)
    expect(r.out).toContain('src/cli/fixtures/broken.yaml:9:3: error:')
    const log = JSON.parse(readFileSync(file, 'utf8')) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: Record<string, unknown>[] }[] }
    expect(sarifProblems(log)).toEqual([])
    expect(log.runs[0].tool.driver.rules.map((rule) => rule.id)).toContain('yaml-syntax')
    expect(log.runs[0].results).toContainEqual(expect.objectContaining({ ruleId: 'yaml-syntax', level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'src/cli/fixtures/broken.yaml', uriBaseId: '%SRCROOT%' }, region: expect.objectContaining({ startLine: 9, startColumn: 3 }) as unknown } }] }))
  })

  it('lint --output sarif of a clean folder has no results', () => {
    const r = cli('lint', '--policies', POLICIES, '--output', 'sarif')
    expect(r.code).toBe(0)
    const log = JSON.parse(r.out) as { runs: { results: unknown[] }[] }
    expect(sarifProblems(log)).toEqual([])
    expect(log.runs[0].results).toEqual([])
  })

  it('check --output sarif puts a broken connection on the line of its first flow, with the denying rule', () => {
    const r = cli('check', '--policies', POLICIES, path.join(REL, 'deny-details.yaml'), '--flows', CAPTURE, '--output', 'sarif')
    expect(r.code).toBe(1)
    const log = JSON.parse(r.out) as { runs: { results: Record<string, unknown>[] }[] }
    expect(sarifProblems(log)).toEqual([])
    expect(log.runs[0].results).toEqual([expect.objectContaining({
      ruleId: 'forwarded-flow-denied', level: 'error',
      message: { text: expect.stringContaining('bookinfo/app=productpage,version=v1 -> bookinfo/app=details,version=v1 9080/TCP: 6 forwarded flow(s) would be denied') as unknown },
      locations: [{ physicalLocation: { artifactLocation: { uri: CAPTURE, uriBaseId: '%SRCROOT%' }, region: { startLine: 33 } } }],
      relatedLocations: [expect.objectContaining({ physicalLocation: { artifactLocation: { uri: 'src/cli/fixtures/deny-details.yaml', uriBaseId: '%SRCROOT%' },
        region: { startLine: 13, startColumn: 7 } } }) as unknown],
    })])
  })

  it('check --sarif puts a failed expectation on its line in the expectations file', () => {
    const dir = tempDir()
    const r = cli('check', '--policies', POLICIES, '--enforcement-mode', 'never', '--expect', path.join(REL, 'expectations.yaml'),
      '--sarif', path.join(dir, 'check.sarif'), '--junit', path.join(dir, 'reports', 'check.xml'))
    expect(r.code).toBe(1)
    const log = JSON.parse(readFileSync(path.join(dir, 'check.sarif'), 'utf8')) as { runs: { results: { ruleId: string; message: { text: string }; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] }
    expect(sarifProblems(log)).toEqual([])
    const failed = log.runs[0].results
    expect(failed.map((f) => f.ruleId)).toEqual(['expectation-failed', 'expectation-failed'])
    expect(failed[0].message.text).toBe('expectation details cannot reach ratings: expected denied, got allowed')
    expect(failed.map((f) => f.locations[0].physicalLocation.region.startLine)).toEqual([7, 12])
    expect(readFileSync(path.join(dir, 'reports', 'check.xml'), 'utf8')).toContain('<testsuite name="expectations" tests="4" failures="2">')
  })

  it('check text output names the capture line of the first broken flow', () => {
    const r = cli('check', '--policies', POLICIES, path.join(REL, 'deny-details.yaml'), '--flows', CAPTURE)
    expect(r.out).toContain(`(first: flow #32, ${CAPTURE}:33)`)
  })
})

describe('bin/membrane.js (the bundle)', () => {
  const bin = path.join(REPO, 'bin/membrane.js')

  // What `npm run membrane --` runs: builds dist-cli/membrane.js when a source is newer, then runs it.
  beforeAll(() => {
    expect(execFileSync(process.execPath, [path.join(REPO, 'scripts/membrane-dev.mjs'), '--version'], { encoding: 'utf8' })).toBe(`${VERSION}\n`)
  }, 60_000)

  it('runs the bundled CLI with plain node from another working directory', () => {
    const out = execFileSync(process.execPath, [bin, 'evaluate', '--policies', POLICIES, '--flows', path.join(REPO, CAPTURE), '--json'],
      { cwd: tmpdir(), encoding: 'utf8' })
    const report = JSON.parse(out) as { flows: unknown[]; summary: { allowed: number } }
    expect(report.flows).toHaveLength(40)
    expect(report.summary.allowed).toBe(40)
    expect(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' })).toBe(`${VERSION}\n`)
  }, 30_000)

  it('reads a pipe on standard input (kubectl … | membrane lint --policies -)', () => {
    const out = execFileSync(process.execPath, [bin, 'lint', '--policies', '-', '--json'],
      { cwd: tmpdir(), encoding: 'utf8', input: readFileSync(path.join(POLICIES, 'bookinfo-app.yaml'), 'utf8') })
    expect(JSON.parse(out)).toMatchObject({ diagnostics: [], summary: { errors: 0, policies: 4 } })
  }, 30_000)
})
