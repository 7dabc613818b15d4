import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ingestFlows } from '../domain/flows/index.ts'
import { parsePolicies } from '../domain/policy/parse.ts'
import { generateAnswer } from './generate-command.ts'

const FLOWS = ingestFlows(readFileSync(new URL('../../public/samples/demo-flows.jsonl', import.meta.url), 'utf8')).flows

describe('generate command: the review before insertion', () => {
  const answer = generateAnswer(FLOWS, [], {}, { namespace: 'shop' })

  it('one view per drafted policy, its YAML alone, each rule with the flows it covers', () => {
    expect(answer.policies.map((p) => p.name)).toEqual(['backend-observed', 'db-observed', 'frontend-observed'])
    const backend = answer.policies[0]
    expect(backend.yaml).toMatch(/^apiVersion: cilium.io\/v2\nkind: CiliumNetworkPolicy\nmetadata:\n {2}name: backend-observed/)
    expect(backend.yaml).not.toContain('---')
    expect(backend.rules.find((r) => r.summary.startsWith('from shop:app=frontend'))).toMatchObject({ direction: 'ingress', count: 10 })
    expect(backend.rules[0].flows[0]).toMatch(/^#\d+ .+ → .+ TCP\/8080$/)
    expect(answer.note).toMatch(/absent from the capture/)
    expect(answer.yaml.split('\n---\n')).toHaveLength(3)
  })

  it('a name the workspace already uses in the namespace gets a suffix', () => {
    const existing = parsePolicies('apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: db-observed, namespace: shop}\nspec: {endpointSelector: {}}\n').policies
    const renamed = generateAnswer(FLOWS, existing, {}, { namespace: 'shop' })
    expect(renamed.policies.map((p) => p.name)).toEqual(['backend-observed', 'db-observed-2', 'frontend-observed'])
    expect(renamed.yaml).toContain('name: db-observed-2')
  })
})
