import { describe, expect, it } from 'vitest'
import { labelKeyProblem, labelValueProblem, namespaceProblem, objectNameProblem } from './k8s-names.ts'
import { parsePolicies } from './parse.ts'

const policy = (meta: string, selector = '{}'): string => `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
${meta}
spec:
  endpointSelector: ${selector}
  ingress: [{}]
`
const errors = (text: string) => parsePolicies(text).diagnostics.filter((d) => d.severity === 'error')

describe('names, namespaces and labels as the API server validates them', () => {
  it('a namespace with markup is an error at its line and column', () => {
    const e = errors(policy('  name: p\n  namespace: "\\"><svg onload=alert(1)>"'))
    expect(e.map((d) => [d.code, d.line, d.column])).toEqual([['invalid-namespace', 5, 14]])
    expect(e[0].message).toContain('DNS-1123 label')
  })

  it('a label key with markup is an error at the key', () => {
    const text = policy('  name: p\n  namespace: n', '{matchLabels: {"<b id=x>": y}}')
    const e = errors(text)
    expect(e.map((d) => [d.code, d.line])).toEqual([['invalid-label-key', 7]])
    expect(text.split('\n')[6].slice(e[0].column - 1)).toMatch(/^"<b id=x>"/)
  })

  it('metadata.labels and matchExpressions are checked too', () => {
    const e = errors(policy('  name: p\n  namespace: n\n  labels: {team: "a b"}', '{matchExpressions: [{key: app, operator: In, values: ["x", "-bad"]}]}'))
    expect(e.map((d) => d.code)).toEqual(['invalid-label-value', 'invalid-label-value'])
  })

  it('names: DNS-1123 subdomain of at most 253 characters', () => {
    expect(objectNameProblem('allow-frontend.v2')).toBeUndefined()
    expect(objectNameProblem('Upper')).toBeDefined()
    expect(objectNameProblem('a'.repeat(253))).toBeUndefined()
    expect(objectNameProblem('a'.repeat(254))).toContain('253')
    const e = errors(policy(`  name: ${'a'.repeat(300)}\n  namespace: n`))
    expect(e.map((d) => [d.code, d.line, d.column])).toEqual([['invalid-name', 4, 9]])
    expect(e[0].message.length).toBeLessThan(200)
  })

  it('namespaces: DNS-1123 label of at most 63 characters', () => {
    expect(namespaceProblem('kube-system')).toBeUndefined()
    expect(namespaceProblem('a.b')).toBeDefined()
    expect(namespaceProblem('a'.repeat(64))).toContain('63')
  })

  it('label keys: optional DNS prefix, name of at most 63; values at most 63 with allowed characters', () => {
    for (const ok of ['app', 'app.kubernetes.io/name', 'io.cilium.k8s.namespace.labels.team', 'node-role.kubernetes.io/control-plane', 'A_b.c-D']) expect(labelKeyProblem(ok)).toBeUndefined()
    for (const bad of ['<b>', '/x', 'a/', 'Bad_Prefix/x', `p/${'a'.repeat(64)}`, '-a', 'a b']) expect(labelKeyProblem(bad)).toBeDefined()
    for (const ok of ['', 'v1', 'a.b_c-d', 'x'.repeat(63)]) expect(labelValueProblem(ok)).toBeUndefined()
    for (const bad of ['x'.repeat(64), 'a b', '-a', 'a-', '<svg>']) expect(labelValueProblem(bad)).toBeDefined()
  })

  it('Cilium source prefixes and its own label kinds are accepted', () => {
    const selector = '{matchLabels: {"k8s:io.kubernetes.pod.namespace": kube-system, "any:app": x, "reserved:host": "", "cidr:10.0.0.0/8": ""}}'
    expect(errors(policy('  name: p\n  namespace: n', selector))).toEqual([])
  })

  it('a megabyte name costs no regexp work and yields a short message', () => {
    const e = errors(policy(`  name: ${'a'.repeat(1_000_000)}\n  namespace: n`))
    expect(e).toHaveLength(1)
    expect(e[0].message.length).toBeLessThan(200)
  })
})
