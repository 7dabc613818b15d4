import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { compilePolicySet } from '../../domain/engine/index.ts'
import { parsePolicies } from '../../domain/policy/parse.ts'
import type { TraceQuery } from '../../domain/trace/index.ts'
import { traceConnection } from '../../domain/trace/index.ts'
import { sniDependence } from './sni-dependence.ts'

const parsed = parsePolicies(readFileSync('fixtures/policies/tls-server-names.yaml', 'utf8'))
const set = compilePolicySet(parsed.policies, parsed.cidrGroups)
const query = (to: string, port: number, sni?: string): TraceQuery => ({
  from: { kind: 'pod', namespace: 'shop', labels: { app: 'client' } },
  to: { kind: 'ip', ip: to },
  protocol: 'TCP',
  port,
  ...(sni !== undefined && { sni }),
})
const depends = (q: TraceQuery) => sniDependence(traceConnection(set, q).result, q, parsed.policies)

describe('§6.6 a trace without an SNI says the verdict depends on it', () => {
  it('names the allowing rule and its serverNames', () => {
    expect(depends(query('203.0.113.10', 443))).toEqual({ rules: ['shop/client-egress spec.egress[0]'], serverNames: ['api.example.com'] })
  })

  it('says nothing once an SNI is given (then serverNames are evaluated)', () => {
    expect(depends(query('203.0.113.10', 443, 'api.example.com'))).toBeNull()
    expect(traceConnection(set, query('203.0.113.10', 443, 'api.example.com')).result.verdict).toBe('allowed')
    expect(traceConnection(set, query('203.0.113.10', 443, 'evil.example.org')).result.verdict).toBe('denied')
  })

  it('says nothing when the allowing rule has no serverNames, or nothing allows', () => {
    expect(depends(query('10.0.0.9', 443))).toBeNull()
    expect(depends(query('203.0.113.10', 80))).toBeNull()
  })

  it('says nothing without a query', () => {
    expect(sniDependence(traceConnection(set, query('203.0.113.10', 443)).result, null, parsed.policies)).toBeNull()
  })
})
