/**
 * toFQDNs and DNS TTLs (§5.6, seed pitfall 2): answers expire by their TTL raised to
 * tofqdns-min-ttl, connections keep an expired IP for the idle-connection grace period, a name
 * keeps at most tofqdns-endpoint-max-ip-per-hostname IPs per endpoint (the soonest-expiring fall
 * out), and a connection to an expired IP is denied naming the answer that expired.
 */
import { describe, expect, it } from 'vitest'
import { ingestFlows, toColumns } from '../flows/index.ts'
import { FlowAdapter } from '../replay/flow-adapter.ts'
import { FlowEvaluator } from '../replay/flow-evaluator.ts'
import type { EvalRequest, Settings } from './api.ts'
import { EvaluationSession } from './session.ts'
import { cnp, compileYaml, ep } from './test-harness.ts'

const yaml = cnp('shop', 'github', `
  endpointSelector: {matchLabels: {app: ci}}
  egress:
    - toEndpoints: [{matchLabels: {k8s-app: kube-dns, io.kubernetes.pod.namespace: kube-system}}]
      toPorts:
        - ports: [{port: "53", protocol: ANY}]
          rules:
            dns: [{matchPattern: "*.github.com"}]
    - toFQDNs: [{matchName: api.github.com}, {matchPattern: "*.github.com"}]
      toPorts: [{ports: [{port: "443", protocol: TCP}]}]
`)

/** 10:40:37 UTC: a 30 s answer then expires at 10:41:07. */
const T0 = Date.UTC(2024, 4, 1, 10, 40, 37)
const at = (s: number): number => T0 + s * 1000

const answer = (s: number, name: string, ips: string[], ttl: number, from = 'shop/app=ci'): EvalRequest => ({
  source: ep(from),
  destination: ep('kube-system/k8s-app=kube-dns'),
  protocol: 'UDP',
  port: 53,
  l7: { dns: { query: name } },
  dnsResponse: { query: name, ips, ttl },
  time: at(s),
})
const connect = (s: number, ip: string, from = 'shop/app=ci'): EvalRequest => ({ source: ep(from), destination: ep(ip), protocol: 'TCP', port: 443, time: at(s) })
const session = (settings: Partial<Settings> = {}): EvaluationSession => new EvaluationSession(compileYaml(yaml, settings))

describe('§5.6 DNS answer TTLs', () => {
  it('§5.6 within the TTL the learned IP is allowed', () => {
    const s = session()
    s.evaluate(answer(0, 'api.github.com', ['140.82.112.6'], 30))
    expect(s.evaluate(connect(29, '140.82.112.6')).verdict).toBe('allowed')
  })

  it('§5.6 after the TTL the IP is denied, naming the answer that expired', () => {
    const s = session()
    s.evaluate(answer(0, 'api.github.com', ['140.82.112.6'], 30))
    const r = s.evaluate(connect(31, '140.82.112.6'))
    expect(r.verdict).toBe('denied')
    expect(r.egress.reasons[0]).toMatchObject({
      effect: 'default-deny',
      policy: 'shop/github',
      path: 'spec.egress[1]',
      detail: 'DNS answer for api.github.com expired at 10:41:07 (TTL 30 s)',
      dnsExpiry: { name: 'api.github.com.', at: at(30), ttl: 30, cause: 'ttl' },
    })
    expect(r.egress.reasons[1]).toMatchObject({ effect: 'default-deny', path: 'spec' })
  })

  it('§5.6 a fresh answer for the same IP brings it back', () => {
    const s = session()
    s.evaluate(answer(0, 'api.github.com', ['140.82.112.6'], 30))
    expect(s.evaluate(connect(40, '140.82.112.6')).verdict).toBe('denied')
    s.evaluate(answer(41, 'api.github.com', ['140.82.112.6'], 30))
    expect(s.evaluate(connect(42, '140.82.112.6')).verdict).toBe('allowed')
  })

  it('§5.6 re-answering before expiry extends the entry', () => {
    const s = session()
    s.evaluate(answer(0, 'api.github.com', ['140.82.112.6'], 30))
    s.evaluate(answer(25, 'api.github.com', ['140.82.112.6'], 30))
    expect(s.evaluate(connect(50, '140.82.112.6')).verdict).toBe('allowed')
    expect(s.evaluate(connect(56, '140.82.112.6')).verdict).toBe('denied')
  })

  it('§5.6 another live name for the IP keeps it allowed', () => {
    const s = session()
    s.evaluate(answer(0, 'api.github.com', ['140.82.112.6'], 30))
    s.evaluate(answer(1, 'codeload.github.com', ['140.82.112.6'], 300))
    const r = s.evaluate(connect(60, '140.82.112.6'))
    expect(r.verdict).toBe('allowed')
  })

  it('§5.6 the cache is node-wide: another endpoint still holding the IP keeps it usable', () => {
    const s = session()
    s.evaluate(answer(0, 'api.github.com', ['140.82.112.6'], 30))
    s.evaluate(answer(20, 'api.github.com', ['140.82.112.6'], 30, 'shop/app=ci,shard=2'))
    expect(s.evaluate(connect(40, '140.82.112.6')).verdict).toBe('allowed')
    expect(s.evaluate(connect(51, '140.82.112.6')).verdict).toBe('denied')
  })

  it('§5.6 without flow times nothing expires', () => {
    const s = session()
    s.evaluate({ ...answer(0, 'api.github.com', ['140.82.112.6'], 1), time: undefined })
    expect(s.evaluate({ ...connect(0, '140.82.112.6'), time: undefined }).verdict).toBe('allowed')
  })
})

describe('§5.6 tofqdns-min-ttl', () => {
  it('§5.6 a shorter TTL is raised to the minimum', () => {
    const s = session({ tofqdnsMinTtl: 300 })
    s.evaluate(answer(0, 'api.github.com', ['140.82.112.6'], 30))
    expect(s.evaluate(connect(299, '140.82.112.6')).verdict).toBe('allowed')
    const r = s.evaluate(connect(301, '140.82.112.6'))
    expect(r.verdict).toBe('denied')
    expect(r.egress.reasons[0].detail).toBe('DNS answer for api.github.com expired at 10:45:37 (TTL 300 s)')
  })
  it('§5.6 a longer TTL is kept', () => {
    const s = session({ tofqdnsMinTtl: 10 })
    s.evaluate(answer(0, 'api.github.com', ['140.82.112.6'], 30))
    expect(s.evaluate(connect(20, '140.82.112.6')).verdict).toBe('allowed')
    expect(s.evaluate(connect(31, '140.82.112.6')).verdict).toBe('denied')
  })
})

describe('§5.6 tofqdns-idle-connection-grace-period', () => {
  it('§5.6 an active connection keeps the expired IP for the grace period after its last use', () => {
    const s = session({ tofqdnsIdleConnectionGracePeriod: 60 })
    s.evaluate(answer(0, 'api.github.com', ['140.82.112.6'], 30))
    expect(s.evaluate(connect(20, '140.82.112.6')).verdict).toBe('allowed')
    expect(s.evaluate(connect(70, '140.82.112.6')).verdict).toBe('allowed') // expired at 30, last use 20 + 60
    const r = s.evaluate(connect(140, '140.82.112.6')) // last use 70 + 60 = 130
    expect(r.verdict).toBe('denied')
    expect(r.egress.reasons[0].detail).toBe('DNS answer for api.github.com expired at 10:41:07 (TTL 30 s); the idle-connection grace period ended at 10:42:47')
  })
  it('§5.6 with no grace period (the default) the same connection is denied after expiry', () => {
    const s = session()
    s.evaluate(answer(0, 'api.github.com', ['140.82.112.6'], 30))
    expect(s.evaluate(connect(20, '140.82.112.6')).verdict).toBe('allowed')
    expect(s.evaluate(connect(70, '140.82.112.6')).verdict).toBe('denied')
  })
  it('§5.6 the grace period needs an earlier connection', () => {
    const s = session({ tofqdnsIdleConnectionGracePeriod: 60 })
    s.evaluate(answer(0, 'api.github.com', ['140.82.112.6'], 30))
    expect(s.evaluate(connect(40, '140.82.112.6')).verdict).toBe('denied')
  })
  it('§5.6 the batch path counts connections too', () => {
    const s = session({ tofqdnsIdleConnectionGracePeriod: 60 })
    s.evaluate(answer(0, 'api.github.com', ['140.82.112.6'], 30))
    const src = s.handle(ep('shop/app=ci'))
    const dst = s.handle(ep('140.82.112.6'))
    s.at(at(20))
    expect(s.evaluateL4(src, dst, 'TCP', 443).result.verdict).toBe('allowed')
    s.at(at(70))
    expect(s.evaluateL4(src, dst, 'TCP', 443).result.verdict).toBe('allowed')
    s.at(at(200))
    expect(s.evaluateL4(src, dst, 'TCP', 443).result.verdict).toBe('denied')
  })
})

describe('§5.6 tofqdns-endpoint-max-ip-per-hostname', () => {
  it('§5.6 past the cap the soonest-expiring IPs fall out', () => {
    const s = session({ tofqdnsMaxIpsPerHostname: 2 })
    s.evaluate(answer(0, 'api.github.com', ['140.82.112.1'], 30))
    s.evaluate(answer(1, 'api.github.com', ['140.82.112.2', '140.82.112.3'], 300))
    const r = s.evaluate(connect(2, '140.82.112.1'))
    expect(r.verdict).toBe('denied')
    expect(r.egress.reasons[0].detail).toMatch(/^DNS answer for api\.github\.com fell out at 10:40:38: more than 2 addresses for that name/)
    expect(s.evaluate(connect(2, '140.82.112.2')).verdict).toBe('allowed')
    expect(s.evaluate(connect(2, '140.82.112.3')).verdict).toBe('allowed')
  })
  it('§5.6 among equal expiries the older answer falls out first', () => {
    const s = session({ tofqdnsMaxIpsPerHostname: 1 })
    s.evaluate({ ...answer(0, 'api.github.com', ['140.82.112.1', '140.82.112.2'], 30), time: undefined })
    expect(s.evaluate(connect(0, '140.82.112.1')).verdict).toBe('denied')
    expect(s.evaluate(connect(0, '140.82.112.2')).verdict).toBe('allowed')
  })
  it('§5.6 the cap is per endpoint: another endpoint’s IPs do not push them out', () => {
    const s = session({ tofqdnsMaxIpsPerHostname: 1 })
    s.evaluate(answer(0, 'api.github.com', ['140.82.112.1'], 300))
    s.evaluate(answer(1, 'api.github.com', ['140.82.112.2'], 300, 'shop/app=ci,shard=2'))
    expect(s.evaluate(connect(2, '140.82.112.1')).verdict).toBe('allowed')
    expect(s.evaluate(connect(2, '140.82.112.2')).verdict).toBe('allowed')
  })
})

describe('§5.6 expiry on recorded flows (batch path)', () => {
  const ci = { identity: 10001, namespace: 'shop', pod_name: 'ci-0', labels: ['k8s:app=ci', 'k8s:io.kubernetes.pod.namespace=shop'] }
  const dns = { identity: 10002, namespace: 'kube-system', pod_name: 'coredns-0', labels: ['k8s:k8s-app=kube-dns', 'k8s:io.kubernetes.pod.namespace=kube-system'] }
  const world = { identity: 2, labels: ['reserved:world'] }
  const time = (s: number): string => new Date(at(s)).toISOString()
  const line = (s: number, flow: Record<string, unknown>): string => JSON.stringify({ flow: { time: time(s), verdict: 'FORWARDED', ...flow } })
  const text = [
    line(0, { Type: 'L7', source: dns, destination: ci, is_reply: true, IP: { source: '10.0.1.5', destination: '10.0.2.7', ipVersion: 'IPv4' },
      l4: { UDP: { source_port: 53, destination_port: 41000 } }, l7: { type: 'RESPONSE', dns: { query: 'api.github.com.', ips: ['140.82.112.6'], ttl: 30 } } }),
    line(10, { source: ci, destination: world, is_reply: false, IP: { source: '10.0.2.7', destination: '140.82.112.6', ipVersion: 'IPv4' }, l4: { TCP: { source_port: 42000, destination_port: 443 } } }),
    line(45, { source: ci, destination: world, is_reply: false, IP: { source: '10.0.2.7', destination: '140.82.112.6', ipVersion: 'IPv4' }, l4: { TCP: { source_port: 42002, destination_port: 443 } } }),
  ].join('\n')
  const flows = ingestFlows(text).flows

  it('§5.6 the columnar loop and the per-request path agree, and the late connection is denied', () => {
    const columns = new FlowEvaluator(new EvaluationSession(compileYaml(yaml)), new FlowAdapter()).evaluateColumns(toColumns(flows))
    const adapter = new FlowAdapter()
    const s = new EvaluationSession(compileYaml(yaml))
    const perRequest = flows.map((f) => s.evaluate(adapter.request(f)))
    expect(columns.map((r) => r.verdict)).toEqual(['allowed', 'allowed', 'denied'])
    expect(columns).toEqual(perRequest)
    expect(columns[2].egress.reasons[0].detail).toBe('DNS answer for api.github.com expired at 10:41:07 (TTL 30 s)')
  })

  it('§5.6 a longer tofqdns-min-ttl keeps the late connection allowed', () => {
    const r = new FlowEvaluator(new EvaluationSession(compileYaml(yaml, { tofqdnsMinTtl: 3600 })), new FlowAdapter()).evaluateColumns(toColumns(flows))
    expect(r.map((x) => x.verdict)).toEqual(['allowed', 'allowed', 'allowed'])
  })
})
