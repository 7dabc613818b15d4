import { describe, expect, it } from 'vitest'
import { checkPolicyUrl, policyTextProblem, policyUrlFileName } from './policy-url.ts'

const PAGE = 'http://127.0.0.1:4173'

describe('checkPolicyUrl', () => {
  it('takes https addresses and the page’s own origin', () => {
    expect(checkPolicyUrl('https://example.com/p/cnp.yaml', PAGE)).toEqual({ ok: true, url: 'https://example.com/p/cnp.yaml' })
    expect(checkPolicyUrl('/samples/demo.yaml', PAGE)).toEqual({ ok: true, url: `${PAGE}/samples/demo.yaml` })
  })
  it('refuses plain http elsewhere, other schemes, credentials and non-addresses', () => {
    expect(checkPolicyUrl('http://example.com/p.yaml', PAGE)).toMatchObject({ ok: false, error: expect.stringMatching(/https/) })
    expect(checkPolicyUrl('javascript:alert(1)', PAGE)).toMatchObject({ ok: false })
    expect(checkPolicyUrl('file:///etc/passwd', PAGE)).toMatchObject({ ok: false })
    expect(checkPolicyUrl('https://u:p@example.com/x', PAGE)).toMatchObject({ ok: false, error: expect.stringMatching(/password/) })
    expect(checkPolicyUrl('http://[bad', PAGE)).toMatchObject({ ok: false, error: expect.stringMatching(/not a web address/) })
  })
  it('names the loaded file after the address’s last segment', () => {
    expect(policyUrlFileName('https://example.com/a/shop%20cnp.yaml?x=1')).toBe('shop cnp.yaml')
    expect(policyUrlFileName('https://example.com/')).toBe('policy.yaml')
  })
})

describe('policyTextProblem', () => {
  it('accepts YAML and JSON manifests', () => {
    expect(policyTextProblem('apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: a}\n')).toBeNull()
    expect(policyTextProblem('{"apiVersion": "v1", "kind": "List", "items": []}')).toBeNull()
  })
  it('says why other answers are not a policy', () => {
    expect(policyTextProblem('<!doctype html><html></html>')).toMatch(/HTML/)
    expect(policyTextProblem('')).toMatch(/empty/)
    expect(policyTextProblem('a: [unclosed')).toMatch(/not valid YAML/)
    expect(policyTextProblem('just: a map\n')).toMatch(/no Kubernetes object/)
  })
})
