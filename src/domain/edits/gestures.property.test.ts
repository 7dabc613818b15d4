import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { NodeId } from '../graph/handles.ts'
import { workloadId } from '../graph/handles.ts'
import type { ParseResult, Policy } from '../policy/model.ts'
import { parsePolicies } from '../policy/parse.ts'
import { applyGesture } from './apply.ts'
import type { Gesture, TextEdit } from './gestures.ts'

const NAMESPACES = ['shop', 'payments']
const APPS = ['frontend', 'backend', 'db', 'pg-gateway']

/** One policy document from a template: either list style, either quote style, comments throughout. */
const policyDoc = fc
  .record({
    ns: fc.constantFrom(...NAMESPACES),
    app: fc.constantFrom(...APPS),
    peer: fc.constantFrom(...APPS),
    port: fc.integer({ min: 1, max: 65535 }),
    dir: fc.constantFrom('ingress', 'egress'),
    kubectl: fc.boolean(),
    single: fc.boolean(),
    n: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ ns, app, peer, port, dir, kubectl, single, n }) => {
    const d = kubectl ? '' : '  '
    const q = single ? "'" : '"'
    const field = dir === 'ingress' ? 'fromEndpoints' : 'toEndpoints'
    return `# ${app} in ${ns} (#${n})
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: p${n}   # generated
  namespace: ${ns}
spec:
  endpointSelector:
    matchLabels:
      app: ${app}
  ${dir}:
  ${d}# talks to ${peer}
  ${d}- ${field}:
  ${d}  ${d}- matchLabels:
  ${d}  ${d}    app: ${peer}
  ${d}  toPorts:
  ${d}  ${d}- ports:
  ${d}  ${d}  ${d}- port: ${q}${port}${q}
  ${d}  ${d}  ${d}  protocol: TCP
`
  })

const otherDoc = fc.constant(`# not a policy: must never change
apiVersion: v1
kind: ConfigMap
metadata:
  name: notes
data:
  why: "kept byte-identical"
`)

// Names made unique (a later duplicate would replace an earlier one, hiding it from the model).
const workspace = fc
  .array(fc.oneof(policyDoc, policyDoc, otherDoc), { minLength: 1, maxLength: 4 })
  .map((docs) => docs.map((d, i) => d.replace(/name: p\d+/, `name: p${i}`)).join('---\n'))

type Seed =
  | { k: 'connect'; a: number; b: number; ns: number; nsB: number; placement: 'ingress' | 'egress'; port: number; deny: boolean }
  | { k: 'egressTo'; a: number; ns: number; to: NodeId }
  | { k: 'delete'; i: number; peer: boolean }
  | { k: 'node'; a: number; ns: number; action: 'defaultDeny' | 'allowDns' | 'isolate' }
  | { k: 'port'; i: number; port: number }

const idx = fc.nat(1000)
const seed: fc.Arbitrary<Seed> = fc.oneof(
  fc.record({ k: fc.constant('connect' as const), a: idx, b: idx, ns: idx, nsB: idx, placement: fc.constantFrom('ingress' as const, 'egress' as const), port: fc.integer({ min: 1, max: 65535 }), deny: fc.boolean() }),
  fc.record({ k: fc.constant('egressTo' as const), a: idx, ns: idx, to: fc.constantFrom<NodeId>('entity/world', 'entity/kube-apiserver', 'cidr/10.0.0.0/8', 'fqdn/api.stripe.com', 'fqdn/*.example.com') }),
  fc.record({ k: fc.constant('delete' as const), i: idx, peer: fc.boolean() }),
  fc.record({ k: fc.constant('node' as const), a: idx, ns: idx, action: fc.constantFrom('defaultDeny' as const, 'allowDns' as const, 'isolate' as const) }),
  fc.record({ k: fc.constant('port' as const), i: idx, port: fc.integer({ min: 1, max: 65535 }) }),
)

const pick = <T,>(xs: readonly T[], i: number): T => xs[i % xs.length]
const wl = (ns: number, a: number): NodeId => workloadId(pick(NAMESPACES, ns), { app: pick(APPS, a) })

function materialize(s: Seed, parse: ParseResult): Gesture | null {
  const elements = parse.policies.flatMap((p) => p.rules.flatMap((r) => r.elements))
  switch (s.k) {
    case 'connect':
      return { type: 'connect', from: wl(s.ns, s.a), to: wl(s.nsB, s.b), ports: [{ port: String(s.port) }], action: s.deny ? 'deny' : 'allow', placement: s.placement }
    case 'egressTo':
      return { type: 'connect', from: wl(s.ns, s.a), to: s.to, ports: [{ port: '443' }], action: 'allow', placement: 'egress' }
    case 'delete': {
      if (elements.length === 0) return null
      const e = pick(elements, s.i)
      return { type: 'deleteEdge', elementId: e.id, ...(s.peer && { peerIndex: 0 }) }
    }
    case 'node':
      if (s.action === 'isolate') return { type: 'isolateNamespace', namespace: pick(NAMESPACES, s.ns) }
      return s.action === 'allowDns' ? { type: 'allowDns', subject: wl(s.ns, s.a) } : { type: 'defaultDeny', subject: wl(s.ns, s.a), direction: 'egress' }
    case 'port': {
      const withPorts = elements.filter((e) => (e.toPorts ?? []).some((pr) => pr.ports.length > 0))
      if (withPorts.length === 0) return null
      return { type: 'setField', change: { kind: 'port', elementId: pick(withPorts, s.i).id, portIndex: 0, port: String(s.port) } }
    }
  }
}

function chunks(text: string): [number, number][] {
  const starts = [0]
  for (const m of text.matchAll(/^---(?=[ \t\r\n]|$)/gm)) if (m.index > 0) starts.push(m.index)
  return starts.map((s, i) => [s, i + 1 < starts.length ? starts[i + 1] : text.length])
}

/** A policy without positions, for "unchanged" comparisons across shifted text. */
function canonical(p: Policy): string {
  return JSON.stringify(p, (k, v: unknown) => (k === 'origin' || k === 'subjectOrigin' ? undefined : v))
}

const errorCount = (p: ParseResult): number => p.diagnostics.filter((d) => d.severity === 'error').length
const elementCount = (p: ParseResult): number => p.policies.reduce((n, x) => n + x.rules.reduce((m, r) => m + r.elements.length, 0), 0)
const peerCount = (p: ParseResult): number => p.policies.reduce((n, x) => n + x.rules.reduce((m, r) => m + r.elements.reduce((k, e) => k + e.peers.length, 0), 0), 0)

function untouched(text: string, edits: readonly TextEdit[]): [number, number][] {
  return chunks(text).filter(([s, e]) => edits.every((x) => x.end < s || x.start > e))
}

describe('gesture sequences on random workspaces', () => {
  it('keep untouched documents byte-identical, the YAML valid, and change the model only as intended', () => {
    const runs = Number(process.env.EDIT_RUNS ?? 150)
    // Counted over the whole run, so a planner that refuses everything cannot pass by checking nothing.
    const applied = new Map<Gesture['type'], number>()
    let refused = 0
    fc.assert(
      fc.property(workspace, fc.array(seed, { maxLength: 6 }), (initial, seeds) => {
        let text = initial
        let parse = parsePolicies(text)
        for (const s of seeds) {
          const g = materialize(s, parse)
          if (!g) continue
          const r = applyGesture(text, parse, g)
          if ('error' in r) {
            // Refusals must be explanations, never planning bugs caught by the safety net.
            expect(r.error).not.toMatch(/^internal|would make the YAML invalid/)
            refused++
            continue
          }
          const next = parsePolicies(r.text)
          expect(errorCount(next)).toBeLessThanOrEqual(errorCount(parse))
          // Every document no edit touches is still there, byte for byte, in the same order.
          let shift = 0
          let e = 0
          for (const [cs, ce] of untouched(text, r.edits)) {
            while (e < r.edits.length && r.edits[e].end < cs) {
              shift += r.edits[e].text.length - (r.edits[e].end - r.edits[e].start)
              e++
            }
            expect(r.text.slice(cs + shift, ce + shift)).toBe(text.slice(cs, ce))
          }
          // Policies in untouched documents are semantically unchanged.
          const keep = untouched(text, r.edits)
          const before = new Map(parse.policies.map((p) => [p.key, p]))
          const after = new Map(next.policies.map((p) => [p.key, p]))
          for (const p of parse.policies) {
            const inUntouched = keep.some(([cs, ce]) => p.origin.range.start >= cs && p.origin.range.end <= ce)
            if (inUntouched) expect(after.has(p.key) && canonical(after.get(p.key) as Policy)).toBe(canonical(p))
          }
          // The intended change, by gesture kind.
          const dElements = elementCount(next) - elementCount(parse)
          if (g.type === 'connect') {
            const sides = g.placement === 'both' ? 2 : 1
            expect(dElements).toBeGreaterThanOrEqual(1)
            expect(dElements).toBeLessThanOrEqual(sides + (g.to.startsWith('fqdn/') ? 1 : 0))
          } else if (g.type === 'deleteEdge') {
            const was = [...before.values()].flatMap((p) => p.rules.flatMap((x) => x.elements)).find((x) => x.id === g.elementId)
            if (g.peerIndex !== undefined && (was?.peers.length ?? 0) > 1) {
              expect(dElements).toBe(0)
              expect(peerCount(next)).toBe(peerCount(parse) - 1)
            } else expect(dElements).toBe(-1)
          } else if (g.type === 'setField') {
            expect(dElements).toBe(0)
          } else {
            expect(dElements).toBe(1)
          }
          applied.set(g.type, (applied.get(g.type) ?? 0) + 1)
          text = r.text
          parse = next
        }
      }),
      { numRuns: runs },
    )
    // A run draws three seeds on average and about 2.5 apply (measured: ~380 applied, ~5 refused
    // per 150 runs, every kind at least 17 times); the floors below are far under that.
    const counts = `applied ${JSON.stringify(Object.fromEntries(applied))}, refused ${refused}`
    const total = [...applied.values()].reduce((a, b) => a + b, 0)
    expect(total, counts).toBeGreaterThanOrEqual(runs)
    expect(total, counts).toBeGreaterThan(10 * refused)
    for (const kind of ['connect', 'deleteEdge', 'setField', 'isolateNamespace', 'allowDns', 'defaultDeny'] as const) {
      expect(applied.get(kind) ?? 0, `${kind}: ${counts}`).toBeGreaterThanOrEqual(Math.floor(runs / 30))
    }
  }, 120_000)
})
