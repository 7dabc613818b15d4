/** Cilium's merge-time rejections (§7.6, §6.6) and the TLS/listener/Kafka field checks. */
import { describe, expect, it } from 'vitest'
import { parsePolicies } from './parse.ts'
import { lineOf } from './test-util.ts'

const cnp = (name: string, spec: string) => `---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: ${name}, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: broker}}
${spec}`

const http = `rules: {http: [{method: GET}]}`
const kafka = `rules: {kafka: [{role: produce, topic: orders}]}`

interface Case {
  readonly text: string
  /** Text on the line the error starts at, or null for "no error". */
  readonly at: string | null
  readonly code?: string
  /** Policy rules left in the model, per policy. */
  readonly rules?: readonly number[]
}

const port = (p: string, proto = 'TCP') => `ports: [{port: "${p}", protocol: ${proto}}]`

const cases: Record<string, Case> = {
  '§7.6 HTTP and Kafka for the same peer and port in one rule are rejected': {
    at: 'kafka: [{role: produce', rules: [0],
    text: cnp('a', `  ingress:
    - fromEndpoints: [{matchLabels: {app: client}}]
      toPorts: [{${port('9092')}, ${http}}]
    - fromEndpoints: [{matchLabels: {app: client}}]
      toPorts: [{${port('9092')}, ${kafka}}]
`),
  },
  '§7.6 the clash is found across policies with the same subject; the later rule is left out': {
    at: 'kafka: [{role: produce', rules: [1, 0],
    text: cnp('a', `  ingress:
    - fromEndpoints: [{matchLabels: {app: client}}]
      toPorts: [{${port('9092')}, ${http}}]
`) + cnp('b', `  ingress:
    - fromEndpoints: [{matchLabels: {app: client}}]
      toPorts: [{${port('9092')}, ${kafka}}]
`),
  },
  '§9.10 different selectors on the same port are accepted': {
    at: null, rules: [1],
    text: cnp('a', `  ingress:
    - fromEndpoints: [{matchLabels: {app: client}}]
      toPorts: [{${port('9092')}, ${kafka}}]
    - toPorts: [{${port('9092')}, ${http}}]
`),
  },
  '§7.6 the same parser twice merges': {
    at: null, rules: [1],
    text: cnp('a', `  ingress:
    - fromEndpoints: [{matchLabels: {app: client}}]
      toPorts: [{${port('80')}, ${http}}]
    - fromEndpoints: [{matchLabels: {app: client}}]
      toPorts: [{${port('80')}, rules: {http: [{method: POST}]}}]
`),
  },
  '§7.6 an L4-only rule next to an L7 rule merges (wildcard L7)': {
    at: null, rules: [1],
    text: cnp('a', `  ingress:
    - fromEndpoints: [{matchLabels: {app: client}}]
      toPorts: [{${port('80')}}]
    - fromEndpoints: [{matchLabels: {app: client}}]
      toPorts: [{${port('80')}, ${http}}]
`),
  },
  '§7.6 different ports do not clash': {
    at: null, rules: [1],
    text: cnp('a', `  ingress:
    - fromEndpoints: [{matchLabels: {app: client}}]
      toPorts: [{${port('80')}, ${http}}, {${port('9092')}, ${kafka}}]
`),
  },
  '§7.6 two generic parsers on one port clash': {
    at: 'l7proto: b', rules: [0],
    text: cnp('a', `  ingress:
    - toPorts: [{${port('7000')}, rules: {l7proto: a, l7: [{x: "1"}]}}]
    - toPorts: [{${port('7000')}, rules: {l7proto: b, l7: [{x: "1"}]}}]
`),
  },
  '§5.2 entity all is the same selector as an omitted peer': {
    at: 'kafka: [{role: produce', rules: [0],
    text: cnp('a', `  ingress:
    - toPorts: [{${port('9092')}, ${http}}]
    - fromEntities: [all]
      toPorts: [{${port('9092')}, ${kafka}}]
`),
  },
  '§7.6 DNS on ANY and HTTP on TCP 53 clash on TCP': {
    at: 'http: [{method: GET}]', rules: [0],
    text: cnp('a', `  egress:
    - toEndpoints: [{matchLabels: {app: dns}}]
      toPorts: [{${port('53', 'ANY')}, rules: {dns: [{matchPattern: "*"}]}}]
    - toEndpoints: [{matchLabels: {app: dns}}]
      toPorts: [{${port('53')}, ${http}}]
`),
  },
  '§6.6 conflicting terminatingTLS for the same peer and port': {
    at: 'terminatingTLS: {secret: {name: other}}', rules: [0],
    text: cnp('a', `  ingress:
    - toPorts:
        - ${port('443')}
          terminatingTLS: {secret: {name: one}}
    - toPorts:
        - ${port('443')}
          terminatingTLS: {secret: {name: other}}
`),
  },
  '§6.6 the same TLS context twice merges': {
    at: null, rules: [1],
    text: cnp('a', `  ingress:
    - toPorts:
        - ${port('443')}
          terminatingTLS: {secret: {name: one}}
    - toPorts:
        - ${port('443')}
          terminatingTLS: {secret: {name: one}}
`),
  },
}

describe('merge-time rejections (§7.6, §6.6)', () => {
  for (const [name, c] of Object.entries(cases))
    it(name, () => {
      const r = parsePolicies(c.text)
      const errs = r.diagnostics.filter((d) => d.severity === 'error')
      if (c.at === null) expect(errs).toEqual([])
      else {
        expect(errs.map((d) => d.code)).toEqual(['l7-parser-conflict'])
        expect(errs[0].line).toBe(lineOf(c.text, c.at))
      }
      if (c.rules) expect(r.policies.map((p) => p.rules.length)).toEqual(c.rules)
    })

  it('the message names both parsers, the port and the other rule', () => {
    const r = parsePolicies(cases['§7.6 HTTP and Kafka for the same peer and port in one rule are rejected'].text)
    expect(r.diagnostics[0].message).toMatch(/^Kafka and HTTP rules for the same peer on 9092\/TCP: Cilium rejects .* shop\/a spec\.ingress\[0\]\.toPorts\[0\]/)
  })
})

const tls = (entry: string, dir = 'egress') => cnp('t', `  ${dir}:
    - toPorts:
        - ${port('443')}
${entry.replace(/^/gm, '          ')}
`)

const fieldCases: Record<string, { text: string; code: string | null; at?: string }> = {
  '§6.6 serverNames with L7 rules need terminatingTLS': { text: tls(`serverNames: [api.example.com]\n${http}`), code: 'server-names-l7', at: 'serverNames:' },
  '§6.6 serverNames with L7 and terminatingTLS are fine': { text: tls(`serverNames: [api.example.com]\nterminatingTLS: {secret: {name: s}}\n${http}`), code: null },
  '§6.6 a listener is egress only': { text: tls(`listener: {envoyConfig: {kind: CiliumEnvoyConfig, name: cec}, name: l1}`, 'ingress'), code: 'listener-ingress', at: 'listener:' },
  '§6.6 a listener cannot carry L7 rules': { text: tls(`listener: {envoyConfig: {name: cec}, name: l1}\n${http}`), code: 'listener-l7', at: 'listener:' },
  '§6.6 a listener needs its envoyConfig name': { text: tls(`listener: {name: l1}`), code: 'listener', at: 'listener:' },
  '§6.6 a listener kind must be an Envoy config kind': { text: tls(`listener: {envoyConfig: {kind: Service, name: x}, name: l1}`), code: 'listener', at: 'listener:' },
  '§6.6 a TLS secret needs a name': { text: tls(`originatingTLS: {secret: {namespace: ns}}`), code: 'tls-secret', at: 'originatingTLS:' },
  '§7.3 Kafka apiKey must be a known name': { text: cnp('k', `  ingress:\n    - toPorts: [{${port('9092')}, rules: {kafka: [{apiKey: "0"}]}}]\n`), code: 'kafka-apikey', at: 'apiKey' },
  '§7.3 Kafka apiKey names are case-insensitive': { text: cnp('k', `  ingress:\n    - toPorts: [{${port('9092')}, rules: {kafka: [{apiKey: ApiVersions}]}}]\n`), code: null },
  '§7.3 Kafka apiVersion must be a small integer': { text: cnp('k', `  ingress:\n    - toPorts: [{${port('9092')}, rules: {kafka: [{apiKey: fetch, apiVersion: "x1"}]}}]\n`), code: 'kafka-apiversion', at: 'apiVersion: "x1"' },
}

describe('TLS, listener and Kafka fields', () => {
  for (const [name, c] of Object.entries(fieldCases))
    it(name, () => {
      const r = parsePolicies(c.text)
      const errs = r.diagnostics.filter((d) => d.severity === 'error')
      if (c.code === null) expect(errs).toEqual([])
      else {
        expect(errs.map((d) => d.code)).toEqual([c.code])
        expect(errs[0].line).toBe(lineOf(c.text, c.at!))
      }
    })

  it('parses the TLS contexts and the listener into the model', () => {
    const r = parsePolicies(tls(`serverNames: [api.example.com, "*.cdn.example.com"]
terminatingTLS: {secret: {namespace: shop, name: api-tls}}
originatingTLS: {trustedCA: /etc/ssl/ca.crt}`) + cnp('l', `  egress:
    - toPorts:
        - ${port('80')}
          listener: {envoyConfig: {kind: CiliumClusterwideEnvoyConfig, name: gw}, name: http, priority: 10}
`))
    expect(r.diagnostics).toEqual([])
    const [a, b] = r.policies.map((p) => p.rules[0].elements[0].toPorts![0])
    expect(a.serverNames).toEqual(['api.example.com', '*.cdn.example.com'])
    expect(a.terminatingTLS).toMatchObject({ secret: { namespace: 'shop', name: 'api-tls' } })
    expect(a.originatingTLS).toMatchObject({ trustedCA: '/etc/ssl/ca.crt' })
    expect(b.listener).toMatchObject({ envoyConfig: { kind: 'CiliumClusterwideEnvoyConfig', name: 'gw' }, name: 'http', priority: 10 })
  })
})
