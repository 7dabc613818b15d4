/** Probes for the TLS fields (§6.6) and generic L7 (`l7proto`, §7.1): what is evaluated, what is explained. */
import { describe, expect, it } from 'vitest'
import { evaluate } from './evaluate.ts'
import { cnp, compileYaml, requestOf, runSuite } from './test-harness.ts'

const yaml = cnp('shop', 'tls', `
  endpointSelector: {matchLabels: {app: client}}
  egress:
    - toCIDR: [203.0.113.0/24]
      toPorts:
        - ports: [{port: "443", protocol: TCP}]
          serverNames: [api.example.com, "*.cdn.example.com", "**.internal.example.com"]
    - toCIDR: [203.0.113.0/24]
      toPorts: [{ports: [{port: "443", protocol: TCP}]}]
    - toCIDR: [198.51.100.0/24]
      toPorts:
        - ports: [{port: "443", protocol: TCP}]
          serverNames: [secure.example.com]
          terminatingTLS: {secret: {namespace: shop, name: client-mitm}}
          originatingTLS: {secret: {namespace: shop, name: upstream-ca}}
          rules: {http: [{method: GET, path: "/v1/.*"}]}
    - toCIDR: [192.0.2.0/24]
      toPorts:
        - ports: [{port: "8443", protocol: TCP}]
          listener: {envoyConfig: {kind: CiliumEnvoyConfig, name: egress-gw}, name: tls-passthrough}
    - toCIDR: [192.0.2.0/24]
      toPorts:
        - ports: [{port: "7000", protocol: TCP}]
          rules: {l7proto: r2d2, l7: [{cmd: READ}]}
`)

const sn = (i: number) => `spec.egress[0].toPorts[0].serverNames[${i}]`

describe('§6.6 serverNames', () => {
  runSuite({
    yaml,
    probes: [
      { name: '§6.6 an SNI in serverNames passes', from: 'shop/app=client', to: '203.0.113.10', port: 443, sni: 'api.example.com', expect: 'allowed', by: ['l7', 'allow', 'shop/tls', sn(0)] },
      { name: '§6.6 SNIs are case-insensitive', from: 'shop/app=client', to: '203.0.113.10', port: 443, sni: 'API.Example.COM', expect: 'allowed', by: ['l7', 'allow', 'shop/tls', sn(0)] },
      { name: '§6.6 another SNI is reset', from: 'shop/app=client', to: '203.0.113.10', port: 443, sni: 'evil.example.org', expect: 'denied', by: ['l7', 'default-deny', 'shop/tls', 'spec.egress[0].toPorts[0].serverNames'] },
      { name: '§6.6 *.x matches exactly one label', from: 'shop/app=client', to: '203.0.113.10', port: 443, sni: 'eu.cdn.example.com', expect: 'allowed', by: ['l7', 'allow', 'shop/tls', sn(1)] },
      { name: '§6.6 *.x does not match two labels', from: 'shop/app=client', to: '203.0.113.10', port: 443, sni: 'a.eu.cdn.example.com', expect: 'denied', by: ['l7', 'default-deny', 'shop/tls'] },
      { name: '§6.6 **.x matches several labels', from: 'shop/app=client', to: '203.0.113.10', port: 443, sni: 'db.eu.internal.example.com', expect: 'allowed', by: ['l7', 'allow', 'shop/tls', sn(2)] },
      { name: '§6.6 **.x does not match the bare suffix', from: 'shop/app=client', to: '203.0.113.10', port: 443, sni: 'internal.example.com', expect: 'denied', by: ['l7', 'default-deny', 'shop/tls'] },
      { name: '§6.6 an L4-only rule for the same peer and port does not lift serverNames', from: 'shop/app=client', to: '203.0.113.10', port: 443, sni: 'other.example.net', expect: 'denied', by: ['l7', 'default-deny', 'shop/tls'] },
      { name: '§6.6 without an SNI the flow is judged at L4 (the verdict depends on the SNI)', from: 'shop/app=client', to: '203.0.113.10', port: 443, expect: 'allowed', by: ['egress', 'allow', 'shop/tls', 'spec.egress[0]'] },
      { name: '§6.6 serverNames do not reach other ports', from: 'shop/app=client', to: '203.0.113.10', port: 80, sni: 'api.example.com', expect: 'denied', by: ['egress', 'default-deny', 'shop/tls', 'spec'] },
      { name: '§6.6 with terminatingTLS: the SNI first, then the HTTP rules', from: 'shop/app=client', to: '198.51.100.7', port: 443, sni: 'secure.example.com', http: 'GET /v1/orders', expect: 'allowed', by: ['l7', 'allow', 'shop/tls', 'spec.egress[2].toPorts[0].rules.http[0]'] },
      { name: '§6.6 with terminatingTLS: a request the HTTP rules refuse', from: 'shop/app=client', to: '198.51.100.7', port: 443, sni: 'secure.example.com', http: 'DELETE /v1/orders', expect: 'denied', by: ['l7', 'default-deny', 'shop/tls', 'spec.egress[2].toPorts[0].rules'] },
      { name: '§6.6 with terminatingTLS: a wrong SNI is reset before any request', from: 'shop/app=client', to: '198.51.100.7', port: 443, sni: 'evil.example.org', http: 'GET /v1/orders', expect: 'denied', by: ['l7', 'default-deny', 'shop/tls', 'spec.egress[2].toPorts[0].serverNames'] },
    ],
  })

  it('§6.6 without an SNI the allow says it depends on the SNI', () => {
    const r = evaluate(compileYaml(yaml), requestOf({ name: '', from: 'shop/app=client', to: '203.0.113.10', port: 443, expect: 'allowed', by: ['egress', 'allow'] }))
    expect(r.egress.reasons.map((x) => x.detail ?? '').join('\n')).toMatch(/TLS only, with an SNI matching api\.example\.com, \*\.cdn\.example\.com, \*\*\.internal\.example\.com .*without an SNI the verdict depends on it/)
    expect(r.l7).toBeUndefined()
  })

  it('§6.6 the TLS contexts are explained beside the allow', () => {
    const r = evaluate(compileYaml(yaml), requestOf({ name: '', from: 'shop/app=client', to: '198.51.100.7', port: 443, expect: 'allowed', by: ['egress', 'allow'] }))
    const notes = r.egress.reasons.map((x) => x.detail ?? '').join('\n')
    expect(notes).toContain('the proxy terminates TLS with shop/client-mitm (terminatingTLS, §6.6)')
    expect(notes).toContain('the proxy re-originates TLS with shop/upstream-ca (originatingTLS, §6.6)')
  })
})

describe('§6.6 listener and §7.1 generic L7', () => {
  runSuite({
    yaml,
    probes: [
      { name: '§6.6 a listener port is allowed at L4; the listener decides the rest', from: 'shop/app=client', to: '192.0.2.9', port: 8443, expect: 'allowed', by: ['egress', 'allow', 'shop/tls', 'spec.egress[3]'] },
      { name: '§7.1 an l7proto port is judged at L4', from: 'shop/app=client', to: '192.0.2.9', port: 7000, expect: 'allowed', by: ['egress', 'allow', 'shop/tls', 'spec.egress[4]'] },
      { name: '§7.1 an l7proto port is still closed to other peers', from: 'shop/app=client', to: '203.0.113.10', port: 7000, expect: 'denied', by: ['egress', 'default-deny', 'shop/tls'] },
      { name: '§7.1 HTTP data on an l7proto port is not judged by HTTP rules', from: 'shop/app=client', to: '192.0.2.9', port: 7000, http: 'DELETE /x', expect: 'allowed', by: ['egress', 'allow', 'shop/tls', 'spec.egress[4]'] },
    ],
  })

  const notesOf = (port: number): string => {
    const r = evaluate(compileYaml(yaml), requestOf({ name: '', from: 'shop/app=client', to: '192.0.2.9', port, expect: 'allowed', by: ['egress', 'allow'] }))
    return r.egress.reasons.map((x) => x.detail ?? '').join('\n')
  }
  it('§7.1 the reason says "L7 by parser r2d2 not evaluated"', () => {
    expect(notesOf(7000)).toContain('L7 by parser r2d2 not evaluated; judged at L4')
  })
  it('§6.6 the reason names the listener and its CiliumEnvoyConfig', () => {
    expect(notesOf(8443)).toContain('redirected to listener tls-passthrough of CiliumEnvoyConfig egress-gw')
  })
})
