/**
 * §9 facts expressed on raw rules (no namespace injection, so `{}` is the true wildcard), plus
 * explain() and problem reporting.
 */
import { describe, expect, it } from 'vitest'
import type { EvalResult } from './api.ts'
import { compilePolicySet, evaluate, explain } from './index.ts'
import { peer, ports, rawPolicy } from './model-builders.ts'
import { compileYaml, cnp, ep } from './test-harness.ts'
import { parsePolicies } from '../policy/parse.ts'

const A = 'default/id=a'
const B = 'default/id1=b'
const C = 'default/id=t'
const run = (policies: Parameters<typeof compilePolicySet>[0], from: string, to: string, port = 80): EvalResult =>
  evaluate(compilePolicySet(policies, [], { allowLocalhost: 'policy' }), {
    source: ep(from),
    destination: ep(to),
    protocol: 'TCP',
    port,
  })

describe('§9 raw rules', () => {
  it('§9.1 fromEndpoints [{}] on 80 selects every identity (raw wildcard)', () => {
    const p = rawPolicy('p', { id: 't' }, [{ dir: 'ingress', peers: [peer.endpoints()], toPorts: ports('80') }])
    expect(run([p], '1.2.3.4', C).verdict).toBe('allowed')
    expect(run([p], 'host', C).verdict).toBe('allowed')
    expect(run([p], A, C, 81).ingress.reasons[0]).toMatchObject({ effect: 'default-deny', policy: 'p', path: 'spec' })
  })

  it('§9.2 fromEndpoints [] with 80/TCP in two elements allows nothing', () => {
    const p = rawPolicy('p', { id: 't' }, [
      { dir: 'ingress', peers: [], toPorts: ports('80') },
      { dir: 'ingress', peers: [], toPorts: ports('80') },
    ])
    const r = run([p], A, C)
    expect(r.verdict).toBe('denied')
    expect(r.ingress.reasons[0]).toMatchObject({ effect: 'default-deny', policy: 'p' })
  })

  it('§9.18 default-deny C plus an L3 wildcard allow: A→C on 80 and 90 allowed, A→B unaffected', () => {
    const pc = rawPolicy('c', { id: 't' }, [{ dir: 'ingress', peers: [peer.endpoints()] }])
    const pb = rawPolicy('b', { id1: 'b' }, [{ dir: 'ingress', peers: [] }])
    expect(run([pc, pb], A, C, 80).ingress.reasons[0]).toMatchObject({ effect: 'allow', policy: 'c', path: 'spec.ingress[0]' })
    expect(run([pc, pb], A, C, 90).verdict).toBe('allowed')
    expect(run([pc, pb], A, B).ingress.reasons[0]).toMatchObject({ effect: 'default-deny', policy: 'b' })
  })

  it('§9.22 egress to [{}]: A→B and A→C on every port', () => {
    const p = rawPolicy('a', { id: 'a' }, [{ dir: 'egress', peers: [peer.endpoints()] }])
    expect(run([p], A, B, 1).verdict).toBe('allowed')
    expect(run([p], A, C, 65535).verdict).toBe('allowed')
  })

  it('§9.23 egress with only 80/TCP: A→B:80, A→C:80 allowed, A→C:90 denied', () => {
    const p = rawPolicy('a', { id: 'a' }, [{ dir: 'egress', peers: [peer.wildcard()], toPorts: ports('80') }])
    expect(run([p], A, B).verdict).toBe('allowed')
    expect(run([p], A, C).verdict).toBe('allowed')
    expect(run([p], A, C, 90).egress.reasons[0]).toMatchObject({ effect: 'default-deny', policy: 'a' })
  })

  it('§9.24 toEntities [world] on 80: world:80 allowed, world:90 and C:80 denied', () => {
    const p = rawPolicy('a', { id: 'a' }, [{ dir: 'egress', peers: [peer.entity('world')], toPorts: ports('80') }])
    expect(run([p], A, 'world').egress.reasons[0]).toMatchObject({ effect: 'allow', path: 'spec.egress[0]' })
    expect(run([p], A, 'world', 90).verdict).toBe('denied')
    expect(run([p], A, C).verdict).toBe('denied')
  })

  it('§9.25/26 toEntities [all]: with 80 only port 80 everywhere; without ports everything', () => {
    const p80 = rawPolicy('a', { id: 'a' }, [{ dir: 'egress', peers: [peer.entity('all')], toPorts: ports('80') }])
    expect(run([p80], A, 'world').verdict).toBe('allowed')
    expect(run([p80], A, C).verdict).toBe('allowed')
    expect(run([p80], A, C, 90).verdict).toBe('denied')
    const pAll = rawPolicy('a', { id: 'a' }, [{ dir: 'egress', peers: [peer.entity('all')] }])
    expect(run([pAll], A, 'world', 9999).verdict).toBe('allowed')
    const pWorld = rawPolicy('a', { id: 'a' }, [{ dir: 'egress', peers: [peer.entity('world')] }])
    expect(run([pWorld], A, '9.9.9.9', 9999).verdict).toBe('allowed')
    expect(run([pWorld], A, C).verdict).toBe('denied')
  })

  it('§9.36 entity slices: [host, world] match host and world only', () => {
    const p = rawPolicy('a', { id: 'a' }, [{ dir: 'egress', peers: [peer.entity('host'), peer.entity('world')] }])
    expect(run([p], A, 'host').egress.verdict).toBe('allowed')
    expect(run([p], A, 'world').verdict).toBe('allowed')
    expect(run([p], A, 'health').egress.verdict).toBe('denied')
  })
})

describe('explain and problems', () => {
  it('explain lists selecting rules, deciding elements and the final verdict', () => {
    const yaml = cnp('shop', 'api', `
      endpointSelector: {matchLabels: {app: api}}
      ingress:
        - fromEndpoints: [{matchLabels: {app: web}}]
          toPorts: [{ports: [{port: "80", protocol: TCP}], rules: {http: [{method: GET, path: "/"}]}}]
    `)
    const set = compileYaml(yaml)
    const request = {
      source: ep('shop/app=web'),
      destination: ep('shop/app=api'),
      protocol: 'TCP' as const,
      port: 80,
      l7: { http: { method: 'POST', path: '/' } },
    }
    const lines = explain(evaluate(set, request), { set, request })
    expect(lines).toContain('Destination shop/app=api: selected on ingress by 1 rule(s)')
    expect(lines.some((l) => l.includes('allow by CiliumNetworkPolicy shop/api spec.ingress[0]'))).toBe(true)
    expect(lines.some((l) => l.startsWith('L7 HTTP: DENIED'))).toBe(true)
    expect(lines.at(-1)).toBe('Final verdict: DENIED')
  })

  it('invalid regexes, DNS patterns and CIDRs are reported as problems', () => {
    const yaml = cnp('shop', 'bad', `
      endpointSelector: {matchLabels: {app: api}}
      egress:
        - toPorts: [{ports: [{port: "80", protocol: TCP}], rules: {http: [{path: "/(x"}]}}]
        - toPorts: [{ports: [{port: "53", protocol: UDP}], rules: {dns: [{matchPattern: "bad$name"}]}}]
    `)
    // The parser flags the DNS pattern too; the engine must still cope with what it is given.
    const parsed = parsePolicies(yaml)
    const set = compilePolicySet(parsed.policies, parsed.cidrGroups)
    const msgs = set.problems.map((p) => `${p.policy} ${p.path} ${p.message}`)
    expect(msgs.some((m) => m.includes('spec.egress[0].toPorts[0].rules.http[0]') && m.includes('invalid path regex'))).toBe(true)
    if (parsed.policies.length > 0 && parsed.policies[0].rules[0].elements.length > 1)
      expect(msgs.some((m) => m.includes('invalid DNS rule'))).toBe(true)
  })
})
