/**
 * The README's "Policy checks in CI" recipes, run for real: the package is packed (`npm pack`,
 * which builds the bundle), a policy repository is laid out as the README describes from the
 * test fixtures, and exactly the commands of the GitHub Actions workflow and the GitLab CI jobs
 * run against it in bash, installing `membrane` from the packed file into a temporary npm prefix
 * (offline: the package has no dependencies). Steps the test cannot run (checkout, uploads) are
 * checked for what they need: the files they upload exist and are valid.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { sarifProblems } from './test-support/sarif-shape.ts'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const REPO = path.resolve(HERE, '../..')
const FIXTURES = path.join(HERE, 'fixtures')
const README = readFileSync(path.join(REPO, 'README.md'), 'utf8')

/** The ```yaml blocks of the README's "Policy checks in CI" section, by the file named on their first line. */
function recipes(): { github: string; gitlab: string } {
  const start = README.indexOf('## Policy checks in CI')
  expect(start).toBeGreaterThan(0)
  const next = README.indexOf('\n## ', start + 1)
  const section = README.slice(start, next < 0 ? undefined : next)
  const blocks = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1])
  const github = blocks.find((b) => b.startsWith('# .github/workflows/'))
  const gitlab = blocks.find((b) => b.startsWith('# .gitlab-ci.yml'))
  if (!github || !gitlab) throw new Error('README lost its GitHub Actions or GitLab CI recipe')
  return { github, gitlab }
}

interface Ran {
  readonly command: string
  readonly code: number
  readonly out: string
}

let work: string
let tarball: string
let packedFiles: string[]

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'membrane-recipes-'))
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: REPO, encoding: 'utf8', env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] })
  const [packed] = JSON.parse(out) as { filename: string; files: { path: string }[] }[]
  tarball = path.join(work, path.basename(packed.filename))
  packedFiles = packed.files.map((f) => f.path).sort()
  // prepack builds the page (vite) and the CLI: minutes on a busy 2-core machine.
}, 300_000)

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
})

/** The environment minus what an enclosing `npm test` exports, so npm inside the recipes starts clean. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== 'NODE_OPTIONS') env[k] = v
  return env
}

/** A policy repository as the README lays it out; `extra` policy fixtures join policies/. */
function policyRepo(extra: readonly string[]): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(path.join(work, 'repo-'))
  mkdirSync(path.join(dir, 'policies'))
  for (const f of readdirSync(path.join(FIXTURES, 'policies'))) copyFileSync(path.join(FIXTURES, 'policies', f), path.join(dir, 'policies', f))
  for (const f of extra) copyFileSync(path.join(FIXTURES, f), path.join(dir, 'policies', f))
  mkdirSync(path.join(dir, 'flows'))
  copyFileSync(path.join(FIXTURES, 'hubble', 'bookinfo-tcp-first-40.jsonl'), path.join(dir, 'flows', 'recorded.jsonl'))
  copyFileSync(path.join(FIXTURES, 'expectations.yaml'), path.join(dir, 'expectations.yaml'))
  mkdirSync(path.join(dir, 'tools'))
  copyFileSync(tarball, path.join(dir, 'tools', path.basename(tarball)))
  // `npm install -g` goes to a prefix of this repository's own; nothing needs the registry.
  const prefix = path.join(dir, '.npm-global')
  const env = { ...cleanEnv(), PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`, npm_config_prefix: prefix,
    npm_config_cache: path.join(work, 'npm-cache'), npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false',
    npm_config_update_notifier: 'false' }
  return { dir, env }
}

function sh(command: string, dir: string, env: NodeJS.ProcessEnv): Ran {
  // How GitHub runs `run:` on Linux, and how GitLab's shell stops at the first failing line.
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', command], { cwd: dir, env, encoding: 'utf8' })
  return { command, code: r.status ?? -1, out: `${r.stdout}${r.stderr}` }
}

const json = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'))

/** SARIF results of a report the recipe uploads, after checking it is valid SARIF 2.1.0. */
function sarifResults(file: string): { ruleId: string; locations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn?: number } } }[]; relatedLocations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] {
  expect(existsSync(file), `${file} exists`).toBe(true)
  const log = json(file) as { runs: { results: never[] }[] }
  expect(sarifProblems(log)).toEqual([])
  return log.runs[0].results
}

interface GithubStep {
  uses?: string
  run?: string
  if?: string
  with?: Record<string, string | number>
}

/** Runs a workflow's jobs as GitHub would: a step without `if` is skipped after a failure; `!cancelled()` ones run. */
function runGithub(workflow: string, dir: string, env: NodeJS.ProcessEnv): { ran: Ran[]; uploaded: string[] } {
  const wf = parse(workflow) as { permissions: Record<string, string>; jobs: Record<string, { 'runs-on': string; steps: GithubStep[] }> }
  expect(wf.permissions['security-events']).toBe('write')
  const ran: Ran[] = []
  const uploaded: string[] = []
  for (const job of Object.values(wf.jobs)) {
    let failed = false
    for (const step of job.steps) {
      if (step.if !== undefined && step.if !== '${{ !cancelled() }}') throw new Error(`the test does not know the condition ${step.if}`)
      if (failed && step.if === undefined) continue
      if (step.run !== undefined) {
        const r = sh(step.run, dir, env)
        ran.push(r)
        failed ||= r.code !== 0
        continue
      }
      const [action] = (step.uses ?? '').split('@')
      const input = step.with ?? {}
      if (action === 'actions/checkout') continue // the policy repository is already laid out
      if (action === 'actions/setup-node') expect(Number(input['node-version'])).toBeGreaterThanOrEqual(20)
      else if (action === 'github/codeql-action/upload-sarif') {
        sarifResults(path.join(dir, String(input.sarif_file)))
        expect(input.category).toMatch(/^membrane-/)
        uploaded.push(String(input.sarif_file))
      } else if (action === 'actions/upload-artifact') {
        expect(existsSync(path.join(dir, String(input.path)))).toBe(true)
        uploaded.push(String(input.path))
      } else throw new Error(`the test does not know the step ${step.uses ?? JSON.stringify(step)}`)
    }
  }
  return { ran, uploaded }
}

interface GitlabJob {
  image: string
  script: string[]
  artifacts: { when: string; paths: string[]; reports: { junit: string } }
}

/** Runs each GitLab job in a fresh copy of the repository; returns each job's commands and its JUnit report. */
function runGitlab(pipeline: string, extra: readonly string[]): Record<string, { ran: Ran[]; dir: string; junit: string }> {
  const jobs = parse(pipeline) as Record<string, GitlabJob>
  const out: Record<string, { ran: Ran[]; dir: string; junit: string }> = {}
  for (const [name, job] of Object.entries(jobs)) {
    expect(job.image).toMatch(/^node:(2\d|[3-9]\d)/)
    expect(job.artifacts.when).toBe('always')
    const { dir, env } = policyRepo(extra)
    const ran: Ran[] = []
    for (const line of job.script) {
      const r = sh(line, dir, env)
      ran.push(r)
      if (r.code !== 0) break
    }
    out[name] = { ran, dir, junit: path.join(dir, job.artifacts.reports.junit) }
  }
  return out
}

describe('the packed package', () => {
  it('holds the launcher, the bundle and its licences, the built page, and no sources, tests or fixtures', () => {
    expect(packedFiles.filter((f) => !f.startsWith('dist/'))).toEqual(['README.md', 'bin/membrane.js', 'dist-cli/THIRD-PARTY-LICENSES.txt',
      'dist-cli/membrane-worker.js', 'dist-cli/membrane.js', 'package.json'])
    // The page `membrane serve` serves, as `npm run build` made it: its entry, hashed assets, workers; no source maps.
    const app = packedFiles.filter((f) => f.startsWith('dist/'))
    expect(app).toContain('dist/index.html')
    expect(app.some((f) => /^dist\/assets\/index-[\w-]+\.js$/.test(f))).toBe(true)
    expect(app.some((f) => /^dist\/assets\/evaluator\.worker-[\w-]+\.js$/.test(f))).toBe(true)
    expect(app.filter((f) => f.endsWith('.map'))).toEqual([])
    const licences = execFileSync('tar', ['-xOzf', tarball, 'package/dist-cli/THIRD-PARTY-LICENSES.txt'], { encoding: 'utf8' })
    for (const name of ['yaml@', 're2js@', 'ipaddr.js@', 'sirv@', '@polka/url@', 'chokidar@', 'readdirp@']) expect(licences).toContain(name)
    // The page's packages too, the workers' included (monaco-yaml's language service pulls jsonc-parser in).
    const pageLicences = execFileSync('tar', ['-xOzf', tarball, 'package/dist/THIRD-PARTY-LICENSES.txt'], { encoding: 'utf8' })
    for (const name of ['react@', 'react-dom@', 'monaco-editor@', 'monaco-yaml@', '@xyflow/react@', 'zustand@', 'jsonc-parser@', '@vscode/l10n@']) expect(pageLicences).toContain(name)
    const pkg = JSON.parse(execFileSync('tar', ['-xOzf', tarball, 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>
    expect(pkg.dependencies).toBeUndefined()
  })
})

describe('membrane serve from the installed package', () => {
  it('serves the page shipped in the package, outside any source checkout', async () => {
    const { dir, env } = policyRepo([])
    const install = sh(`npm install -g ./tools/${path.basename(tarball)}`, dir, env)
    expect(install.code, install.out).toBe(0)
    const installed = path.join(dir, '.npm-global', 'lib', 'node_modules', 'membrane')
    const child = spawn('membrane', ['serve', '--policies', 'policies', '--port', '0'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] })
    try {
      let said = ''
      child.stderr.on('data', (d: Buffer) => void (said += d.toString()))
      const url = await new Promise<string>((resolve, reject) => {
        let out = ''
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString()
          const m = /(http:\/\/127\.0\.0\.1:\d+\/)#token=/.exec(out)
          if (m) resolve(m[1])
        })
        child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${said}`)))
      })
      const page = await fetch(url)
      expect(page.status).toBe(200)
      expect(await page.text()).toBe(readFileSync(path.join(installed, 'dist', 'index.html'), 'utf8'))
      // Nothing was built on the way: the page came in the tarball.
      expect(said).not.toContain('Building')
    } finally {
      child.kill('SIGTERM')
    }
  }, 120_000)
})

describe('README "Policy checks in CI" recipes, from the packed package', () => {
  it('GitHub Actions: passes on good policies, with valid reports, and membrane works from any directory', () => {
    const { dir, env } = policyRepo([])
    const { ran, uploaded } = runGithub(recipes().github, dir, env)
    expect(ran.map((r) => [r.command.split(' ').slice(0, 2).join(' '), r.code])).toEqual([['npm install', 0], ['membrane lint', 0], ['membrane check', 0]])
    expect(ran[2].out).toContain('check passed')
    expect(uploaded).toEqual(['reports/lint.sarif', 'reports/check.sarif', 'reports/'])
    expect(sarifResults(path.join(dir, 'reports/lint.sarif'))).toEqual([])
    expect(sarifResults(path.join(dir, 'reports/check.sarif'))).toEqual([])
    expect(readFileSync(path.join(dir, 'reports/check.xml'), 'utf8')).toContain('<testsuite name="expectations" tests="4" failures="0">')
    const anywhere = sh('cd / && command -v membrane && membrane --version', dir, env)
    expect(anywhere.out).toBe(`${path.join(dir, '.npm-global', 'bin', 'membrane')}\n${(json(path.join(REPO, 'package.json')) as { version: string }).version}\n`)
    // Worker threads from the installed package: the worker bundle ships next to the CLI's.
    const evaluate = (jobs: number): Ran => sh(`MEMBRANE_SPLIT_BYTES=4000 membrane evaluate --policies policies/ --flows flows/ --output json --jobs ${jobs}`, dir, env)
    const one = evaluate(1)
    const two = evaluate(2)
    expect(one.code, one.out).toBe(0)
    expect(two.code, two.out).toBe(0)
    expect((JSON.parse(two.out) as { flows: unknown[] }).flows).toHaveLength(40)
    expect(two.out).toBe(one.out)
  }, 120_000)

  it('GitHub Actions: a policy change that denies recorded traffic fails check, with the flow on its capture line', () => {
    const { dir, env } = policyRepo(['deny-details.yaml'])
    const { ran, uploaded } = runGithub(recipes().github, dir, env)
    expect(ran.map((r) => r.code)).toEqual([0, 0, 1])
    expect(ran[2].out).toContain('FAIL  bookinfo/app=productpage,version=v1 -> bookinfo/app=details,version=v1 9080/TCP: 6 forwarded flow(s)')
    expect(uploaded).toHaveLength(3)
    const [broken, ...rest] = sarifResults(path.join(dir, 'reports/check.sarif'))
    expect(rest).toEqual([])
    expect(broken.ruleId).toBe('forwarded-flow-denied')
    expect(broken.locations?.[0].physicalLocation).toMatchObject({ artifactLocation: { uri: 'flows/recorded.jsonl' }, region: { startLine: 33 } })
    expect(broken.relatedLocations?.[0].physicalLocation).toMatchObject({ artifactLocation: { uri: 'policies/deny-details.yaml' }, region: { startLine: 13 } })
    expect(readFileSync(path.join(dir, 'reports/check.xml'), 'utf8')).toContain('<failure message="6 forwarded flow(s) would be denied">')
  }, 120_000)

  it('GitLab CI: both jobs pass on good policies and leave their JUnit reports', () => {
    const jobs = runGitlab(recipes().gitlab, [])
    expect(Object.keys(jobs)).toEqual(['membrane-lint', 'membrane-check'])
    for (const job of Object.values(jobs)) {
      expect(job.ran.map((r) => r.code)).toEqual([0, 0])
      expect(readFileSync(job.junit, 'utf8')).toMatch(/^<\?xml[\s\S]*failures="0"/)
    }
    expect(sarifResults(path.join(jobs['membrane-check'].dir, 'reports/check.sarif'))).toEqual([])
  }, 120_000)

  it('GitLab CI: a policy that does not parse fails lint, on its file and line in JUnit and SARIF', () => {
    const jobs = runGitlab(recipes().gitlab, ['broken.yaml'])
    const lint = jobs['membrane-lint']
    expect(lint.ran.map((r) => r.code)).toEqual([0, 1])
    expect(lint.ran[1].out).toContain('policies/broken.yaml:9:3: error:')
    expect(readFileSync(lint.junit, 'utf8')).toContain('<testcase classname="policy files" name="policies/broken.yaml">')
    const [first] = sarifResults(path.join(lint.dir, 'reports/lint.sarif'))
    expect(first.locations?.[0].physicalLocation).toMatchObject({ artifactLocation: { uri: 'policies/broken.yaml' }, region: { startLine: 9, startColumn: 3 } })
    // check refuses to evaluate policies that do not parse: unusable input, exit 2.
    expect(jobs['membrane-check'].ran.map((r) => r.code)).toEqual([0, 2])
  }, 120_000)
})
