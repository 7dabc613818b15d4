/**
 * §3.7 per-endpoint audit mode through the workspace's audit scope: a denial becomes AUDIT only
 * on the side whose endpoint is in audit (egress at the source, ingress at the destination).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AuditScope } from './audit-scope.ts'
import { auditScopeMatcher, parseAuditWorkload } from './audit-scope.ts'
import type { EvalRequest, FlowProtocol } from './api.ts'
import { compilePolicySet, evaluate } from './index.ts'
import { cnp, ep, runSuite, sessionFor } from './test-harness.ts'
import { rawPolicy, peer } from './model-builders.ts'

// shop/app=api denies everything on ingress except web; shop/app=web denies all egress but DNS.
const yaml =
  cnp('shop', 'api-in', `
    endpointSelector: {matchLabels: {app: api}}
    ingress:
      - fromEndpoints: [{matchLabels: {app: web}}]
  `) +
  cnp('shop', 'web-out', `
    endpointSelector: {matchLabels: {app: web}}
    egress:
      - toEndpoints: [{matchLabels: {app: api}}]
  `) +
  cnp('pay', 'ledger-in', `
    endpointSelector: {matchLabels: {app: ledger}}
    ingress:
      - fromEndpoints: [{matchLabels: {app: nobody}}]
      - toPorts: [{ports: [{port: "80", protocol: TCP}], rules: {http: [{method: GET, path: /ok}]}}]
  `)

const scope = (namespaces: string[], workloads: string[] = []): { auditScope: AuditScope } => ({ auditScope: { namespaces, workloads } })

describe('§3.7 audit scope: ingress is decided at the destination endpoint', () => {
  runSuite({
    yaml,
    settings: scope(['shop']),
    probes: [
      { name: 'destination namespace in audit: its ingress denial is reported as audit', from: 'other/app=batch', to: 'shop/app=api', expect: 'audit', ingress: 'audit', by: ['ingress', 'default-deny', 'shop/api-in', 'spec'] },
      { name: 'source namespace in audit does not audit the destination ingress', from: 'shop/app=batch', to: 'pay/app=ledger', port: 443, expect: 'denied', ingress: 'denied', by: ['ingress', 'default-deny', 'pay/ledger-in', 'spec'] },
      { name: 'an allowed flow stays allowed in audit', from: 'shop/app=web', to: 'shop/app=api', expect: 'allowed', by: ['egress', 'allow', 'shop/web-out', 'spec.egress[0]'] },
      { name: 'world is no endpoint: it is never in audit, the destination decides', from: 'world', to: 'shop/app=api', expect: 'audit', by: ['ingress', 'default-deny', 'shop/api-in', 'spec'] },
    ],
  })
})

describe('§3.7 audit scope: egress is decided at the source endpoint', () => {
  runSuite({
    yaml,
    settings: scope(['shop']),
    probes: [
      { name: 'source in audit: its egress denial is reported as audit', from: 'shop/app=web', to: 'world', port: 443, expect: 'audit', egress: 'audit', by: ['egress', 'default-deny', 'shop/web-out', 'spec'] },
    ],
  })
  runSuite({
    yaml,
    settings: scope(['pay']),
    probes: [
      { name: 'destination in audit does not audit the source egress', from: 'shop/app=web', to: 'pay/app=ledger', expect: 'denied', egress: 'denied', by: ['egress', 'default-deny', 'shop/web-out', 'spec'] },
      { name: 'L7 denial stays denied even with the destination in audit', from: 'other/app=x', to: 'pay/app=ledger', http: 'GET /nope', expect: 'denied', by: ['l7', 'default-deny', 'pay/ledger-in'] },
    ],
  })
})

describe('§3.7 audit scope by workload', () => {
  runSuite({
    yaml,
    settings: scope([], ['shop/app=api']),
    probes: [
      { name: 'the listed workload is in audit', from: 'other/app=batch', to: 'shop/app=api,tier=x', expect: 'audit', by: ['ingress', 'default-deny', 'shop/api-in', 'spec'] },
      { name: 'another workload of the namespace is not', from: 'shop/app=web', to: 'world', port: 443, expect: 'denied', by: ['egress', 'default-deny', 'shop/web-out', 'spec'] },
      { name: 'the same labels in another namespace are not', from: 'other/app=batch', to: 'pay/app=api', expect: 'allowed', ingress: 'unenforced', by: ['ingress', 'unenforced'] },
    ],
  })

  it('the batch path (session handles) follows the scope as evaluate does', () => {
    const s = sessionFor(yaml, scope(['shop']))
    const src = s.handle(ep('shop/app=web'))
    const dst = s.handle(ep('1.2.3.4'))
    expect(s.evaluateL4(src, dst, 'TCP', 443).result.verdict).toBe('audit')
    const plain = sessionFor(yaml)
    expect(plain.evaluateL4(plain.handle(ep('shop/app=web')), plain.handle(ep('1.2.3.4')), 'TCP', 443).result.verdict).toBe('denied')
  })

  it('reads workload entries as ns/k=v[,k=v] and refuses the rest', () => {
    expect(parseAuditWorkload('shop/app=api,k8s:tier=x')).toEqual({ namespace: 'shop', labels: { app: 'api', tier: 'x' } })
    for (const bad of ['shop', '/app=x', 'shop/', 'shop/app']) expect(parseAuditWorkload(bad)).toBeNull()
    expect(auditScopeMatcher({ namespaces: [], workloads: ['bad'] })(ep('shop/app=api'))).toBe(false)
  })
})

const NAMESPACES = ['default', 'other']
const ENDPOINTS = ['default/app=a', 'default/app=b', 'other/app=a', 'world', 'host', '10.1.2.3']
const arbRequest: fc.Arbitrary<EvalRequest> = fc
  .record({ from: fc.constantFrom(...ENDPOINTS), to: fc.constantFrom(...ENDPOINTS), protocol: fc.constantFrom<FlowProtocol>('TCP', 'UDP'), port: fc.constantFrom(53, 80, 443) })
  .map((r) => ({ source: ep(r.from), destination: ep(r.to), protocol: r.protocol, port: r.port }))
const arbPolicy = (i: number) => fc.record({
  subject: fc.constantFrom<Record<string, string>>({}, { app: 'a' }, { app: 'b' }),
  dir: fc.constantFrom('ingress' as const, 'egress' as const),
  deny: fc.boolean(),
  peer: fc.constantFrom(peer.endpoints({ app: 'a' }), peer.endpoints({ app: 'b' }), peer.entity('world'), peer.endpoints()),
}).map((p) => rawPolicy(`p${i}`, p.subject, [{ dir: p.dir, deny: p.deny, peers: [p.peer] }]))
const arbPolicies = fc.array(fc.nat(), { maxLength: 4 }).chain((xs) => fc.tuple(...xs.map((_, i) => arbPolicy(i))))
const arbScope = fc.record({
  namespaces: fc.subarray(NAMESPACES),
  workloads: fc.subarray(['default/app=a', 'other/app=a', 'default/app=b']),
})

describe('audit scope properties', () => {
  it('adding an audit scope never turns an allowed flow denied, and only turns denials into audit', () => {
    fc.assert(
      fc.property(arbPolicies, arbScope, arbRequest, (policies, auditScope, req) => {
        const before = evaluate(compilePolicySet(policies, []), req)
        const after = evaluate(compilePolicySet(policies, [], { auditScope }), req)
        if (before.verdict === 'allowed') expect(after.verdict).toBe('allowed')
        if (before.verdict === 'audit') expect(after.verdict).toBe('audit')
        if (after.verdict === 'denied') expect(before.verdict).toBe('denied')
      }),
      { numRuns: 400 },
    )
  })

  it('every namespace in scope is the same as the daemon-wide switch for pod-to-pod flows', () => {
    fc.assert(
      fc.property(arbPolicies, arbRequest, (policies, req) => {
        fc.pre(req.source.isEndpoint && req.destination.isEndpoint && req.source.labels.some((l) => l.key === 'io.kubernetes.pod.namespace') && req.destination.labels.some((l) => l.key === 'io.kubernetes.pod.namespace'))
        const all = evaluate(compilePolicySet(policies, [], { auditScope: { namespaces: NAMESPACES, workloads: [] } }), req)
        const global = evaluate(compilePolicySet(policies, [], { auditMode: true }), req)
        expect(all.verdict).toBe(global.verdict)
      }),
      { numRuns: 300 },
    )
  })
})
