/**
 * `evaluate` / `check` in time order across batches, ranges, files and worker threads: every
 * capture gives the verdicts of one in-memory evaluation in global time order (the reference,
 * `evaluateFlows` over all flows), with one thread and with two workers over small ranges; a DNS
 * answer read in another file or range than the connection it teaches still teaches it; rotated
 * files are read by first timestamp; --since/--until select a window.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'fflate'
import { afterEach, describe, expect, it } from 'vitest'
import { ingestFlows } from '../../domain/flows/index.ts'
import { parseArgs } from '../args.ts'
import { flowResultJson } from '../format.ts'
import type { CliIo } from '../io.ts'
import { nodeIo } from '../io.ts'
import { run } from '../main.ts'
import { COMMON_FLAGS, evaluateFlows, setup } from '../setup.ts'
import { EVALUATE_FLAGS } from '../commands/evaluate.ts'
import { evaluateStream } from '../stream-eval.ts'
import { layoutInputs, planInputs } from './plan.ts'
import { parseTime, streamOptions } from './options.ts'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const REPO = path.resolve(HERE, '../../..')
const HUBBLE = path.join(REPO, 'fixtures/hubble')
const CAPTURES = readdirSync(HUBBLE).filter((f) => f.endsWith('.jsonl')).map((f) => path.join(HUBBLE, f))
const quiet: CliIo = { ...nodeIo(), cwd: REPO, stdout: () => undefined, stderr: () => undefined }

function cli(env: Record<string, string>, ...argv: string[]): { code: number; out: string; err: string } {
  let out = ''
  let err = ''
  const io: CliIo = { ...nodeIo(), cwd: REPO, stdout: (t) => void (out += t), stderr: (t) => void (err += t),
    readStdin: () => { throw new Error('no stdin in this test') } }
  const saved = { ...process.env }
  Object.assign(process.env, env)
  try {
    return { code: run(argv, io), out, err }
  } finally {
    for (const k of Object.keys(env)) if (saved[k] === undefined) delete process.env[k]
    else process.env[k] = saved[k]
  }
}

afterEach(() => {
  delete process.env.MEMBRANE_SPLIT_BYTES
  delete process.env.MEMBRANE_BATCH_FLOWS
})

const temp = (): string => mkdtempSync(path.join(tmpdir(), 'membrane-parallel-'))

// DNS proxied for everyone and names learned, so the captures exercise toFQDNs learning.
const PROXY_ALL = `apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: proxy-all}
spec:
  endpointSelector: {}
  egress:
    - toEndpoints: [{}]
      toPorts:
        - ports: [{port: "53", protocol: ANY}]
          rules: {dns: [{matchPattern: "*"}]}
    - toFQDNs: [{matchPattern: "*.com"}, {matchPattern: "*.local"}, {matchName: "www.googleapis.com"}]
      toPorts: [{ports: [{port: "443", protocol: TCP}, {port: "80", protocol: TCP}]}]
    - toEndpoints: [{}]
      toPorts:
        - ports: [{port: "9080", protocol: TCP}, {port: "8080", protocol: TCP}, {port: "15010", protocol: TCP}]
          rules: {http: [{method: GET}]}
  ingress:
    - fromEntities: [cluster]
`
const dir = temp()
const proxyAll = path.join(dir, 'proxy-all.yaml')
writeFileSync(proxyAll, PROXY_ALL)
const fixturePolicies = path.join(REPO, 'src/cli/fixtures/policies')

/** The reference: every flow of the files (in the given order) in memory, evaluated in global time order. */
function reference(policies: string, files: readonly string[]): string {
  const ctx = setup(quiet, parseArgs(['--policies', policies], COMMON_FLAGS, 'evaluate'), 'evaluate')
  const flows = files.flatMap((f) => ingestFlows(readFileSync(f, 'utf8')).flows).map((f, index) => ({ ...f, index }))
  const results = evaluateFlows(ctx, flows)
  return flows.map((f, i) => JSON.stringify(flowResultJson(f, results[i]))).join(',')
}

const flowsOf = (out: string): string => JSON.stringify((JSON.parse(out) as { flows: unknown[] }).flows).slice(1, -1)

describe('evaluate in global time order, on one thread and on workers', () => {
  for (const capture of CAPTURES) {
    it(`${path.basename(capture)}: one thread, small batches and two workers over small ranges give the reference verdicts`, () => {
      for (const policies of [proxyAll, fixturePolicies]) {
        const ref = reference(policies, [capture])
        const one = cli({ MEMBRANE_BATCH_FLOWS: '37' }, 'evaluate', '--policies', policies, '--flows', capture, '--output', 'json', '--jobs', '1')
        expect(one.code, one.err).toBe(0)
        expect(flowsOf(one.out)).toBe(ref)
        const two = cli({ MEMBRANE_SPLIT_BYTES: '20000', MEMBRANE_BATCH_FLOWS: '23' }, 'evaluate', '--policies', policies, '--flows', capture,
          '--output', 'json', '--jobs', '2')
        expect(two.code, two.err).toBe(0)
        expect(two.out).toBe(one.out)
      }
    }, 60_000)
  }

  it('every capture at once, each with its lines reversed (time running backwards), gives on 2 and 3 threads what one thread gives', () => {
    // Reversed files make every batch start before the one it follows (a fresh session that
    // replays all earlier answers), and several files cross file boundaries in time order.
    const d = temp()
    const files = CAPTURES.map((c) => {
      const f = path.join(d, `reversed-${path.basename(c)}`)
      writeFileSync(f, readFileSync(c, 'utf8').trim().split('\n').reverse().join('\n') + '\n')
      return f
    })
    const args = ['evaluate', '--policies', proxyAll, '--flows', ...files, '--output', 'json']
    const one = cli({ MEMBRANE_BATCH_FLOWS: '41' }, ...args, '--jobs', '1')
    expect(one.code, one.err).toBe(0)
    expect((JSON.parse(one.out) as { flows: unknown[] }).flows.length).toBeGreaterThan(1000)
    for (const jobs of ['2', '3']) {
      const many = cli({ MEMBRANE_SPLIT_BYTES: '30000', MEMBRANE_BATCH_FLOWS: '53' }, ...args, '--jobs', jobs)
      expect(many.code, many.err).toBe(0)
      expect(many.out).toBe(one.out)
    }
    // One reversed capture against the in-memory reference, which sorts everything by time.
    const single = cli({ MEMBRANE_SPLIT_BYTES: '20000', MEMBRANE_BATCH_FLOWS: '17' }, 'evaluate', '--policies', proxyAll, '--flows', files[0],
      '--output', 'json', '--jobs', '2')
    expect(flowsOf(single.out)).toBe(reference(proxyAll, [files[0]]))
  }, 120_000)

  it('--jobs 2 evaluates on two threads (the main thread and a worker), not quietly on one', () => {
    process.env.MEMBRANE_SPLIT_BYTES = '20000'
    const capture = CAPTURES[0]
    const args = parseArgs(['--policies', proxyAll, '--flows', capture, '--jobs', '2'], EVALUATE_FLAGS, 'evaluate')
    const ctx = setup(quiet, args, 'evaluate')
    const verdicts: string[] = []
    const run = evaluateStream(quiet, ctx, [capture], [ctx.set], (_f, [r]) => void verdicts.push(r.verdict),
      { command: 'evaluate', args, options: streamOptions(args, 'evaluate') })
    expect(run.threads).toBe(2)
    expect(planInputs(quiet, [capture], 20000).tasks.length).toBeGreaterThan(2)
    const one = cli({}, 'evaluate', '--policies', proxyAll, '--flows', capture, '--output', 'json', '--jobs', '1')
    expect(verdicts).toEqual((JSON.parse(one.out) as { flows: { verdict: string }[] }).flows.map((f) => f.verdict))
  }, 60_000)

  it('check --baseline reports the same on two workers as on one thread', () => {
    const files = CAPTURES.slice(0, 3)
    const args = ['check', '--policies', fixturePolicies, '--baseline', proxyAll, '--flows', ...files, '--output', 'json']
    const one = cli({}, ...args, '--jobs', '1')
    const two = cli({ MEMBRANE_SPLIT_BYTES: '50000' }, ...args, '--jobs', '2')
    expect(one.code).toBe(1)
    expect(JSON.parse(one.out)).toMatchObject({ ok: false })
    expect(two.out).toBe(one.out)
    expect(two.code).toBe(one.code)
  }, 60_000)
})

// A client that resolves api.example.com and then connects to it; the answer is read in another
// file (and another range) than the connections, and earlier in time than one of them.
const pod = { identity: 10002, namespace: 'ns0', pod_name: 'app1-0', labels: ['k8s:app=app1', 'k8s:io.kubernetes.pod.namespace=ns0'] }
const dnsPod = { identity: 102, namespace: 'kube-system', pod_name: 'coredns-0', labels: ['k8s:k8s-app=kube-dns', 'k8s:io.kubernetes.pod.namespace=kube-system'] }
const world = { identity: 2, labels: ['reserved:world'] }
const FQDN_POLICY = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: app, namespace: ns0}
spec:
  endpointSelector: {matchLabels: {app: app1}}
  egress:
    - toEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system, k8s-app: kube-dns}}]
      toPorts: [{ports: [{port: "53", protocol: ANY}], rules: {dns: [{matchPattern: "*"}]}}]
    - toFQDNs: [{matchName: api.example.com}]
      toPorts: [{ports: [{port: "443", protocol: TCP}]}]
`
const at = (sec: number): string => new Date(Date.UTC(2026, 11, 1, 10, 0, sec)).toISOString().replace('.000Z', '.000000000Z')
const connection = (sec: number, sport: number): string => JSON.stringify({ flow: { time: at(sec), verdict: 'FORWARDED',
  IP: { source: '10.0.0.2', destination: '198.51.100.7', ipVersion: 'IPv4' }, l4: { TCP: { source_port: sport, destination_port: 443 } },
  source: pod, destination: world, is_reply: false } })
const answer = (sec: number): string => JSON.stringify({ flow: { time: at(sec), verdict: 'FORWARDED', Type: 'L7',
  IP: { source: '10.96.0.10', destination: '10.0.0.2', ipVersion: 'IPv4' }, l4: { UDP: { source_port: 53, destination_port: 45000 } },
  source: dnsPod, destination: pod, is_reply: true, l7: { type: 'RESPONSE', dns: { query: 'api.example.com.', ips: ['198.51.100.7'], ttl: 300, rrtypes: ['A'] } } } })
/** Unrelated traffic, to fill ranges: denied pod-to-pod flows at a steady clock. */
const filler = (sec: number, i: number): string => JSON.stringify({ flow: { time: at(sec), verdict: 'FORWARDED',
  IP: { source: '10.0.0.2', destination: '10.0.0.9', ipVersion: 'IPv4' }, l4: { TCP: { source_port: 30000 + i, destination_port: 8080 } },
  source: pod, destination: { ...pod, pod_name: 'app1-1' }, is_reply: false } })

describe('DNS answers read elsewhere than the connections they teach', () => {
  const d = temp()
  const policy = path.join(d, 'fqdn.yaml')
  writeFileSync(policy, FQDN_POLICY)
  // a.jsonl starts first (t=1 s) and holds the connections at 1 s and 10 s after 300 fillers;
  // b.jsonl starts later (t=30 s) but holds the answer at t=5 s after its own fillers.
  const a = path.join(d, 'a.jsonl')
  const b = path.join(d, 'b.jsonl')
  writeFileSync(a, [connection(1, 40001), ...Array.from({ length: 300 }, (_, i) => filler(2, i)), connection(10, 40010)].join('\n') + '\n')
  writeFileSync(b, [filler(30, 1000), ...Array.from({ length: 300 }, (_, i) => filler(31, 2000 + i)), answer(5), connection(40, 40040)].join('\n') + '\n')

  const verdicts = (out: string): string[] => (JSON.parse(out) as { flows: { verdict: string }[] }).flows.map((f) => f.verdict)

  it('teaches the connection at 10 s (file a, read first) from the answer at 5 s (file b), on one thread and on workers', () => {
    const one = cli({ MEMBRANE_BATCH_FLOWS: '50' }, 'evaluate', '--policies', policy, '--flows', b, a, '--output', 'json', '--jobs', '1')
    expect(one.code, one.err).toBe(0)
    const v = verdicts(one.out)
    // a is read first (first timestamp 1 s), whatever the order given.
    expect(v[0]).toBe('denied') // 1 s: before the answer
    expect(v[301]).toBe('allowed') // 10 s: after the answer at 5 s, read later in file b
    expect(v[v.length - 1]).toBe('allowed') // 40 s
    expect(flowsOf(one.out)).toBe(reference(policy, [a, b]))
    const two = cli({ MEMBRANE_SPLIT_BYTES: '4000', MEMBRANE_BATCH_FLOWS: '50' }, 'evaluate', '--policies', policy, '--flows', a, b,
      '--output', 'json', '--jobs', '2')
    expect(two.code, two.err).toBe(0)
    expect(two.out).toBe(one.out)
  }, 60_000)

  it('a file-order reader would have denied it: the answer is in the last range of the last file', () => {
    const plan = planInputs(quiet, [b, a], 4000)
    expect(plan.files.map((f) => path.basename(f.abs))).toEqual(['a.jsonl', 'b.jsonl'])
    expect(plan.tasks.length).toBeGreaterThan(4)
    expect(plan.answers).toHaveLength(1)
    const last = plan.tasks[plan.tasks.length - 1]
    expect(last.fileIndex).toBe(1)
    expect(plan.answers[0].key.pos).toBe(2 ** 32 + 302)
    expect(last.firstLine).toBeLessThanOrEqual(302)
  })
})

describe('the first pass over split files', () => {
  it('cuts every capture at record boundaries and finds the same lines and answers as one unsplit scan', () => {
    for (const capture of CAPTURES) {
      const bytes = readFileSync(capture)
      const [layout] = layoutInputs(quiet, [capture], 7000)
      expect(layout.ranges.length).toBeGreaterThan(1)
      let at = 0
      for (const r of layout.ranges) {
        expect(r.start).toBe(at)
        // A range starts a record, just after the line that closed the previous one.
        if (at > 0) expect([bytes[at - 1], bytes[at]]).toEqual([10, 123])
        at = r.end!
      }
      expect(at).toBe(bytes.length)
      const split = planInputs(quiet, [capture], 7000)
      const whole = planInputs(quiet, [capture], 0)
      expect(split.answers.map((a) => a.key)).toEqual(whole.answers.map((a) => a.key))
      expect(split.files).toEqual(whole.files)
      // Each range's first line is the line that starts at its first byte.
      for (const t of split.tasks) expect(t.firstLine).toBe(bytes.subarray(0, t.start).filter((b) => b === 10).length + 1)
    }
  })
})

describe('rotated exporter files and a time window', () => {
  const d = temp()
  const logs = path.join(d, 'hubble')
  const policy = path.join(d, 'fqdn.yaml')
  writeFileSync(policy, FQDN_POLICY)
  // lumberjack's names: the live file, a numbered backup and timestamped gzip backups; names sort
  // in another order than the times.
  mkdirSync(logs)
  writeFileSync(path.join(logs, 'events.log'), [connection(300, 1), connection(301, 2)].join('\n') + '\n')
  writeFileSync(path.join(logs, 'events.log.1'), [connection(200, 3)].join('\n') + '\n')
  writeFileSync(path.join(logs, 'events-2026-12-01T10-00-00.log.gz'), gzipSync(new TextEncoder().encode(`${answer(1)}\n${connection(100, 4)}\n`)))
  writeFileSync(path.join(logs, 'events-2026-12-01T09-00-00.log'), `${connection(50, 5)}\n`)

  it('reads a directory in the order of first timestamps, .gz included', () => {
    const r = cli({}, 'check', '--policies', policy, '--flows', logs, '--output', 'json')
    expect(r.err).toContain('')
    const plan = planInputs(quiet, readdirSync(logs).map((f) => path.join(logs, f)), 0)
    expect(plan.files.map((f) => path.basename(f.abs))).toEqual([
      'events-2026-12-01T10-00-00.log.gz', 'events-2026-12-01T09-00-00.log', 'events.log.1', 'events.log'])
    // events.log.1 has no .json/.log extension of its own: it is read as a rotated backup.
    const ev = cli({}, 'evaluate', '--policies', policy, '--flows', logs, '--output', 'json')
    expect(ev.code, ev.err).toBe(0)
    expect((JSON.parse(ev.out) as { flows: unknown[] }).flows).toHaveLength(6)
  })

  it('--since and --until keep the flows in the window; the answer before it still teaches', () => {
    const r = cli({}, 'evaluate', '--policies', policy, '--flows', logs, '--output', 'json', '--since', at(100), '--until', '2026-12-01T10:03:20Z')
    expect(r.code, r.err).toBe(0)
    const flows = (JSON.parse(r.out) as { flows: { verdict: string }[] }).flows
    // 100 s, 200 s (10:03:20 is 200 s): the answer at 1 s is outside the window but still learned.
    expect(flows.map((f) => f.verdict)).toEqual(['allowed', 'allowed'])
    const none = cli({}, 'evaluate', '--policies', policy, '--flows', logs, '--output', 'json', '--since', '1m')
    expect(none.code).toBe(2)
    expect(none.err).toContain('no flows read')
  })

  it('parses RFC 3339 and relative times, and refuses others', () => {
    expect(parseTime('2026-12-01T10:00:00Z', 'since', 'evaluate')).toBe(Date.UTC(2026, 11, 1, 10))
    expect(parseTime('2026-12-01T11:00:00.5+01:00', 'since', 'evaluate')).toBe(Date.UTC(2026, 11, 1, 10, 0, 0, 500))
    expect(parseTime('30m', 'since', 'evaluate', 1e9)).toBe(1e9 - 30 * 60e3)
    expect(parseTime('2h', 'since', 'evaluate', 1e9)).toBe(1e9 - 2 * 3600e3)
    expect(() => parseTime('yesterday', 'since', 'evaluate')).toThrow(/RFC 3339/)
    expect(() => parseTime('2026-12-01', 'until', 'evaluate')).toThrow(/--until/)
    const bad = cli({}, 'evaluate', '--policies', policy, '--flows', logs, '--jobs', '0')
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('--jobs')
  })
})
