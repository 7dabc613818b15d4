/**
 * The replay's columnar path (`FlowEvaluator.evaluateColumns`, which `membrane evaluate/check`
 * and the worker run) must give exactly the verdicts and reasons of the per-request path
 * (`session.evaluate(adapter.request(flow))`, which the columnar path takes itself for DNS
 * answers and irregular ports). Each path gets its own compiled set and session, so no cache is
 * shared between them.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createSession } from '../domain/engine/index.ts'
import type { EvalResult } from '../domain/engine/index.ts'
import type { Flow } from '../domain/flows/index.ts'
import { ingestFlows, timeOrderOf, toColumns } from '../domain/flows/index.ts'
import { flowLines, policiesYaml } from '../../scripts/bench-data.ts'
import { parseArgs } from './args.ts'
import { FlowEvaluator } from '../domain/replay/index.ts'
import type { CliIo } from './io.ts'
import { nodeIo } from './io.ts'
import type { EvalContext } from './setup.ts'
import { COMMON_FLAGS, setup } from './setup.ts'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const HUBBLE = path.resolve(HERE, '../../fixtures/hubble')
const FIXTURES = path.join(HERE, 'fixtures')
const CAPTURES = readdirSync(HUBBLE).filter((f) => f.endsWith('.jsonl')).map((f) => path.join(HUBBLE, f))
const io: CliIo = { ...nodeIo(), stdout: () => undefined, stderr: () => undefined }

// Proxies DNS and HTTP for every endpoint and learns every name, so the captures exercise L7
// rules, DNS learning (toFQDNs) and audit paths, not only L3/L4.
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
          rules: {http: [{method: GET, path: "/(productpage|details|reviews|ratings|api).*"}, {method: POST}]}
  ingress:
    - fromEntities: [cluster]
      toPorts:
        - ports: [{port: "9080", protocol: TCP}]
          rules: {http: [{method: GET}]}
    - fromEntities: [cluster]
      toPorts: [{ports: [{port: "53", protocol: ANY}]}]
    - fromEntities: [host, remote-node, health]
`
const dir = mkdtempSync(path.join(tmpdir(), 'membrane-fast-'))
const proxyAll = path.join(dir, 'proxy-all.yaml')
writeFileSync(proxyAll, PROXY_ALL)
const benchPolicies = path.join(dir, 'bench.yaml')
writeFileSync(benchPolicies, policiesYaml())

const CONFIGS: Record<string, string[]> = {
  fixtures: ['--policies', path.join(FIXTURES, 'policies')],
  'fixtures+deny, inventory': ['--policies', path.join(FIXTURES, 'policies'), path.join(FIXTURES, 'deny-details.yaml'),
    '--inventory', path.join(FIXTURES, 'inventory.json')],
  'fixtures+deny, audit': ['--policies', path.join(FIXTURES, 'policies'), path.join(FIXTURES, 'deny-details.yaml'), '--audit-mode'],
  'proxy-all': ['--policies', proxyAll],
  'proxy-all, host firewall, always': ['--policies', proxyAll, '--host-firewall', '--enforcement-mode', 'always'],
  bench: ['--policies', benchPolicies],
}

const context = (argv: string[]): EvalContext => setup(io, parseArgs(argv, COMMON_FLAGS, 'evaluate'), 'evaluate')

/** The per-request path in time order, as the CLI ran it before the columnar path existed. */
function perRequest(argv: string[], flows: readonly Flow[]): { results: EvalResult[]; learned: number } {
  const ctx = context(argv)
  const session = createSession(ctx.set)
  const results = new Array<EvalResult>(flows.length)
  for (const i of timeOrderOf(flows)) results[i] = session.evaluate(ctx.adapter.request(flows[i]))
  return { results, learned: session.fqdn.version }
}

/** The CLI's path: columns built as ingest would, then the columnar loop in their time order. */
function columnar(argv: string[], flows: readonly Flow[]): { results: EvalResult[]; learned: number } {
  const ctx = context(argv)
  const evaluator = new FlowEvaluator(createSession(ctx.set), ctx.adapter)
  const results = evaluator.evaluateColumns(toColumns(flows))
  return { results, learned: evaluator.session.fqdn.version }
}

function expectEqual(results: EvalResult[], slow: EvalResult[]): void {
  for (let i = 0; i < slow.length; i++) if (JSON.stringify(results[i]) !== JSON.stringify(slow[i])) expect({ i, r: results[i] }).toEqual({ i, r: slow[i] })
  // Deep equality too: JSON would hide an undefined-vs-missing difference.
  expect(results).toEqual(slow)
}

/** The columnar path against the per-request path; returns how often both learned DNS names. */
function expectSame(argv: string[], flows: readonly Flow[]): number {
  const slow = perRequest(argv, flows)
  const cols = columnar(argv, flows)
  expectEqual(cols.results, slow.results)
  expect(cols.learned).toBe(slow.learned)
  return cols.learned
}

describe('FlowEvaluator.evaluateColumns gives the per-request verdicts', () => {
  for (const capture of CAPTURES) {
    const flows = ingestFlows(readFileSync(capture, 'utf8')).flows
    for (const [name, argv] of Object.entries(CONFIGS)) {
      it(`${path.basename(capture)} with ${name}`, () => {
        expectSame(argv, flows)
      })
    }
  }

  it('learns DNS answers from the real DNS capture (so the comparison covers toFQDNs)', () => {
    const dns = CAPTURES.find((c) => c.includes('dns-l7'))!
    expect(expectSame(CONFIGS['proxy-all'], ingestFlows(readFileSync(dns, 'utf8')).flows)).toBeGreaterThan(0)
  })

  it('on a sample of the bench data (repeated flows, as the bench runs them)', () => {
    const base = ingestFlows(flowLines(5000).join('\n')).flows
    const flows = Array.from({ length: 20000 }, (_, i) => base[(i * 7) % base.length])
    expectSame(CONFIGS.bench, flows)
    expectSame(CONFIGS['proxy-all'], flows)
  })
})

describe('FlowEvaluator and toFQDNs learning mid-stream', () => {
  const pod = { ID: 101, identity: 10002, namespace: 'ns0', pod_name: 'app1-v0-0', labels: ['k8s:app=app1', 'k8s:version=v0',
    'k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=ns0', 'k8s:io.cilium.k8s.policy.cluster=default',
    'k8s:io.kubernetes.pod.namespace=ns0'] }
  const dnsPod = { ID: 102, identity: 102, namespace: 'kube-system', pod_name: 'coredns-0',
    labels: ['k8s:k8s-app=kube-dns', 'k8s:io.kubernetes.pod.namespace=kube-system'] }
  const line = (sec: number, flow: Record<string, unknown>): string =>
    JSON.stringify({ flow: { time: `2025-03-04T09:00:0${sec}.000000000Z`, verdict: 'FORWARDED', Type: 'L3_L4', ...flow } })
  const connect = (sec: number): string => line(sec, { IP: { source: '10.0.0.2', destination: '198.51.100.7', ipVersion: 'IPv4' },
    l4: { TCP: { source_port: 40000 + sec, destination_port: 443 } }, source: pod, destination: { identity: 2, labels: ['reserved:world'] },
    is_reply: false })
  const answer = line(2, { Type: 'L7', IP: { source: '10.96.0.10', destination: '10.0.0.2', ipVersion: 'IPv4' },
    l4: { UDP: { source_port: 53, destination_port: 45000 } }, source: dnsPod, destination: pod, is_reply: true,
    l7: { type: 'RESPONSE', dns: { query: 'api.example.com.', ips: ['198.51.100.7'], rrtypes: ['A'] } } })
  // File order differs from time order: the CLI evaluates by time, so the answer comes second.
  const flows = ingestFlows([connect(3), answer, connect(1)].join('\n')).flows

  for (const [name, run] of [['per-request', perRequest], ['columns', columnar]] as const) {
    it(`a DNS answer learned between two identical flows turns the later one from denied to allowed (${name})`, () => {
      const { results } = run(CONFIGS.bench, flows)
      expect(results[2].verdict).toBe('denied') // t=1, before the answer
      expect(results[1].verdict).toBe('allowed') // the answer itself: a reply
      expect(results[0].verdict).toBe('allowed') // t=3, toFQDNs now matches the address
      expect(results[0].egress.reasons[0]).toMatchObject({ effect: 'allow', policy: 'dns-ns0', path: 'spec.egress[2]' })
      expectSame(CONFIGS.bench, flows)
    })

    it(`without the answer the later flow stays denied in every path (${name})`, () => {
      const without = ingestFlows([connect(3), connect(1)].join('\n')).flows
      expect(run(CONFIGS.bench, without).results.map((r) => r.verdict)).toEqual(['denied', 'denied'])
      expectSame(CONFIGS.bench, without)
    })
  }

  it('re-resolves handles after every answer, also when the same flows repeat around several answers', () => {
    // connect(1) before, the answer, then connect(3) and connect(4) sharing endpoints with it.
    const repeated = ingestFlows([connect(4), connect(3), answer, connect(1), connect(3)].join('\n')).flows
    const { results } = columnar(CONFIGS.bench, repeated)
    expect(results.map((r) => r.verdict)).toEqual(['allowed', 'allowed', 'allowed', 'denied', 'allowed'])
    expectSame(CONFIGS.bench, repeated)
  })
})

describe('FlowEvaluator.evaluateColumns on flows the captures lack', () => {
  const pod = { identity: 10002, namespace: 'ns0', pod_name: 'app1-v0-0', labels: ['k8s:app=app1', 'k8s:io.kubernetes.pod.namespace=ns0'] }
  const world = { identity: 2, labels: ['reserved:world'] }
  const f = (sec: number, extra: Record<string, unknown>): string => JSON.stringify({ flow: { time: `2025-03-04T09:00:0${sec}.000000000Z`,
    verdict: 'FORWARDED', IP: { source: '10.0.0.2', destination: '198.51.100.7', ipVersion: 'IPv4' }, source: pod, destination: world, ...extra } })
  const flows = ingestFlows([
    f(1, { l4: { TCP: { source_port: 40000, destination_port: 70000 } } }), // not a port: the object path
    f(2, { l4: { TCP: { source_port: 443, destination_port: 40000 } } }), // reply by its ports
    f(3, { l4: { VRRP: {} } }),
    f(4, {}), // no L4 section
    f(5, { l4: { ICMPv4: { type: 8 } } }),
    f(6, { l4: { ICMPv4: {} } }),
    f(7, { Type: 'L7', l4: { TCP: { source_port: 40001, destination_port: 9080 } }, destination: pod, is_reply: false,
      l7: { type: 'RESPONSE', http: { code: 200, method: 'GET', url: 'http://x/productpage' } } }),
    f(8, { Type: 'L7', l4: { TCP: { source_port: 40001, destination_port: 9080 } }, destination: pod, is_reply: false,
      l7: { type: 'REQUEST', http: { method: 'GET', url: 'http://x/productpage', headers: [{ key: 'x', value: 'y' }] } } }),
  ].join('\n')).flows

  for (const [name, argv] of Object.entries(CONFIGS)) {
    it(`match the per-request path with ${name}`, () => {
      expect(flows).toHaveLength(8)
      expectSame(argv, flows)
    })
  }
})
