/**
 * The replay's columnar path against its per-request reference, on flows built here (the CLI's
 * flow-evaluator.test.ts runs the same comparison over the real captures and CLI settings).
 */
import { describe, expect, it } from 'vitest'
import { compilePolicySet, createSession } from '../engine/index.ts'
import type { EvalResult } from '../engine/index.ts'
import type { Flow } from '../flows/index.ts'
import { ingestFlows, timeOrderOf, toColumns } from '../flows/index.ts'
import { parsePolicies } from '../policy/parse.ts'
import { FlowAdapter, FlowEvaluator, flowVerdicts } from './index.ts'

const POLICY = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: app, namespace: ns0}
spec:
  endpointSelector: {matchLabels: {app: app1}}
  egress:
    - toEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system, k8s-app: kube-dns}}]
      toPorts: [{ports: [{port: "53", protocol: ANY}], rules: {dns: [{matchPattern: "*"}]}}]
    - toFQDNs: [{matchName: api.example.com}]
      toPorts: [{ports: [{port: "443", protocol: TCP}]}]
    - toEndpoints: [{matchLabels: {app: web}}]
      toPorts: [{ports: [{port: "80", protocol: TCP}], rules: {http: [{method: GET}]}}]
`
const set = () => {
  const parsed = parsePolicies(POLICY)
  return compilePolicySet(parsed.policies, parsed.cidrGroups)
}
const pod = { identity: 10002, namespace: 'ns0', pod_name: 'app1-0', labels: ['k8s:app=app1', 'k8s:io.kubernetes.pod.namespace=ns0'] }
const web = { identity: 10003, namespace: 'ns0', pod_name: 'web-0', labels: ['k8s:app=web', 'k8s:io.kubernetes.pod.namespace=ns0'] }
const dnsPod = { identity: 102, namespace: 'kube-system', pod_name: 'coredns-0', labels: ['k8s:k8s-app=kube-dns', 'k8s:io.kubernetes.pod.namespace=kube-system'] }
const world = { identity: 2, labels: ['reserved:world'] }
const line = (sec: number, flow: Record<string, unknown>): string => JSON.stringify({ flow: { time: `2025-03-04T09:00:0${sec}.000000000Z`,
  verdict: 'FORWARDED', IP: { source: '10.0.0.2', destination: '198.51.100.7', ipVersion: 'IPv4' }, source: pod, destination: world, ...flow } })

const FLOWS = ingestFlows([
  line(5, { l4: { TCP: { source_port: 40000, destination_port: 443 } } }), // after the answer: toFQDNs matches
  line(1, { l4: { TCP: { source_port: 40001, destination_port: 443 } } }), // before it: denied
  line(2, { Type: 'L7', l4: { UDP: { source_port: 53, destination_port: 45000 } }, source: dnsPod, destination: pod, is_reply: true,
    l7: { type: 'RESPONSE', dns: { query: 'api.example.com.', ips: ['198.51.100.7'], rrtypes: ['A'] } } }),
  line(3, { l4: { TCP: { source_port: 443, destination_port: 40002 } }, source: world, destination: pod }), // a reply by its ports
  line(4, { l4: { TCP: { source_port: 40003, destination_port: 70000 } } }), // a port the columns cannot hold
  line(6, { Type: 'L7', l4: { TCP: { source_port: 40004, destination_port: 80 } }, destination: web, is_reply: false,
    l7: { type: 'REQUEST', http: { method: 'POST', url: 'http://web/x' } } }),
  line(7, { Type: 'L7', l4: { TCP: { source_port: 40005, destination_port: 80 } }, destination: web, is_reply: false,
    l7: { type: 'REQUEST', http: { method: 'GET', url: 'http://web/x' } } }),
  line(8, { verdict: 'DROPPED', l4: { TCP: { source_port: 40006, destination_port: 22 } } }),
].join('\n')).flows

function perRequest(flows: readonly Flow[]): EvalResult[] {
  const session = createSession(set())
  const adapter = new FlowAdapter()
  const out = new Array<EvalResult>(flows.length)
  for (const i of timeOrderOf(flows)) out[i] = session.evaluate(adapter.request(flows[i]))
  return out
}

describe('FlowEvaluator.evaluateColumns', () => {
  const evaluator = new FlowEvaluator(createSession(set()), new FlowAdapter())
  const results = evaluator.evaluateColumns(toColumns(FLOWS))

  it('gives the per-request verdicts and reasons', () => {
    expect(FLOWS).toHaveLength(8)
    expect(results).toEqual(perRequest(FLOWS))
  })

  it('learns the DNS answer in time order: the same connection is denied before it, allowed after', () => {
    expect(results.map((r) => r.verdict)).toEqual(['allowed', 'denied', 'allowed', 'allowed', 'denied', 'denied', 'allowed', 'denied'])
    expect(evaluator.session.fqdn.version).toBeGreaterThan(0)
  })

  it('gives a reply by its ports the one reply result, unchecked (§3.6)', () => {
    expect(results[3]).toBe(evaluator.session.reply)
  })

  it('decides L7 per request: the HTTP rule allows GET, not POST', () => {
    expect(results[5].l7).toMatchObject({ protocol: 'http', verdict: 'denied' })
    expect(results[6].l7).toMatchObject({ protocol: 'http', verdict: 'allowed' })
  })
})

describe('flowVerdicts', () => {
  it('counts the verdicts and keeps what the cluster recorded', () => {
    const results = new FlowEvaluator(createSession(set()), new FlowAdapter()).evaluateColumns(toColumns(FLOWS))
    const v = flowVerdicts(FLOWS, results)
    expect(v.summary).toEqual({ allowed: 4, denied: 4, audit: 0 })
    expect(v.flows[1]).toEqual({ index: 1, verdict: 'denied', recorded: 'FORWARDED' })
    expect(v.flows[7]).toEqual({ index: 7, verdict: 'denied', recorded: 'DROPPED' })
  })
})
