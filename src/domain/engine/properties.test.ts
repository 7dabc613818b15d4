/** fast-check properties of the evaluator: totality and monotonicity of deny and allow. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Peer, Policy, PortRule } from '../policy/model.ts'
import type { EvalRequest, FlowProtocol, Settings } from './api.ts'
import { compilePolicySet, evaluate } from './index.ts'
import type { ElementSpec } from './model-builders.ts'
import { peer, ports, rawPolicy } from './model-builders.ts'
import { ep } from './test-harness.ts'

const ENDPOINTS = [
  'default/app=a', 'default/app=b', 'other/app=a', 'default/app=c,tier=x', 'world', 'host', 'health',
  'init', 'remote-node', '10.1.2.3', '192.168.1.1', '2001:db8::1', 'kube-apiserver',
]

const arbPeer: fc.Arbitrary<Peer> = fc.oneof(
  fc.constantFrom('a', 'b', 'c').map((v) => peer.endpoints({ app: v })),
  fc.constant(peer.endpoints()),
  fc.constantFrom('all', 'world', 'cluster', 'host', 'remote-node', 'health', 'init', 'none', 'bogus').map(peer.entity),
  fc.constantFrom('10.0.0.0/8', '0.0.0.0/0', '192.168.0.0/16', '2001:db8::/32', 'nonsense').map((c) => peer.cidr(c, ['10.1.0.0/16'])),
  fc.constant(peer.wildcard()),
)

const arbPorts: fc.Arbitrary<PortRule[] | null> = fc.oneof(
  fc.constant(null),
  fc
    .array(fc.constantFrom('80', '443', '0', '1-1024', '53/UDP', '53/ANY', '8000-8100', 'http/TCP', '99999'), {
      minLength: 1,
      maxLength: 3,
    })
    .map((specs) => ports(...specs)),
)

const arbElement: fc.Arbitrary<ElementSpec> = fc.record({
  dir: fc.constantFrom('ingress' as const, 'egress' as const),
  deny: fc.boolean(),
  peers: fc.array(arbPeer, { maxLength: 2 }),
  toPorts: arbPorts,
})

const arbPolicy = (i: number): fc.Arbitrary<Policy> =>
  fc
    .record({
      subject: fc.constantFrom<Record<string, string>>({}, { app: 'a' }, { app: 'b' }, { 'reserved:init': '' }),
      elements: fc.array(arbElement, { minLength: 1, maxLength: 4 }),
      dd: fc.record({ ingress: fc.boolean(), egress: fc.boolean() }),
    })
    .map((r) => rawPolicy(`p${i}`, r.subject, r.elements, r.dd))

const arbPolicies = fc.array(fc.nat(), { maxLength: 5 }).chain((xs) => fc.tuple(...xs.map((_, i) => arbPolicy(i))))

const arbRequest: fc.Arbitrary<EvalRequest> = fc
  .record({
    from: fc.constantFrom(...ENDPOINTS),
    to: fc.constantFrom(...ENDPOINTS),
    protocol: fc.constantFrom<FlowProtocol>('TCP', 'UDP', 'SCTP', 'ICMPv4', 'ICMPv6'),
    port: fc.oneof(fc.constantFrom(53, 80, 443, 1024, 8050), fc.integer({ min: -5, max: 70000 })),
  })
  .map((r) => ({ source: ep(r.from), destination: ep(r.to), protocol: r.protocol, port: r.port, icmpType: r.port & 0xff }))

const arbSettings = fc.record({
  enforcementMode: fc.constantFrom('default' as const, 'always' as const, 'never' as const),
  allowLocalhost: fc.constantFrom('always' as const, 'policy' as const),
  hostFirewall: fc.boolean(),
})

describe('evaluator properties', () => {
  it('evaluate never throws and always returns a verdict', () => {
    fc.assert(
      fc.property(arbPolicies, arbRequest, arbSettings, (policies, req, settings) => {
        const r = evaluate(compilePolicySet(policies, [], settings), req)
        expect(['allowed', 'denied', 'audit']).toContain(r.verdict)
      }),
      { numRuns: 400 },
    )
  })

  it('adding a deny element never turns a denied flow into an allowed one', () => {
    fc.assert(
      fc.property(arbPolicies, arbElement, arbRequest, (policies, extra, req) => {
        const before = evaluate(compilePolicySet(policies, []), req)
        const deny = rawPolicy('extra', {}, [{ ...extra, deny: true }])
        const after = evaluate(compilePolicySet([...policies, deny], []), req)
        if (before.verdict === 'denied') expect(after.verdict).toBe('denied')
      }),
      { numRuns: 400 },
    )
  })

  it('adding an allow element to an already-enforced direction never turns allowed into denied', () => {
    fc.assert(
      fc.property(arbPolicies, arbElement, arbRequest, fc.nat(), (policies, extra, req, pick) => {
        // Add to a rule that already has elements in that direction, so selection and
        // default-deny of every endpoint stay the same.
        const candidates = policies.filter((p) => p.rules[0].elements.some((e) => e.direction === extra.dir))
        fc.pre(candidates.length > 0)
        const target = candidates[pick % candidates.length]
        const specs: ElementSpec[] = [
          ...target.rules[0].elements.map((e) => ({ dir: e.direction, deny: e.deny, peers: e.peers, toPorts: e.toPorts })),
          { ...extra, deny: false },
        ]
        const subject = Object.fromEntries(target.rules[0].subject.selector.requirements.map((r) => [r.key, r.values[0]]))
        const changed = rawPolicy(target.name, subject, specs, target.rules[0].defaultDeny)
        const before = evaluate(compilePolicySet(policies, []), req)
        const after = evaluate(compilePolicySet(policies.map((p) => (p === target ? changed : p)), []), req)
        if (before.verdict === 'allowed') expect(after.verdict).toBe('allowed')
      }),
      { numRuns: 400 },
    )
  })

  it('cached and uncached evaluations agree', () => {
    fc.assert(
      fc.property(arbPolicies, fc.array(arbRequest, { minLength: 1, maxLength: 20 }), (policies, reqs) => {
        const shared = compilePolicySet(policies, [])
        for (const req of reqs) {
          const fresh = evaluate(compilePolicySet(policies, []), req)
          expect(evaluate(shared, req)).toEqual(fresh)
        }
      }),
      { numRuns: 150 },
    )
  })
})

describe('settings that only relax never turn an allowed flow denied', () => {
  const check = (from: Partial<Settings>, to: Partial<Settings>, policies: readonly Policy[], req: EvalRequest): void => {
    const before = evaluate(compilePolicySet(policies, [], from), req)
    const after = evaluate(compilePolicySet(policies, [], to), req)
    if (before.verdict === 'allowed') expect(after.verdict).toBe('allowed')
    if (before.verdict !== 'denied') expect(after.verdict).not.toBe('denied')
  }

  it('§3.7 audit mode on', () => {
    fc.assert(
      fc.property(arbPolicies, arbRequest, arbSettings, (policies, req, s) => {
        check({ ...s, auditMode: false }, { ...s, auditMode: true }, policies, req)
        // Audit only changes the verdict of a flow that was denied, and then to audit.
        const before = evaluate(compilePolicySet(policies, [], { ...s, auditMode: false }), req)
        const after = evaluate(compilePolicySet(policies, [], { ...s, auditMode: true }), req)
        if (before.verdict === 'denied') expect(['audit', 'denied']).toContain(after.verdict)
        else expect(after.verdict).toBe(before.verdict)
      }),
      { numRuns: 300 },
    )
  })

  it('§3.1 enforcement mode never', () => {
    fc.assert(
      fc.property(arbPolicies, arbRequest, arbSettings, (policies, req, s) => {
        check(s, { ...s, enforcementMode: 'never' }, policies, req)
        // With nothing enforced, no L3/L4 flow is denied at all.
        expect(evaluate(compilePolicySet(policies, [], { ...s, enforcementMode: 'never' }), req).verdict).toBe('allowed')
      }),
      { numRuns: 300 },
    )
  })

  it('§3.4 allow-localhost always instead of policy', () => {
    fc.assert(
      fc.property(arbPolicies, arbRequest, arbSettings, (policies, req, s) => {
        check({ ...s, allowLocalhost: 'policy' }, { ...s, allowLocalhost: 'always' }, policies, req)
      }),
      { numRuns: 300 },
    )
  })

  it('§3.7 audit mode on with an L7 request keeps every non-denied verdict', () => {
    const http: fc.Arbitrary<EvalRequest> = arbRequest.map((r) => ({ ...r, protocol: 'TCP', port: 80, l7: { http: { method: 'GET', path: '/x' } } }))
    fc.assert(fc.property(arbPolicies, http, arbSettings, (policies, req, s) => check({ ...s, auditMode: false }, { ...s, auditMode: true }, policies, req)), { numRuns: 200 })
  })
})
