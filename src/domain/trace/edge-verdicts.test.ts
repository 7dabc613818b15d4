/** Edge verdicts: what each rule edge's traffic meets in the whole draft (§3.5, §4.2, §3.7). */
import { describe, expect, it } from 'vitest'
import { compilePolicySet } from '../engine/index.ts'
import type { Settings } from '../engine/index.ts'
import { buildGraph } from '../graph/build-graph.ts'
import { parsePolicies } from '../policy/parse.ts'
import type { EdgeVerdict } from './edge-verdicts.ts'
import { edgeVerdicts, graphEdgeNames } from './edge-verdicts.ts'
import { elementProbes, sampleRegex } from './edge-probes.ts'

const reviewsIngress = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: reviews-ingress, namespace: bookinfo}
spec:
  endpointSelector: {matchLabels: {app: reviews}}
  ingress:
    - fromEndpoints: [{matchLabels: {app: productpage}}]
      toPorts: [{ports: [{port: "9080", protocol: TCP}]}]
`
const productpageEgress = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: productpage-egress, namespace: bookinfo}
spec:
  endpointSelector: {matchLabels: {app: productpage}}
  egress:
    - toEndpoints: [{matchLabels: {app: details}}]
      toPorts: [{ports: [{port: "9080", protocol: TCP}]}]
`
const productpageToReviews = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: productpage-reviews, namespace: bookinfo}
spec:
  endpointSelector: {matchLabels: {app: productpage}}
  egress:
    - toEndpoints: [{matchLabels: {app: reviews}}]
      toPorts: [{ports: [{port: "9080", protocol: TCP}]}]
`
const denyReviews = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: no-reviews, namespace: bookinfo}
spec:
  endpointSelector: {matchLabels: {app: reviews}}
  ingressDeny:
    - fromEndpoints: [{matchLabels: {app: productpage}}]
`

function verdicts(docs: string[], settings: Partial<Settings> = {}): EdgeVerdict[] {
  const parsed = parsePolicies(docs.join('---\n'))
  const set = compilePolicySet(parsed.policies, parsed.cidrGroups, settings)
  return edgeVerdicts(set, parsed, graphEdgeNames(buildGraph(parsed)))
}
const ruleOf = (vs: EdgeVerdict[], policy: string, dir: string): EdgeVerdict => {
  const v = vs.find((x) => x.edgeId.includes(`/${policy}#`) && x.edgeId.includes(dir))
  if (!v) throw new Error(`no verdict for ${policy} ${dir}: ${vs.map((x) => x.edgeId).join(' ')}`)
  return v
}

describe('§3.5 edge verdicts: both sides', () => {
  it('§3.5 a one-sided rule whose peer egress is default-deny is blocked elsewhere, naming the blocking policy', () => {
    const v = ruleOf(verdicts([reviewsIngress, productpageEgress]), 'reviews-ingress', 'ingress')
    expect(v.verdict).toBe('denied')
    expect(v.cause).toBe('blocked-elsewhere')
    expect(v.reason).toBe("app=reviews admits app=productpage on TCP/9080, but app=productpage's egress is default-deny — blocked by bookinfo/productpage-egress")
    expect(v.deciding).toMatchObject({ policy: 'bookinfo/productpage-egress', policyKey: 'CiliumNetworkPolicy/bookinfo/productpage-egress', direction: 'egress' })
    expect(v.members).toBe('one')
  })
  it('§3.5 a rule allowed on both sides is allowed, and so is a one-sided rule whose other side is unenforced', () => {
    const vs = verdicts([reviewsIngress, productpageToReviews])
    expect(ruleOf(vs, 'reviews-ingress', 'ingress')).toMatchObject({ verdict: 'allowed', cause: 'allowed' })
    expect(ruleOf(vs, 'productpage-reviews', 'egress')).toMatchObject({ verdict: 'allowed' })
    expect(ruleOf(verdicts([reviewsIngress]), 'reviews-ingress', 'ingress').verdict).toBe('allowed')
  })
  it('§4.2 a deny rule elsewhere wins over the allow', () => {
    const vs = verdicts([reviewsIngress, productpageToReviews, denyReviews])
    const v = ruleOf(vs, 'reviews-ingress', 'ingress')
    expect(v).toMatchObject({ verdict: 'denied', cause: 'deny-rule' })
    expect(v.reason).toContain('denied by bookinfo/no-reviews spec.ingressDeny[0]')
    expect(v.deciding?.elementId).toBe('CiliumNetworkPolicy/bookinfo/no-reviews#spec.ingressDeny.0')
    expect(ruleOf(vs, 'no-reviews', 'ingressDeny')).toMatchObject({ verdict: 'denied', cause: 'deny-rule' })
  })
  it('§3.7 audit mode lets blocked traffic through as audit, with the reason', () => {
    const v = ruleOf(verdicts([reviewsIngress, productpageEgress], { auditMode: true }), 'reviews-ingress', 'ingress')
    expect(v.verdict).toBe('audit')
    expect(v.reason).toContain('audit mode lets it through')
  })
  it('§3.1 enforcement never lets everything through', () => {
    expect(ruleOf(verdicts([reviewsIngress, productpageEgress], { enforcementMode: 'never' }), 'reviews-ingress', 'ingress').verdict).toBe('allowed')
  })
})

describe('§5 representatives of many-member peers', () => {
  it('§5.2 entity all is judged on world and on a pod, and says when they differ', () => {
    const allIngress = reviewsIngress.replace('fromEndpoints: [{matchLabels: {app: productpage}}]', 'fromEntities: [all]')
    const onlyWorldDenied = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: no-world, namespace: bookinfo}
spec:
  endpointSelector: {matchLabels: {app: reviews}}
  ingressDeny:
    - fromEntities: [world]
`
    const v = ruleOf(verdicts([allIngress, onlyWorldDenied]), 'reviews-ingress', 'ingress')
    expect(v.verdict).toBe('denied')
    expect(v.members).toBe('differs')
    expect(v.memberNote).toContain('differs across members')
  })
  it('§5.6 a toFQDNs edge without a DNS rule is blocked: the name is never learned', () => {
    const fqdn = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: to-api, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: web}}
  egress:
    - toFQDNs: [{matchName: api.example.com}]
      toPorts: [{ports: [{port: "443", protocol: TCP}]}]
`
    const v = ruleOf(verdicts([fqdn]), 'to-api', 'egress')
    expect(v.verdict).toBe('denied')
    expect(v.lines.join('\n')).toContain('not resolved through Cilium')
  })
  it('§7.2 probes: one per port and L7 row, regexes sampled', () => {
    const parsed = parsePolicies(`apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: api}}
  ingress:
    - toPorts:
        - ports: [{port: "8080", protocol: TCP}, {port: "http", protocol: TCP}]
          rules: {http: [{method: GET, path: "/api/v1/.*"}, {method: "POST|PUT", path: "/orders/[0-9]+"}]}
`)
    const labels = elementProbes(parsed.policies[0].rules[0].elements[0]).map((p) => p.label)
    expect(labels).toEqual(['TCP/8080 GET /api/v1/', 'TCP/8080 POST /orders/1', 'TCP/http GET /api/v1/', 'TCP/http POST /orders/1'])
    expect(sampleRegex('(a', 'x')).toBeNull()
  })
})
