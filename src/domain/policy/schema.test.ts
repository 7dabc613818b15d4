import { describe, expect, it } from 'vitest'
import { policySchema } from './schema.ts'

/** All `$ref` targets in the schema. */
function refs(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x) => refs(x, out))
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === '$ref' && typeof x === 'string') out.push(x)
      else refs(x, out)
    }
  }
  return out
}

describe('policySchema', () => {
  const defs = policySchema.definitions as Record<string, Record<string, unknown>>

  it('is plain JSON (survives a JSON round trip) and draft-07', () => {
    expect(JSON.parse(JSON.stringify(policySchema))).toEqual(policySchema)
    expect(policySchema.$schema).toBe('http://json-schema.org/draft-07/schema#')
  })

  it('every $ref resolves', () => {
    for (const r of refs(policySchema)) {
      if (r === '#') continue
      const name = r.replace('#/definitions/', '')
      expect(defs[name], r).toBeDefined()
    }
  })

  it('dispatches on kind for all four kinds', () => {
    const kinds = (policySchema.allOf as { if: { properties: { kind: { const: string } } } }[]).map((x) => x.if.properties.kind.const)
    expect(kinds).toEqual(expect.arrayContaining(['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy', 'NetworkPolicy', 'CiliumCIDRGroup']))
  })

  it('closes spec objects and lists the enums', () => {
    expect(defs.rule.additionalProperties).toBe(false)
    expect(defs.egressRule.additionalProperties).toBe(false)
    expect(defs.entity.enum).toEqual(['all', 'world', 'cluster', 'host', 'remote-node', 'kube-apiserver', 'health', 'init', 'ingress', 'unmanaged', 'none'])
    const pp = defs.portProtocol.properties as Record<string, { enum?: string[] }>
    expect(pp.protocol.enum).toEqual(['TCP', 'UDP', 'SCTP', 'ANY'])
    const kafka = defs.kafkaRule.properties as Record<string, { enum?: string[] }>
    expect(kafka.role.enum).toEqual(['produce', 'consume'])
    expect(JSON.stringify(defs.icmpRule)).toContain('"IPv6"')
    expect(JSON.stringify(defs.httpRule)).toContain('"PATCH"')
  })

  it('deny elements have no toFQDNs or L7, and every field has a description', () => {
    const deny = defs.egressDenyRule.properties as Record<string, unknown>
    expect(deny.toFQDNs).toBeUndefined()
    expect(Object.keys(defs.portDenyRule.properties as object)).toEqual(['ports'])
    for (const [name, def] of Object.entries(defs)) {
      for (const [field, s] of Object.entries((def.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        const described = typeof s.description === 'string' || typeof s.$ref === 'string' || name === 'tlsContext' || name === 'headerMatch'
        expect(described, `${name}.${field}`).toBe(true)
      }
    }
  })
})
