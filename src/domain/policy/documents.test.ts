import { describe, expect, it } from 'vitest'
import { parsePolicies } from './parse.ts'
import { codes, elementLines } from './test-util.ts'

const KUBECTL = `apiVersion: v1
kind: List
metadata:
  resourceVersion: ""
items:
  - apiVersion: cilium.io/v2
    kind: CiliumNetworkPolicy
    metadata:
      annotations:
        kubectl.kubernetes.io/last-applied-configuration: |
          {"apiVersion":"cilium.io/v2"}
      creationTimestamp: "2025-01-01T00:00:00Z"
      generation: 3
      labels: {team: a}
      managedFields:
        - apiVersion: cilium.io/v2
          fieldsType: FieldsV1
          fieldsV1: {f:spec: {}}
          manager: kubectl
          operation: Update
      name: web
      namespace: shop
      resourceVersion: "123"
      uid: 0f8e7c9a-0000-0000-0000-000000000000
    spec:
      endpointSelector: {matchLabels: {app: web}}
      ingress:
        - fromEntities: [world]
    status:
      conditions:
        - type: Valid
          status: "True"
      derivativePolicies: {}
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: cm, namespace: shop}
    data: {a: b}
`

describe('documents, wrappers and formats', () => {
  it('kubectl List output with status and managedFields: no warnings, List item paths', () => {
    const r = parsePolicies(KUBECTL)
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([])
    expect(codes(r, 'info')).toEqual(['not-a-policy'])
    expect(r.policies).toHaveLength(1)
    const el = r.policies[0].rules[0].elements[0]
    expect(r.policies[0].origin.path).toEqual(['items', 0])
    expect(el.origin.path).toEqual(['items', 0, 'spec', 'ingress', 0])
    expect(el.id).toBe('CiliumNetworkPolicy/shop/web#items.0.spec.ingress.0')
    expect(r.documents).toEqual([expect.objectContaining({ kind: 'List', status: 'policy' })])
  })

  it('a CiliumNetworkPolicyList is unwrapped too', () => {
    const r = parsePolicies(`apiVersion: cilium.io/v2
kind: CiliumNetworkPolicyList
items:
  - apiVersion: cilium.io/v2
    kind: CiliumNetworkPolicy
    metadata: {name: a, namespace: x}
    spec: {endpointSelector: {}, egress: [{}]}
  - apiVersion: cilium.io/v2
    kind: CiliumNetworkPolicy
    metadata: {name: b, namespace: x}
    spec: {endpointSelector: {}, ingress: [{}]}
`)
    expect(r.policies.map((p) => p.key)).toEqual(['CiliumNetworkPolicy/x/a', 'CiliumNetworkPolicy/x/b'])
  })

  it('a single JSON object', () => {
    const r = parsePolicies(JSON.stringify({
      apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'j', namespace: 'n' },
      spec: { endpointSelector: {}, egress: [{ toEntities: ['world'], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }] },
    }, null, 2))
    expect(codes(r)).toEqual([])
    expect(elementLines(r)).toEqual(['egress entity(world) 443/TCP'])
  })

  it('a JSON array of objects, including a NetworkPolicy and a CIDR group', () => {
    const text = JSON.stringify([
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'k', namespace: 'n' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } },
      { apiVersion: 'cilium.io/v2alpha1', kind: 'CiliumCIDRGroup', metadata: { name: 'office', labels: { env: 'prod' } }, spec: { externalCIDRs: ['192.0.2.0/24', '2001:db8::/32'] } },
    ])
    const r = parsePolicies(text)
    expect(codes(r)).toEqual([])
    expect(r.policies[0].origin.path).toEqual([0])
    expect(r.cidrGroups).toEqual([expect.objectContaining({ name: 'office', cidrs: ['192.0.2.0/24', '2001:db8::/32'] })])
    expect(r.cidrGroups[0].labels.env).toBe('prod')
    expect(r.cidrGroups[0].origin.path).toEqual([1])
  })

  it('empty documents, comments only, and other kinds', () => {
    const r = parsePolicies('---\n# just a comment\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n---\n')
    expect(r.documents.map((d) => d.status)).toEqual(['empty', 'not-a-policy', 'empty'])
    const info = r.diagnostics.find((d) => d.code === 'not-a-policy')
    expect(info?.message).toBe('not a network policy (kind Deployment); left alone')
    expect(info?.line).toBe(5)
  })

  it('an empty text gives an empty result', () => {
    expect(parsePolicies('')).toEqual({ documents: [], policies: [], cidrGroups: [], diagnostics: [] })
  })

  it('a YAML error invalidates only its document', () => {
    const good = 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: g, namespace: n}\nspec: {endpointSelector: {}, ingress: [{}]}\n'
    const r = parsePolicies(`${good}---\nkind: [oops\n---\n${good.replace('name: g', 'name: h')}`)
    expect(r.documents.map((d) => d.status)).toEqual(['policy', 'invalid', 'policy'])
    expect(codes(r)).toContain('yaml-syntax')
    expect(r.policies.map((p) => p.name)).toEqual(['g', 'h'])
  })

  it('__proto__ and constructor keys are plain data', () => {
    const r = parsePolicies(`apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: p, namespace: n, labels: {__proto__: x}}
spec:
  __proto__: {polluted: true}
  endpointSelector: {matchLabels: {__proto__: a, constructor: b}}
  ingress: [{}]
`)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(codes(r, 'warning')).toEqual(['unknown-field'])
    expect(r.policies[0].rules[0].subject.selector.requirements.map((q) => q.key)).toEqual(['__proto__', 'constructor', 'io.kubernetes.pod.namespace'])
  })

  it('alias bombs are cut off instead of expanding', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for (let i = 1; i < 10; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`)
    const started = Date.now()
    const r = parsePolicies(lines.join('\n'))
    expect(Date.now() - started).toBeLessThan(2000)
    expect(codes(r)).toContain('yaml-alias')
  })

  it('a wrong apiVersion group is left alone; a missing kind is a warning', () => {
    const r = parsePolicies('apiVersion: crd.projectcalico.org/v1\nkind: NetworkPolicy\nmetadata: {name: c}\n---\nmetadata: {name: x}\n')
    expect(r.documents.map((d) => d.status)).toEqual(['not-a-policy', 'not-a-policy'])
    expect(codes(r, 'warning')).toEqual(['missing-kind'])
  })
})
