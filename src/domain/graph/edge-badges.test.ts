/** TLS (§6.6) and generic L7 (§7.1) on rule edges: the badge data and the hover text. */
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { parsePolicies } from '../policy/parse.ts'
import { buildGraph } from './build-graph.ts'
import { describeEdge } from './describe.ts'

const graph = buildGraph(parsePolicies(readFileSync('fixtures/policies/tls-server-names.yaml', 'utf8')))
const edgeTo = (target: string) => graph.edges.find((e) => e.target === target)!
const nodes = new Map(graph.nodes.map((n) => [n.id, n]))

describe('rule edge badges', () => {
  it('§6.6 serverNames: the SNI allow-list', () => {
    expect(edgeTo('cidr/203.0.113.0/24').badges).toEqual([
      { kind: 'tls', text: 'TLS sni: api.example.com', explain: expect.stringMatching(/^TLS only, with an SNI matching api\.example\.com \(serverNames, §6\.6\)/) },
    ])
  })

  it('§6.6 terminatingTLS / originatingTLS name their secrets, beside the serverNames and the HTTP rules', () => {
    const e = edgeTo('cidr/198.51.100.0/24')
    expect(e.badges?.map((b) => b.text)).toEqual(['TLS sni: partner.example.com', 'TLS terminate: shop/partner-intercept', 'TLS originate: shop/partner-ca'])
    expect(e.l7).toBe('HTTP GET /v1/.*')
  })

  it('§7.1 a generic L7 parser is drawn as not evaluated', () => {
    const e = edgeTo('wl/shop/app=cache')
    expect(e.badges).toEqual([{ kind: 'l7-unevaluated', text: 'L7 envoy.filters.network.redis_proxy not evaluated', explain: expect.stringContaining('judged at L4 (l7proto, §7.1)') }])
  })

  it('rules without TLS or generic L7 carry no badges', () => {
    const plain = buildGraph(parsePolicies(`apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: b, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: b}}
  ingress: [{fromEndpoints: [{matchLabels: {app: a}}], toPorts: [{ports: [{port: "80", protocol: TCP}], rules: {http: [{method: GET}]}}]}]
`))
    expect(plain.edges[0].badges).toBeUndefined()
  })

  it('the hover explains each badge', () => {
    const text = describeEdge(edgeTo('cidr/198.51.100.0/24'), nodes)
    expect(text).toContain('The proxy terminates the client\'s TLS with shop/partner-intercept (terminatingTLS, §6.6)')
    expect(text).toContain('trusting shop/partner-ca (originatingTLS, §6.6)')
    expect(text).toMatch(/egress rule spec\.egress\[1\] of CiliumNetworkPolicy shop\/client-egress$/)
  })
})
