/** `membrane lint` pitfalls: exit codes, the JSON shape of findings, SARIF/JUnit, --inventory/--flows. */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { CliIo } from '../io.ts'
import { nodeIo } from '../io.ts'
import { run } from '../main.ts'

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const LINT = 'src/cli/fixtures/lint'
const at = (f: string): string => path.join(LINT, f)
const CAPTURE = 'src/cli/fixtures/hubble/bookinfo-tcp-first-40.jsonl'

function cli(...argv: string[]): { code: number; out: string; err: string } {
  let out = ''
  let err = ''
  const io: CliIo = { ...nodeIo(), cwd: REPO, stdout: (t) => void (out += t), stderr: (t) => void (err += t),
    readStdin: () => { throw new Error('no stdin in this test') } }
  return { code: run(argv, io), out, err }
}

interface JsonDiagnostic {
  file: string
  line: number
  column: number
  severity: string
  code: string
  message: string
  policy?: string
  path?: string
  why?: string
  fix?: string
}

const json = (out: string): { diagnostics: JsonDiagnostic[]; summary: { errors: number; warnings: number } } =>
  JSON.parse(out) as { diagnostics: JsonDiagnostic[]; summary: { errors: number; warnings: number } }

describe('membrane lint pitfalls', () => {
  it('toFQDNs without a DNS rule is an error: exit 1, one diagnostic with policy and path', () => {
    const r = cli('lint', '--policies', at('fqdn-no-dns.yaml'), '--json')
    expect(r.code).toBe(1)
    const { diagnostics, summary } = json(r.out)
    expect(summary.errors).toBe(1)
    expect(diagnostics).toEqual([expect.objectContaining({
      file: at('fqdn-no-dns.yaml'), line: 11, column: 7, severity: 'error', code: 'fqdn-without-dns-proxy',
      policy: 'payments/stripe', path: 'spec.egress[0]',
    })])
    expect(diagnostics[0].why).toContain('§5.6')
    expect(diagnostics[0].fix).toContain('DNS rule')
  })

  it('a DNS rule in another file of the same namespace pairs the toFQDNs: exit 0', () => {
    const r = cli('lint', '--policies', at('fqdn-no-dns.yaml'), at('namespace-dns.yaml'), '--json')
    expect(json(r.out).diagnostics.map((d) => d.code)).not.toContain('fqdn-without-dns-proxy')
    expect(r.code).toBe(0)
  })

  it('warnings alone exit 0 (deny-only policy)', () => {
    const r = cli('lint', '--policies', at('deny-only.yaml'))
    expect(r.code).toBe(0)
    expect(r.out).toContain(`${at('deny-only.yaml')}:9:7: warning: This policy has only egressDeny rules`)
    expect(r.out).toContain('[deny-only-enables-default-deny]')
  })

  it('a parser problem that is a pitfall is reported once, under the pitfall code', () => {
    const r = cli('lint', '--policies', at('mixed-peers.yaml'), '--json')
    expect(r.code).toBe(1)
    expect(json(r.out).diagnostics.map((d) => d.code)).toEqual(['peer-kinds-combined'])
  })

  it('--inventory: a selector typo selects nothing and the near-miss label is suggested', () => {
    const without = json(cli('lint', '--policies', at('typo.yaml'), '--json').out).diagnostics
    expect(without.map((d) => d.code)).not.toContain('selector-matches-nothing')
    const r = cli('lint', '--policies', at('typo.yaml'), '--inventory', at('shop-pods.json'), '--json')
    const hit = json(r.out).diagnostics.find((d) => d.code === 'selector-matches-nothing')
    expect(hit?.message).toContain('Did you mean app: frontend')
    expect(hit?.policy).toBe('shop/allow-frontend')
  })

  it('--flows: rules no observed flow used are reported as info', () => {
    const r = cli('lint', '--policies', 'src/cli/fixtures/policies', '--flows', CAPTURE, '--json')
    const { diagnostics } = json(r.out)
    expect(r.code).toBe(0)
    const unused = diagnostics.filter((d) => d.code === 'unused-rule')
    expect(unused.length).toBeGreaterThan(0)
    expect(unused.every((d) => d.severity === 'info' && d.path?.startsWith('spec.'))).toBe(true)
    // Without flows nothing can be called unused.
    const all = json(cli('lint', '--policies', 'src/cli/fixtures/policies', '--json').out).diagnostics
    expect(all.filter((d) => d.code === 'unused-rule')).toEqual([])
  })

  it('SARIF and JUnit reports include the pitfalls', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'membrane-lint-'))
    const sarif = path.join(dir, 'lint.sarif')
    const junit = path.join(dir, 'lint.xml')
    expect(cli('lint', '--policies', at('fqdn-no-dns.yaml'), '--sarif', sarif, '--junit', junit).code).toBe(1)
    const log = JSON.parse(readFileSync(sarif, 'utf8')) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string }[] }[] }
    expect(log.runs[0].results.map((r) => r.ruleId)).toEqual(['fqdn-without-dns-proxy'])
    expect(log.runs[0].tool.driver.rules.map((r) => r.id)).toEqual(['fqdn-without-dns-proxy'])
    expect(readFileSync(junit, 'utf8')).toContain('fqdn-without-dns-proxy')
  })
})
