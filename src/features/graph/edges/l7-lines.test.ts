import { describe, expect, it } from 'vitest'
import { parsePolicies } from '../../../domain/policy/parse.ts'
import { l7Groups, l7Index } from './l7-lines.ts'

const policy = (rules: string[]): string =>
  [
    'apiVersion: cilium.io/v2',
    'kind: CiliumNetworkPolicy',
    'metadata:',
    '  name: p',
    '  namespace: shop',
    'spec:',
    '  endpointSelector:',
    '    matchLabels:',
    '      app: api',
    '  ingress:',
    '    - fromEndpoints:',
    '        - matchLabels:',
    '            app: web',
    '      toPorts:',
    '        - ports:',
    '            - port: "8080"',
    '              protocol: TCP',
    '          rules:',
    ...rules,
  ].join('\n')

const element = (text: string) => parsePolicies(text).policies[0].rules[0].elements[0]

describe('l7Groups', () => {
  it('lists every HTTP rule with method, path and host', () => {
    const el = element(policy(['            http:', '              - method: GET', '                path: /a', '              - method: POST', '                path: /b', '                host: x.example']))
    expect(l7Groups(el.toPorts)).toEqual([{ protocol: 'HTTP', rules: ['GET /a', 'POST /b host x.example'] }])
  })
  it('lists Kafka and DNS rules', () => {
    expect(l7Groups(element(policy(['            kafka:', '              - role: produce', '                topic: orders'])).toPorts)).toEqual([{ protocol: 'kafka', rules: ['produce orders'] }])
    const dns = policy(['            dns:', '              - matchPattern: "*.example.com"']).replace('  ingress:\n    - fromEndpoints:', '  egress:\n    - toEndpoints:').replace('"8080"', '"53"').replace('protocol: TCP', 'protocol: UDP')
    expect(l7Groups(element(dns).toPorts)).toEqual([{ protocol: 'DNS', rules: ['*.example.com'] }])
  })
  it('finds the rules of an edge by its element id', () => {
    const parsed = parsePolicies(policy(['            http:', '              - method: GET']))
    const index = l7Index(parsed.policies)
    expect(index(parsed.policies[0].rules[0].elements[0].id)).toEqual([{ protocol: 'HTTP', rules: ['GET /*'] }])
    expect(index('nope')).toBeUndefined()
  })
})
