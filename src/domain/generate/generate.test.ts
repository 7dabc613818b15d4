import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { compilePolicySet, createSession } from '../engine/index.ts'
import type { Flow } from '../flows/index.ts'
import { ingestFlows, isReply, toColumns } from '../flows/index.ts'
import { parsePolicies } from '../policy/index.ts'
import { FlowAdapter, FlowEvaluator } from '../replay/index.ts'
import { generatePolicies, stableLabels } from './index.ts'

const DIR = new URL('../../../fixtures/hubble/', import.meta.url)
const CAPTURES = readdirSync(DIR).filter((f) => f.endsWith('.jsonl'))

/** The draft's verdict for every flow, evaluated exactly as `membrane check` does. */
function verdicts(yaml: string, flows: readonly Flow[]): string[] {
  const parsed = parsePolicies(yaml)
  expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  const set = compilePolicySet(parsed.policies, parsed.cidrGroups)
  return new FlowEvaluator(createSession(set), new FlowAdapter()).evaluateColumns(toColumns(flows)).map((r) => r.verdict)
}

const forwardedRequests = (flows: readonly Flow[]): number[] =>
  flows.flatMap((f, i) => ((f.verdict === 'FORWARDED' || f.verdict === 'REDIRECTED') && !isReply(f) ? [i] : []))

describe('generatePolicies: self-consistency on every capture', () => {
  it('has captures to test', () => expect(CAPTURES.length).toBeGreaterThanOrEqual(6))
  for (const file of CAPTURES) {
    it(`${file}: the draft denies none of the forwarded non-reply flows`, () => {
      const flows = ingestFlows(readFileSync(new URL(file, DIR), 'utf8')).flows
      const r = generatePolicies(flows)
      expect(r.uncovered).toEqual([])
      const v = verdicts(r.yaml, flows)
      const denied = forwardedRequests(flows).filter((i) => v[i] !== 'allowed')
      expect(denied).toEqual([])
      // Every drafted flow is listed by some rule, and only observed flows are.
      const listed = new Set(r.policies.flatMap((p) => [...p.ingress, ...p.egress].flatMap((x) => x.flows)))
      for (const i of forwardedRequests(flows)) {
        const f = flows[i]
        if (f.source.isEndpoint && f.source.namespace !== undefined || f.destination.isEndpoint && f.destination.namespace !== undefined) {
          expect(listed.has(f.index)).toBe(true)
        }
      }
    })
  }

  it('a namespace-scoped draft only writes policies in that namespace and still keeps its traffic flowing', () => {
    const flows = ingestFlows(readFileSync(new URL('kind-bookinfo-2021_tcp-l3l4-http-policyverdict_400.jsonl', DIR), 'utf8')).flows
    const all = generatePolicies(flows)
    const ns = all.policies[0].namespace
    const r = generatePolicies(flows, { namespace: ns })
    expect(r.policies.length).toBeGreaterThan(0)
    expect(r.policies.every((p) => p.namespace === ns)).toBe(true)
    expect(r.yaml).toContain(`namespace ${ns}`)
    const v = verdicts(r.yaml, flows)
    expect(forwardedRequests(flows).filter((i) => v[i] !== 'allowed')).toEqual([])
  })
})

const ep = (ns: string, app: string, extra: string[] = []): object => ({
  identity: 1000 + app.length, namespace: ns, pod_name: `${app}-7c9d8f6b5d-x2kqp`,
  labels: [`k8s:app=${app}`, `k8s:io.kubernetes.pod.namespace=${ns}`, 'k8s:io.cilium.k8s.policy.cluster=default', ...extra],
})
const DNS = { identity: 102, namespace: 'kube-system', pod_name: 'coredns-1', labels: ['k8s:k8s-app=kube-dns', 'k8s:io.kubernetes.pod.namespace=kube-system'] }
let t = 0
const flow = (f: Record<string, unknown>): string => {
  t++
  return `${JSON.stringify({ flow: { time: `2025-03-04T09:15:${String(10 + t).padStart(2, '0')}.000000001Z`, verdict: 'FORWARDED', Type: 'L3_L4',
    event_type: { type: 4 }, is_reply: false, ...f } })}\n`
}
const tcp = (from: object, to: object, port: number, ips = ['10.0.0.1', '10.0.0.2'], extra: Record<string, unknown> = {}): string =>
  flow({ source: from, destination: to, IP: { source: ips[0], destination: ips[1] }, l4: { TCP: { source_port: 40000 + port, destination_port: port } }, ...extra })

describe('generatePolicies: what it drafts', () => {
  const frontend = ep('shop', 'frontend', ['k8s:pod-template-hash=7c9d8f6b5d'])
  const cart = ep('shop', 'cart')
  const db = ep('db', 'postgres')
  const world = { identity: 2, labels: ['reserved:world'] }
  const text = [
    tcp(frontend, cart, 8080), tcp(frontend, cart, 8443), tcp(frontend, db, 5432),
    tcp({ identity: 1, labels: ['reserved:host'] }, cart, 8080, ['10.0.0.9', '10.0.0.2']),
    tcp(cart, { identity: 7, labels: ['reserved:kube-apiserver'] }, 443, ['10.0.0.2', '172.18.0.2']),
    // DNS: the lookup and its answer (a reply), then the connection to the answered IP.
    flow({ source: cart, destination: DNS, IP: { source: '10.0.0.2', destination: '10.0.0.53' }, l4: { UDP: { source_port: 5353, destination_port: 53 } } }),
    flow({ source: DNS, destination: cart, IP: { source: '10.0.0.53', destination: '10.0.0.2' }, l4: { UDP: { source_port: 53, destination_port: 5353 } },
      Type: 'L7', event_type: { type: 129 }, is_reply: true, l7: { type: 'RESPONSE', dns: { query: 'api.stripe.com.', ips: ['52.1.2.3'], ttl: 3600, rrtypes: ['A'] } } }),
    tcp(cart, world, 443, ['10.0.0.2', '52.1.2.3']),
    tcp(cart, world, 443, ['10.0.0.2', '8.8.4.4']),
    // A reply and a dropped flow: never drafted.
    tcp(cart, frontend, 40000, ['10.0.0.2', '10.0.0.1'], { is_reply: true }),
    tcp(frontend, cart, 9999, ['10.0.0.1', '10.0.0.2'], { verdict: 'DROPPED', drop_reason_desc: 'POLICY_DENIED' }),
  ].join('')
  const flows = ingestFlows(text).flows
  const r = generatePolicies(flows)
  const byName = new Map(r.policies.map((p) => [p.name, p]))

  it('drafts one policy per workload, selected by the stable app label', () => {
    expect([...byName.keys()].sort()).toEqual(['cart-observed', 'frontend-observed', 'kube-dns-observed', 'postgres-observed'])
    expect(byName.get('frontend-observed')?.selector).toEqual({ app: 'frontend' })
    expect(r.yaml).not.toContain('pod-template-hash')
  })

  it('merges ports to one peer into one rule and lists the flows each rule covers', () => {
    const ingress = byName.get('cart-observed')?.ingress ?? []
    const fromFrontend = ingress.find((x) => x.peers.some((p) => p.kind === 'endpoints'))
    expect(fromFrontend?.ports).toEqual([{ kind: 'port', port: 8080, protocol: 'TCP' }, { kind: 'port', port: 8443, protocol: 'TCP' }])
    expect(fromFrontend?.flows).toEqual([0, 1])
    expect(r.yaml).toMatch(/# covers 2 observed flow\(s\): #0, #1/)
  })

  it('uses entities for host and kube-apiserver, toFQDNs for named world traffic (with the DNS rule), toCIDR otherwise', () => {
    const cart = byName.get('cart-observed')
    expect(cart?.ingress.some((x) => x.peers.some((p) => p.kind === 'entity' && p.entity === 'host'))).toBe(true)
    const egress = cart?.egress ?? []
    expect(egress.some((x) => x.peers.some((p) => p.kind === 'entity' && p.entity === 'kube-apiserver'))).toBe(true)
    expect(egress.some((x) => x.peers.some((p) => p.kind === 'fqdn' && p.name === 'api.stripe.com'))).toBe(true)
    expect(egress.some((x) => x.peers.some((p) => p.kind === 'cidr' && p.cidr === '8.8.4.4/32'))).toBe(true)
    const dns = egress.find((x) => x.dnsProxy)
    expect(dns?.ports).toEqual([{ kind: 'port', port: 53, protocol: 'ANY' }])
    expect(dns?.flows).toEqual([5])
    expect(r.yaml).toContain('matchPattern: "*"')
    expect(r.yaml).toContain('matchName: api.stripe.com')
  })

  it('cross-namespace peers carry the namespace label; the header says what a capture cannot show', () => {
    expect(r.yaml).toContain('k8s:io.kubernetes.pod.namespace: db')
    expect(r.yaml.startsWith('# Draft allow policies generated by membrane from 8 observed non-reply flow(s)')).toBe(true)
    expect(r.yaml).toContain('Traffic absent from the capture')
  })

  it('never drafts replies or dropped flows, and the draft keeps every forwarded request allowed', () => {
    const listed = new Set(r.policies.flatMap((p) => [...p.ingress, ...p.egress].flatMap((x) => x.flows)))
    expect(listed.has(9)).toBe(false)
    expect(listed.has(10)).toBe(false)
    const v = verdicts(r.yaml, flows)
    expect(forwardedRequests(flows).filter((i) => v[i] !== 'allowed')).toEqual([])
    expect(v[10]).toBe('denied')
  })

  it('falls back to toCIDR when the name is only known after the flow', () => {
    const late = ingestFlows([
      tcp(cart, world, 443, ['10.0.0.2', '52.9.9.9']),
      flow({ source: DNS, destination: cart, IP: { source: '10.0.0.53', destination: '10.0.0.2' }, l4: { UDP: { source_port: 53, destination_port: 5353 } },
        Type: 'L7', event_type: { type: 129 }, is_reply: true, l7: { type: 'RESPONSE', dns: { query: 'late.example.com.', ips: ['52.9.9.9'], ttl: 30 } } }),
    ].join('')).flows
    const g = generatePolicies(late)
    expect(g.cidrFallbacks).toEqual(['52.9.9.9'])
    expect(g.yaml).toContain('52.9.9.9/32')
    expect(g.yaml).not.toContain('toFQDNs')
    expect(g.uncovered).toEqual([])
  })

  it('reports flows it cannot express instead of hiding them', () => {
    const masked = ingestFlows(tcp({}, { namespace: 'shop', pod_name: 'x' }, 80)).flows
    const g = generatePolicies(masked)
    expect(g.policies).toEqual([])
    expect(g.uncovered).toHaveLength(1)
    expect(g.uncovered[0].reason).toMatch(/no stable labels/)
  })

  it('stable labels prefer app.kubernetes.io/name, then app, then k8s-app, else all stable k8s labels', () => {
    const e = ingestFlows(tcp(ep('a', 'x', ['k8s:app.kubernetes.io/name=nice']), cart, 1)).flows[0].source
    expect(stableLabels(e)).toEqual({ 'app.kubernetes.io/name': 'nice' })
    const plain = ingestFlows(tcp({ identity: 9, namespace: 'a', labels: ['k8s:tier=web', 'k8s:controller-revision-hash=abc', 'k8s:io.kubernetes.pod.namespace=a'] }, cart, 1)).flows[0].source
    expect(stableLabels(plain)).toEqual({ tier: 'web' })
  })
})
