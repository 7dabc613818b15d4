import { describe, expect, it } from 'vitest'
import { compilePolicySet } from '../engine/index.ts'
import { parsePolicies } from '../policy/parse.ts'
import { evaluateExpectation, expectationEnds, parseExpectationsText } from './index.ts'

const POLICY = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: backend, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: backend}}
  ingress:
    - fromEndpoints: [{matchLabels: {app: frontend}}]
      toPorts: [{ports: [{port: "8080", protocol: TCP}]}]
`
const set = (yaml: string) => compilePolicySet(parsePolicies(yaml).policies)

const FILE = `- name: frontend reaches backend
  from: shop:app=frontend
  to: shop:app=backend
  port: 8080/TCP
  expect: allowed
- from: entity:world
  to: shop:app=backend
  port: 8080/TCP
  expect: denied
`

describe('parseExpectationsText', () => {
  it('reads the CLI file format, with lines and default names', () => {
    const r = parseExpectationsText(FILE)
    expect(r.problems).toEqual([])
    expect(r.expectations.map((e) => [e.name, e.line])).toEqual([['frontend reaches backend', 1], ['entity:world -> shop:app=backend 8080/TCP', 6]])
    expect(parseExpectationsText(`expectations:\n${FILE.replace(/^/gm, '  ')}`).expectations).toHaveLength(2)
  })

  it('keeps the good entries and reports each bad one at its line and column', () => {
    const r = parseExpectationsText(`${FILE}- from: a:b=c\n  to: entity:world\n  expect: maybe\n- {from: x:y=z, to: entity:world, port: 80, expect: denied, colour: red}\n`)
    expect(r.expectations).toHaveLength(2)
    expect(r.problems).toEqual([
      { message: "expect must be allowed, denied or audit, got 'maybe'", line: 10, column: 3 },
      { message: "unknown key 'colour' (allowed: name, from, to, port, http, dns, expect)", line: 13, column: 3 },
    ])
  })

  it('reports a YAML syntax error with line and column; an empty text holds nothing', () => {
    expect(parseExpectationsText('- from: [\n').problems[0]).toMatchObject({ line: 2, syntax: true })
    expect(parseExpectationsText('')).toEqual({ expectations: [], problems: [], empty: true })
    expect(parseExpectationsText('from: a').problems[0].message).toMatch(/expected a list/)
  })
})

describe('evaluateExpectation', () => {
  const [ok, denied] = parseExpectationsText(FILE).expectations
  it('passes when the verdict is the expected one, and fails once a policy change breaks it', () => {
    expect(evaluateExpectation(set(POLICY), ok)).toMatchObject({ ok: true, result: { verdict: 'allowed' } })
    expect(evaluateExpectation(set(POLICY), denied)).toMatchObject({ ok: true, result: { verdict: 'denied' } })
    const broken = evaluateExpectation(set(POLICY.replace('"8080"', '"9090"')), ok)
    expect(broken).toMatchObject({ ok: false, result: { verdict: 'denied' } })
  })

  it('denied is met by audit; an unknown pod or unreadable port fails with why', () => {
    expect(evaluateExpectation(compilePolicySet(parsePolicies(POLICY).policies, [], { auditMode: true }), denied)).toMatchObject({ ok: true, result: { verdict: 'audit' } })
    expect(evaluateExpectation(set(POLICY), { ...ok, from: 'shop/frontend-abc' })).toEqual({ expectation: { ...ok, from: 'shop/frontend-abc' }, ok: false, error: "unknown pod 'shop/frontend-abc': not in the inventory" })
    expect(evaluateExpectation(set(POLICY), { ...ok, port: 'http' })).toMatchObject({ ok: false, error: expect.stringMatching(/cannot read port 'http'/) })
  })
})

describe('expectationEnds', () => {
  const nodes = new Set(['wl/shop/app=frontend,version=v1', 'wl/shop/app=backend', 'entity/world'])
  it('maps label ends to the drawn workload carrying them, entities and addresses to their nodes', () => {
    expect(expectationEnds({ from: 'shop:app=frontend', to: 'shop:app=backend' }, nodes)).toEqual({ source: 'wl/shop/app=frontend,version=v1', target: 'wl/shop/app=backend' })
    expect(expectationEnds({ from: 'ip:1.2.3.4', to: 'other:app=x' }, nodes)).toEqual({ source: 'entity/world', target: null })
    expect(expectationEnds({ from: 'shop/pod-1', to: 'nonsense' }, nodes)).toEqual({ source: null, target: null })
  })
})
