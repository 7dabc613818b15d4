/** toFQDNs learning through an EvaluationSession (§5.6), incl. the #1 pitfall: no DNS rule. */
import { describe, expect, it } from 'vitest'
import type { EvalRequest } from './api.ts'
import { cnp, ep, sessionFor } from './test-harness.ts'

const dnsServer = 'kube-system/k8s-app=kube-dns'

const withDnsRule = cnp('shop', 'github', `
  endpointSelector: {matchLabels: {app: ci}}
  egress:
    - toEndpoints: [{matchLabels: {k8s-app: kube-dns, io.kubernetes.pod.namespace: kube-system}}]
      toPorts:
        - ports: [{port: "53", protocol: ANY}]
          rules:
            dns: [{matchPattern: "*.github.com"}, {matchName: github.com}, {matchPattern: "*.githubusercontent.com"}]
    - toFQDNs: [{matchName: api.github.com}, {matchPattern: "*.githubusercontent.com"}]
      toPorts: [{ports: [{port: "443", protocol: TCP}]}]
`)

const withoutDnsRule = cnp('shop', 'github', `
  endpointSelector: {matchLabels: {app: ci}}
  egress:
    - toEndpoints: [{matchLabels: {k8s-app: kube-dns, io.kubernetes.pod.namespace: kube-system}}]
      toPorts: [{ports: [{port: "53", protocol: ANY}]}]
    - toFQDNs: [{matchName: api.github.com}]
      toPorts: [{ports: [{port: "443", protocol: TCP}]}]
`)

const query = (name: string, ips: string[]): EvalRequest => ({
  source: ep('shop/app=ci'),
  destination: ep(dnsServer),
  protocol: 'UDP',
  port: 53,
  l7: { dns: { query: name } },
  dnsResponse: { query: name, ips },
})
const connect = (ip: string, port = 443, from = 'shop/app=ci'): EvalRequest => ({
  source: ep(from),
  destination: ep(ip),
  protocol: 'TCP',
  port,
})

describe('§5.6 toFQDNs', () => {
  it('§5.6 before any DNS answer, toFQDNs matches nothing', () => {
    const s = sessionFor(withDnsRule)
    const r = s.evaluate(connect('140.82.112.6'))
    expect(r.verdict).toBe('denied')
    expect(r.egress.reasons[0]).toMatchObject({ effect: 'default-deny', policy: 'shop/github', path: 'spec' })
  })

  it('§5.6 with a DNS rule, a proxied answer teaches the IP and toFQDNs then allows', () => {
    const s = sessionFor(withDnsRule)
    const q = s.evaluate(query('api.github.com', ['140.82.112.6']))
    expect(q.verdict).toBe('allowed')
    expect(q.l7).toMatchObject({ protocol: 'dns', verdict: 'allowed' })
    expect(s.fqdn.names.get('api.github.com.')?.has('140.82.112.6/32')).toBe(true)
    const r = s.evaluate(connect('140.82.112.6'))
    expect(r.verdict).toBe('allowed')
    expect(r.egress.reasons[0]).toMatchObject({ effect: 'allow', policy: 'shop/github', path: 'spec.egress[1]' })
  })

  it('§5.6 the learned IP only opens the toFQDNs ports', () => {
    const s = sessionFor(withDnsRule)
    s.evaluate(query('api.github.com', ['140.82.112.6']))
    const r = s.evaluate(connect('140.82.112.6', 22))
    expect(r.verdict).toBe('denied')
    expect(r.egress.reasons[0]).toMatchObject({ effect: 'default-deny', policy: 'shop/github' })
  })

  it('§5.6 #1 pitfall: without a DNS rule, toFQDNs never matches even after DNS works', () => {
    const s = sessionFor(withoutDnsRule)
    const q = s.evaluate(query('api.github.com', ['140.82.112.6']))
    expect(q.verdict).toBe('allowed') // DNS itself works …
    expect(q.l7).toBeUndefined()
    const r = s.evaluate(connect('140.82.112.6'))
    expect(r.verdict).toBe('denied') // … but the connection is refused
    expect(r.egress.reasons[0]).toMatchObject({ effect: 'default-deny', policy: 'shop/github', path: 'spec' })
  })

  it('§5.6 a query refused by the DNS rules teaches nothing', () => {
    const s = sessionFor(withDnsRule)
    const q = s.evaluate(query('evil.com', ['6.6.6.6']))
    expect(q.verdict).toBe('denied')
    expect(q.l7).toMatchObject({ verdict: 'denied' })
    expect(s.fqdn.names.size).toBe(0)
  })

  it('§5.6 a name allowed by DNS but not selected by toFQDNs does not open its IP', () => {
    const s = sessionFor(withDnsRule)
    s.evaluate(query('www.github.com', ['140.82.112.3']))
    expect(s.fqdn.names.size).toBe(1)
    expect(s.evaluate(connect('140.82.112.3')).verdict).toBe('denied')
  })

  it('§5.6 learned IPs are node-wide: usable by another endpoint’s toFQDNs', () => {
    const yaml =
      withDnsRule +
      cnp('shop', 'other', `
        endpointSelector: {matchLabels: {app: other}}
        egress:
          - toFQDNs: [{matchName: api.github.com}]
      `)
    const s = sessionFor(yaml)
    s.evaluate(query('api.github.com', ['140.82.112.6']))
    const r = s.evaluate(connect('140.82.112.6', 443, 'shop/app=other'))
    expect(r.verdict).toBe('allowed')
    expect(r.egress.reasons[0]).toMatchObject({ policy: 'shop/other', path: 'spec.egress[0]' })
  })

  it('§5.6 a DNS response flow (isReply, server → client) is learned too', () => {
    const s = sessionFor(withDnsRule)
    const reply: EvalRequest = {
      source: ep(dnsServer),
      destination: ep('shop/app=ci'),
      protocol: 'UDP',
      port: 40000,
      isReply: true,
      dnsResponse: { query: 'x.githubusercontent.com', ips: ['185.199.108.133'] },
    }
    expect(s.evaluate(reply).egress.reasons[0].effect).toBe('reply')
    expect(s.evaluate(connect('185.199.108.133')).verdict).toBe('allowed')
  })

  it('§5.6 learnDns without a server checks the client’s DNS rules', () => {
    const s = sessionFor(withDnsRule)
    expect(s.learnDns(ep('shop/app=ci'), 'api.github.com', ['140.82.112.9'])).toBe(true)
    expect(s.learnDns(ep('shop/app=ci'), 'evil.com', ['6.6.6.7'])).toBe(false)
    expect(s.evaluate(connect('140.82.112.9')).verdict).toBe('allowed')
  })

  it('§5.6 toFQDNs never matches in-cluster pods', () => {
    const s = sessionFor(withDnsRule)
    s.evaluate(query('api.github.com', ['10.0.0.7']))
    const pod = ep('shop/app=ci-peer')
    const r = s.evaluate({ source: ep('shop/app=ci'), destination: pod, protocol: 'TCP', port: 443 })
    expect(r.verdict).toBe('denied')
  })

  it('§5.6 the cached verdict for an IP changes once its name is learned', () => {
    const s = sessionFor(withDnsRule)
    const c = connect('140.82.112.77')
    expect(s.evaluate(c).verdict).toBe('denied')
    s.evaluate(query('api.github.com', ['140.82.112.77']))
    expect(s.evaluate(c).verdict).toBe('allowed')
  })
})
