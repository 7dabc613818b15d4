import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import type { ParseResult } from '../policy/model.ts'
import { DEMO_FLOWS_FILE, EXAMPLES } from './catalog.ts'
import { EXPECTED_NODE_IDS } from './expected.ts'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const SAMPLES = resolve(ROOT, 'public/samples')
const PARSER = resolve(ROOT, 'src/domain/policy/parse.ts')

const read = (file: string): string => readFileSync(resolve(SAMPLES, file), 'utf8')

type Json = Record<string, unknown>
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])

function docsOf(file: string): Json[] {
  return parseAllDocuments(read(file)).map((d) => d.toJS() as Json)
}

const PEER_FIELDS = [
  'fromEndpoints',
  'fromCIDR',
  'fromCIDRSet',
  'fromEntities',
  'fromNodes',
  'fromGroups',
  'toEndpoints',
  'toCIDR',
  'toCIDRSet',
  'toEntities',
  'toNodes',
  'toGroups',
  'toServices',
  'toFQDNs',
]

/**
 * The Cilium validity rules the samples must respect (cilium-semantics §2.1, §4.1, §5.1, §7.1),
 * checked structurally so the samples are guarded even before the real parser exists.
 */
function ciliumProblems(doc: Json): string[] {
  const problems: string[] = []
  if (doc.kind === 'NetworkPolicy') return problems
  const spec = isObj(doc.spec) ? doc.spec : {}
  const hasNodeSel = 'nodeSelector' in spec
  if (hasNodeSel === 'endpointSelector' in spec)
    problems.push('need exactly one of endpointSelector/nodeSelector')
  if (hasNodeSel && doc.kind !== 'CiliumClusterwideNetworkPolicy') problems.push('nodeSelector outside CCNP')
  for (const section of ['ingress', 'ingressDeny', 'egress', 'egressDeny']) {
    list(spec[section]).forEach((el, i) => {
      const at = `${section}[${i}]`
      if (!isObj(el)) return void problems.push(`${at} not a mapping`)
      const peers = PEER_FIELDS.filter((f) => f in el)
      if (peers.length > 1) problems.push(`${at} combines ${peers.join(' + ')}`)
      const deny = section.endsWith('Deny')
      if (deny && 'toFQDNs' in el) problems.push(`${at} toFQDNs in a deny rule`)
      for (const pr of list(el.toPorts)) {
        if (!isObj(pr) || !isObj(pr.rules)) continue
        if (deny) problems.push(`${at} L7 rules in a deny rule`)
        const ports = list(pr.ports).filter(isObj)
        if ('dns' in pr.rules) {
          if (section !== 'egress') problems.push(`${at} DNS rules outside egress`)
          if (ports.some((p) => p.port !== '53')) problems.push(`${at} DNS rules on a port other than 53`)
        } else if (ports.some((p) => p.protocol !== 'TCP' || p.port === '0')) {
          problems.push(`${at} L7 rules on a non-TCP or wildcard port`)
        }
      }
    })
  }
  return problems
}

describe('example catalog', () => {
  it('starts with the demo and has unique ids and files', () => {
    expect(EXAMPLES[0]?.id).toBe('demo')
    expect(new Set(EXAMPLES.map((e) => e.id)).size).toBe(EXAMPLES.length)
    expect(new Set(EXAMPLES.map((e) => e.file)).size).toBe(EXAMPLES.length)
  })

  it.each(EXAMPLES.map((e) => [e.id, e.file] as const))(
    '%s: %s exists, is non-empty and opens with a comment',
    (_id, file) => {
      expect(existsSync(resolve(SAMPLES, file))).toBe(true)
      const text = read(file)
      expect(text.trim().length).toBeGreaterThan(0)
      expect(text.startsWith('# ')).toBe(true)
    },
  )

  it.each(EXAMPLES.map((e) => [e.id, e.file] as const))(
    '%s parses as YAML and keeps to Cilium validity rules',
    (id, file) => {
      const parsed = parseAllDocuments(read(file))
      expect(parsed.flatMap((d) => d.errors)).toEqual([])
      const docs = docsOf(file)
      if (id !== 'demo') expect(docs.length).toBeGreaterThanOrEqual(1)
      if (id !== 'demo') expect(docs.length).toBeLessThanOrEqual(3)
      for (const doc of docs) {
        const kind = `${String(doc.apiVersion)} ${String(doc.kind)}`
        expect([
          'cilium.io/v2 CiliumNetworkPolicy',
          'cilium.io/v2 CiliumClusterwideNetworkPolicy',
          'networking.k8s.io/v1 NetworkPolicy',
        ]).toContain(kind)
        expect(ciliumProblems(doc)).toEqual([])
      }
    },
  )

  it('demo has 6–9 policies including a CCNP and a Kubernetes NetworkPolicy', () => {
    const kinds = docsOf('demo.yaml').map((d) => d.kind)
    expect(kinds.length).toBeGreaterThanOrEqual(6)
    expect(kinds.length).toBeLessThanOrEqual(9)
    expect(kinds).toContain('CiliumClusterwideNetworkPolicy')
    expect(kinds).toContain('NetworkPolicy')
  })
})

describe('expected graph node ids', () => {
  it('cover exactly the catalog', () => {
    expect(Object.keys(EXPECTED_NODE_IDS).sort()).toEqual(EXAMPLES.map((e) => e.id).sort())
  })

  it.each(EXAMPLES.map((e) => [e.id, e.file] as const))(
    '%s: every listed id is grounded in the YAML',
    (id, file) => {
      const text = read(file)
      for (const nodeId of EXPECTED_NODE_IDS[id] ?? []) {
        const [kind, ...rest] = nodeId.split('/')
        const body = rest.join('/')
        if (kind === 'ns') {
          expect(text, nodeId).toMatch(new RegExp(`(namespace: |\\.namespace: )${body}\\b`))
        } else if (kind === 'wl' || kind === 'node') {
          const labels = kind === 'wl' ? body.slice(body.indexOf('/') + 1) : body
          for (const kv of labels.split(',')) {
            const [k, v] = kv.split('=')
            expect(text, nodeId).toMatch(v ? `${k}: ${v}` : new RegExp(`${k}: (""|'')`))
          }
        } else {
          expect(text, nodeId).toContain(body)
        }
      }
    },
  )
})

describe('demo flows', () => {
  const text = read(DEMO_FLOWS_FILE)
  const lines = text.trimEnd().split('\n')
  const records = lines.map((l) => JSON.parse(l) as Json)
  const flows = records.map((r) => r.flow as Json)

  // That it is the generator's output, byte for byte, is checked in scripts/gen-demo-flows.test.ts.
  it('has 60–150 hubble observe -o json lines', () => {
    expect(lines.length).toBeGreaterThanOrEqual(60)
    expect(lines.length).toBeLessThanOrEqual(150)
    for (const r of records) {
      expect(Object.keys(r)).toEqual(['flow', 'node_name', 'time'])
      expect((r.flow as Json).time).toBe(r.time)
      expect((r.flow as Json).node_name).toBe(r.node_name)
    }
  })

  it('covers replies, DNS answers, HTTP, the denied metadata call and audited traffic', () => {
    const dst = (f: Json): Json => f.destination as Json
    expect(flows.some((f) => f.is_reply === true)).toBe(true)
    expect(
      flows.some((f) => {
        const dns = (f.l7 as Json | undefined)?.dns as Json | undefined
        return dns?.query === 'api.stripe.com.' && list(dns.ips).length > 0
      }),
    ).toBe(true)
    expect(flows.some((f) => isObj((f.l7 as Json | undefined)?.http))).toBe(true)
    expect(
      flows.some((f) => f.verdict === 'DROPPED' && (f.IP as Json).destination === '169.254.169.254'),
    ).toBe(true)
    expect(flows.some((f) => f.verdict === 'AUDIT')).toBe(true)
    expect(flows.some((f) => list(dst(f).labels).includes('reserved:host'))).toBe(true)
  })
})

interface ParserModule {
  parsePolicies(text: string): ParseResult
}

describe.skipIf(!existsSync(PARSER))('examples through the policy parser', () => {
  it.each(EXAMPLES.map((e) => [e.id, e.file] as const))('%s parses with no errors', async (_id, file) => {
    const { parsePolicies } = (await import(/* @vite-ignore */ PARSER)) as ParserModule
    const result = parsePolicies(read(file))
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(result.policies.length).toBeGreaterThan(0)
  })
})
