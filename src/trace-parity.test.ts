/**
 * `membrane trace` answers exactly what the Trace panel answers: the same verdict, reasons, notes
 * and explanation lines, for the same policies, settings and peers. The panel's side is the
 * evaluator core the worker runs (the in-thread path of the same code).
 */
import { describe, expect, it } from 'vitest'
import type { TraceQuery } from './domain/trace/index.ts'
import { EvaluatorCore } from './worker/evaluator-core.ts'
import type { EvaluatorSettings } from './worker/protocol.ts'
import { DEFAULT_AGENT_SETTINGS } from './domain/settings/index.ts'
import { resultJson } from './cli/commands/trace.ts'
import { run } from './cli/main.ts'
import { traceInMemory } from './cli/test-support/trace-in-memory.ts'

const POLICIES = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: gw, namespace: payments}
spec:
  endpointSelector: {matchLabels: {app: pg-gateway}}
  egress:
    - toEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system, k8s-app: kube-dns}}]
      toPorts: [{ports: [{port: "53", protocol: UDP}], rules: {dns: [{matchPattern: "*.stripe.com"}]}}]
    - toFQDNs: [{matchName: api.stripe.com}, {matchName: www.example.com}]
      toPorts: [{ports: [{port: "443", protocol: TCP}]}]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: report, namespace: batch}
spec:
  endpointSelector: {matchLabels: {app: report}}
  egress:
    - toFQDNs: [{matchName: api.stripe.com}]
      toPorts: [{ports: [{port: "443", protocol: TCP}]}]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: api}}
  ingress:
    - fromEndpoints: [{matchLabels: {app: web}}]
      toPorts: [{ports: [{port: "8080", protocol: TCP}], rules: {http: [{method: GET, path: "/v1/.*"}]}}]
    - fromEntities: [world]
      icmps: [{fields: [{type: 8}]}]
`

const FILE = '/virtual/policies.yaml'

/** The CLI in-process, reading the one policy file from memory. */
function cli(argv: readonly string[]): { code: number; out: string; err: string } {
  return traceInMemory(FILE, POLICIES, argv)
}

/** The Trace panel's answer, through the worker's evaluator core. */
function panel(query: TraceQuery, settings: Partial<EvaluatorSettings> = {}) {
  const core = new EvaluatorCore()
  core.run({ type: 'setWorkspace', text: POLICIES, settings: { ...DEFAULT_AGENT_SETTINGS, ...settings } as EvaluatorSettings })
  return core.run({ type: 'trace', query })
}

interface Case {
  readonly name: string
  readonly argv: readonly string[]
  readonly query: TraceQuery
  readonly settings?: Partial<EvaluatorSettings>
  /** What both must say, so the comparison is not between two wrong answers. */
  readonly verdict: string
  readonly note?: RegExp
}

const gw = { kind: 'pod', namespace: 'payments', labels: { app: 'pg-gateway' } } as const
const api = { kind: 'pod', namespace: 'shop', labels: { app: 'api' } } as const
const stripe = { kind: 'fqdn', name: 'api.stripe.com' } as const

const CASES: readonly Case[] = [
  { name: 'a DNS name the source\'s DNS rule lets it resolve: toFQDNs matches',
    argv: ['--from', 'payments:app=pg-gateway', '--to', 'fqdn:api.stripe.com', '--port', '443'],
    query: { from: gw, to: stripe, protocol: 'TCP', port: 443 }, verdict: 'allowed', note: /was resolved through Cilium's DNS proxy/ },
  { name: 'a DNS name without any DNS rule: toFQDNs cannot match',
    argv: ['--from', 'batch:app=report', '--to', 'fqdn:api.stripe.com', '--port', '443/TCP'],
    query: { from: { kind: 'pod', namespace: 'batch', labels: { app: 'report' } }, to: stripe, protocol: 'TCP', port: 443 },
    verdict: 'denied', note: /NOT resolved .*toFQDNs rules cannot match/ },
  { name: 'a DNS name the DNS rule does not allow',
    argv: ['--from', 'payments:app=pg-gateway', '--to', 'fqdn:www.example.com', '--port', '443'],
    query: { from: gw, to: { kind: 'fqdn', name: 'www.example.com' }, protocol: 'TCP', port: 443 }, verdict: 'denied', note: /NOT resolved/ },
  { name: 'a DNS name in audit mode',
    argv: ['--from', 'batch:app=report', '--to', 'fqdn:api.stripe.com', '--port', '443', '--audit-mode'],
    query: { from: { kind: 'pod', namespace: 'batch', labels: { app: 'report' } }, to: stripe, protocol: 'TCP', port: 443 },
    settings: { auditMode: true }, verdict: 'audit', note: /NOT resolved/ },
  { name: 'the DNS query itself',
    argv: ['--from', 'payments:app=pg-gateway', '--to', 'kube-system:k8s-app=kube-dns', '--dns', 'api.stripe.com'],
    query: { from: gw, to: { kind: 'pod', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } }, protocol: 'UDP', port: 53, dns: 'api.stripe.com' },
    verdict: 'allowed' },
  { name: 'an HTTP request the L7 rule denies',
    argv: ['--from', 'shop:app=web', '--to', 'shop:app=api', '--port', '8080/TCP', '--http', 'POST /v1/items'],
    query: { from: { kind: 'pod', namespace: 'shop', labels: { app: 'web' } }, to: api, protocol: 'TCP', port: 8080, http: { method: 'POST', path: '/v1/items' } },
    verdict: 'denied' },
  { name: 'any pod of a namespace',
    argv: ['--from', 'shop:', '--to', 'shop:app=api', '--port', '8080'],
    query: { from: { kind: 'pod', namespace: 'shop', labels: {} }, to: api, protocol: 'TCP', port: 8080 }, verdict: 'denied' },
  { name: 'the host entity (allow-localhost, §3.4)',
    argv: ['--from', 'entity:host', '--to', 'shop:app=api', '--port', '8080'],
    query: { from: { kind: 'entity', name: 'host' }, to: api, protocol: 'TCP', port: 8080 }, verdict: 'allowed' },
  { name: 'the world entity',
    argv: ['--from', 'entity:world', '--to', 'shop:app=api', '--port', '8080'],
    query: { from: { kind: 'entity', name: 'world' }, to: api, protocol: 'TCP', port: 8080 }, verdict: 'denied' },
  { name: 'an IP address, ICMP, with enforcement never',
    argv: ['--from', 'ip:203.0.113.9', '--to', 'shop:app=api', '--port', '8/ICMPv4', '--enforcement-mode', 'never'],
    query: { from: { kind: 'ip', ip: '203.0.113.9' }, to: api, protocol: 'ICMPv4', icmpType: 8 }, settings: { enforcementMode: 'never' },
    verdict: 'allowed' },
  { name: 'an IP address, ICMP',
    argv: ['--from', 'ip:203.0.113.9', '--to', 'shop:app=api', '--port', '8/ICMPv4'],
    query: { from: { kind: 'ip', ip: '203.0.113.9' }, to: api, protocol: 'ICMPv4', icmpType: 8 }, verdict: 'allowed' },
]

describe('membrane trace answers what the Trace panel answers', () => {
  for (const c of CASES) {
    it(`${c.name}: ${c.verdict}`, () => {
      const answer = panel(c.query, c.settings)
      expect(answer.result.verdict).toBe(c.verdict)
      if (c.note) expect(answer.notes.join('\n')).toMatch(c.note)
      else expect(answer.notes).toEqual([])

      const text = cli(c.argv)
      expect(text.code).toBe(0)
      const lines = text.out.trimEnd().split('\n')
      // A four-line header names the peers as typed; the rest is the panel's lines, verbatim.
      expect(lines[0]).toMatch(/^Tracing From: /)
      expect(lines[3]).toBe('')
      expect(lines.slice(4)).toEqual(answer.lines)

      const json = cli([...c.argv, '--json'])
      expect(json.code).toBe(0)
      const { from: _from, to: _to, port: _port, http: _http, dns: _dns, ...rest } = JSON.parse(json.out) as Record<string, unknown>
      const expected: Record<string, unknown> = { ...resultJson(answer.result), ...(answer.notes.length > 0 && { notes: answer.notes }) }
      expect(rest).toEqual(JSON.parse(JSON.stringify(expected)))
    })
  }

  it('reads fqdn: peers strictly: a pattern is not a name', () => {
    const r = cli(['--from', 'payments:app=pg-gateway', '--to', 'fqdn:*.stripe.com', '--port', '443'])
    expect(r.code).toBe(2)
    expect(r.err).toContain("not a DNS name: '*.stripe.com'")
  })

  it('documents the fqdn: peer in its help', () => {
    const r = run(['trace', '--help'], { cwd: '/', stdout: (t) => void expect(t).toMatch(/fqdn:<name> \(a DNS name/), stderr: () => undefined,
      readFile: () => '', readStdin: () => '', writeFile: () => undefined, kind: () => undefined, list: () => [] })
    expect(r).toBe(0)
  })
})
