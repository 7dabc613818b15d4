/**
 * Coverage at a glance: for each workload of a namespace, what the compiled policies do to it,
 * asked of the engine itself (so every translation, default-deny rule and agent setting counts):
 * is its ingress / egress isolated (a peer no rule names is denied: default deny, §3.1–3.2 — a
 * policy with `enableDefaultDeny: false` selects without isolating), can `world` reach it, do its rules send it
 * through the L7 proxy, and does it have toFQDNs rules whose DNS lookups no proxy sees (§5.6).
 */
import type { CompiledPolicySet, EndpointRef, EvalRequest } from '../engine/index.ts'
import { evaluate, podRef, refFromIp } from '../engine/index.ts'
import { LabelIndex, selectorMatches } from '../labels/selector.ts'
import type { Policy } from '../policy/model.ts'
import type { Coverage } from './model.ts'

/** A workload as drawn on the graph: its node id and the endpoint that stands for it. */
export interface RolloutWorkload {
  readonly id: string
  readonly namespace: string
  readonly ref: EndpointRef
}

/** A documentation address (RFC 5737): world, and nothing a policy names by accident. */
const WORLD = refFromIp('203.0.113.9')
/** A pod no rule names: a direction is isolated when such a peer is denied (default deny, §3.2). */
const STRANGER = podRef({ namespace: 'membrane-probe', labels: { 'membrane.rollout/probe': 'stranger' } })
/** A port no rule is likely to name. */
const PROBE_PORT = 1
/** Denied, or denied but let through by audit mode: the direction is default deny for this pod. */
const isolating = (v: string): boolean => v === 'denied' || v === 'audit'

const probe = (source: EndpointRef, destination: EndpointRef, port: number): EvalRequest => ({ source, destination, protocol: 'TCP', port })

/** Whether a pod of the namespace with labels no policy names is isolated: namespace-wide default deny. */
export function namespaceDefaultDeny(set: CompiledPolicySet, namespace: string): { ingress: boolean; egress: boolean } {
  const stranger = podRef({ namespace, labels: { 'membrane.rollout/probe': 'any-pod' } })
  return {
    ingress: isolating(evaluate(set, probe(STRANGER, stranger, PROBE_PORT)).ingress.verdict),
    egress: isolating(evaluate(set, probe(stranger, STRANGER, PROBE_PORT)).egress.verdict),
  }
}

/** Ingress ports the policies name, where world might be let in (plus the web's two). */
function candidatePorts(policies: readonly Policy[]): number[] {
  const ports = new Set([80, 443])
  for (const p of policies) for (const r of p.rules) for (const el of r.elements) {
    if (el.direction !== 'ingress' || el.deny) continue
    for (const pr of el.toPorts ?? []) for (const pp of pr.ports) {
      const n = Number(pp.port)
      if (Number.isInteger(n) && n > 0) ports.add(n)
    }
  }
  return [...ports].sort((a, b) => a - b)
}

function selecting(policies: readonly Policy[], ref: EndpointRef): Policy['rules'][number][] {
  const labels = new LabelIndex(ref.labels)
  return policies.flatMap((p) => p.rules.filter((r) => r.subject.kind === 'endpoints' && selectorMatches(r.subject.selector, labels)))
}

/** Coverage of the given workloads; `fqdnWithoutDns` holds the element ids lint flagged `fqdn-without-dns-proxy`. */
export function coverageOf(set: CompiledPolicySet, policies: readonly Policy[], workloads: readonly RolloutWorkload[], fqdnWithoutDns: ReadonlySet<string>): Coverage {
  const ports = candidatePorts(policies)
  const out = { workloads: [] as string[], ingressIsolated: [] as string[], egressIsolated: [] as string[], worldReachable: [] as string[], l7: [] as string[], fqdnWithoutDns: [] as string[] }
  for (const w of workloads) {
    out.workloads.push(w.id)
    if (isolating(evaluate(set, probe(STRANGER, w.ref, PROBE_PORT)).ingress.verdict)) out.ingressIsolated.push(w.id)
    if (isolating(evaluate(set, probe(w.ref, STRANGER, PROBE_PORT)).egress.verdict)) out.egressIsolated.push(w.id)
    const open = [PROBE_PORT, ...ports].some((port) => evaluate(set, probe(WORLD, w.ref, port)).ingress.verdict !== 'denied')
    if (open) out.worldReachable.push(w.id)
    const rules = selecting(policies, w.ref)
    // DNS rules are left out: nearly every pod's lookups go through the DNS proxy.
    if (rules.some((r) => r.elements.some((el) => !el.deny && (el.toPorts ?? []).some((pr) => pr.l7 !== undefined && pr.l7.kind !== 'dns')))) out.l7.push(w.id)
    if (rules.some((r) => r.elements.some((el) => fqdnWithoutDns.has(el.id)))) out.fqdnWithoutDns.push(w.id)
  }
  return out
}
