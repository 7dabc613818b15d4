/**
 * The evaluator's verdict on every rule edge: the traffic the rule admits (edge-probes.ts), from
 * a representative member of its peer to one of its subject (representatives.ts), evaluated
 * against the whole draft, both sides (§3.5), with the draft's audit and enforcement settings.
 * An allow rule whose traffic the other side blocks is "blocked elsewhere": the graph shows it
 * as a dead rule, with the rule that blocks it.
 */
import type { CompiledPolicySet, EndpointRef, EvalRequest, EvalResult, Reason, ReasonEffect, SideResult, Verdict } from '../engine/index.ts'
import { createSession, explain } from '../engine/index.ts'
import type { EdgeId, ElementId, PolicyKey } from '../graph/handles.ts'
import type { GraphModel } from '../graph/model.ts'
import { edgeId, policyKey } from '../graph/handles.ts'
import type { Direction, Origin, ParseResult, Policy } from '../policy/model.ts'
import type { EdgeProbe } from './edge-probes.ts'
import { elementProbes } from './edge-probes.ts'
import type { Representative } from './representatives.ts'
import { peerMember, subjectMember } from './representatives.ts'

/**
 * `blocked-elsewhere`: the rule admits the traffic but default deny elsewhere (usually the other
 * side) drops it; `deny-rule`: a deny rule wins (§4.2); `l7`: the request is refused at L7;
 * `not-admitted`: the representative member is not let through by this rule's own side.
 */
export type EdgeCause = 'allowed' | 'blocked-elsewhere' | 'deny-rule' | 'l7' | 'not-admitted'

/** The rule that decided, to link to (select it, reveal its YAML). */
export interface DecidingRule {
  /** `ns/name`, or `name` for a cluster-wide policy. */
  readonly policy: string
  readonly policyKey?: PolicyKey
  /** YAML path, e.g. `spec.egress[0]`, `spec` for "selected, nothing matched" (default deny). */
  readonly path: string
  readonly effect: ReasonEffect
  readonly elementId?: ElementId
  readonly direction: Direction
  readonly origin?: Origin
}

export interface EdgeVerdict {
  readonly edgeId: EdgeId
  readonly verdict: Verdict
  readonly cause: EdgeCause
  /** One line a person reads on hover; absent when allowed. */
  readonly reason?: string
  readonly deciding?: DecidingRule
  /** `one` identity; `representative`: judged on one member of many; `differs`: members differ. */
  readonly members: 'one' | 'representative' | 'differs'
  /** What the members note says: which member was judged, and which one differs. */
  readonly memberNote?: string
  /** Verdict per probe (port / L7 row). */
  readonly probes: readonly { readonly label: string; readonly verdict: Verdict }[]
  /** The worst probe's trace explanation (`explain`), for the Inspector. */
  readonly lines: readonly string[]
}

/** Names of an edge's ends as the graph shows them (node labels). */
export interface EdgeNames {
  readonly subject: string
  readonly peer: string
}

const RANK: Readonly<Record<Verdict, number>> = { allowed: 0, audit: 1, denied: 2 }

/**
 * Verdicts of every rule edge the draft's policies draw, keyed like the graph's edges. `names`
 * gives the graph's labels of an edge's ends for explanations. Edges the draft alone cannot judge
 * (toServices and fromNodes peers without an inventory) get none.
 */
export function edgeVerdicts(
  set: CompiledPolicySet,
  parsed: Pick<ParseResult, 'policies' | 'cidrGroups'>,
  names: (edge: EdgeId, direction: Direction) => EdgeNames,
): EdgeVerdict[] {
  const out: EdgeVerdict[] = []
  for (const policy of parsed.policies) {
    for (const rule of policy.rules) {
      const subject = subjectMember(rule.subject, policy.namespace)
      for (const element of rule.elements) {
        const probes = elementProbes(element)
        element.peers.forEach((peer, i) => {
          const id = edgeId(element.id, i)
          const member = peerMember(peer, policy.namespace, parsed.cidrGroups)
          if (!subject || !member || probes.length === 0) return
          out.push(judgeEdge(set, { id, policy, direction: element.direction, deny: element.deny, elementId: element.id, subject, peer: member, probes, names: names(id, element.direction) }))
        })
      }
    }
  }
  return out
}

interface EdgeCase {
  readonly id: EdgeId
  readonly policy: Policy
  readonly direction: Direction
  readonly deny: boolean
  readonly elementId: ElementId
  readonly subject: Representative
  readonly peer: Representative
  readonly probes: readonly EdgeProbe[]
  readonly names: EdgeNames
}

interface Run {
  readonly probe: EdgeProbe
  readonly request: EvalRequest
  readonly result: EvalResult
  readonly notes: readonly string[]
}

function judgeEdge(set: CompiledPolicySet, c: EdgeCase): EdgeVerdict {
  const runs = c.probes.map((p) => run(set, c.direction, c.subject, c.peer, p))
  let worst = runs[0]
  for (const r of runs) if (RANK[r.result.verdict] > RANK[worst.result.verdict]) worst = r
  const verdict = worst.result.verdict

  // Members that may meet other policies: judged too, on the worst probe.
  let members: EdgeVerdict['members'] = c.peer.many || c.subject.many ? 'representative' : 'one'
  let memberNote = members === 'one' ? undefined : `judged on ${c.peer.text}${c.subject.many ? ` and ${c.subject.text}` : ''}; other members may differ`
  for (const alt of c.peer.alternates) {
    const other = run(set, c.direction, c.subject, alt, worst.probe).result.verdict
    if (other !== verdict) {
      members = 'differs'
      memberNote = `judged on ${c.peer.text}: ${verdict}; but ${alt.text}: ${other} — the verdict differs across members`
      break
    }
  }
  const base = {
    edgeId: c.id,
    verdict,
    members,
    ...(memberNote !== undefined && { memberNote }),
    probes: runs.map((r) => ({ label: r.probe.label, verdict: r.result.verdict })),
    lines: [...worst.notes, ...explain(worst.result, { set, request: worst.request })],
  }
  if (verdict === 'allowed') return { ...base, cause: 'allowed' }
  const { cause, reason, deciding } = why(c, worst, runs.length > 1)
  return { ...base, cause, reason, ...(deciding && { deciding }) }
}

function run(set: CompiledPolicySet, direction: Direction, subject: Representative, peer: Representative, probe: EdgeProbe): Run {
  const [src, dst] = direction === 'ingress' ? [peer, subject] : [subject, peer]
  const destination: EndpointRef = probe.namedPort
    ? { ...dst.ref, namedPorts: { ...dst.ref.namedPorts, [probe.namedPort.name]: probe.namedPort.port } }
    : dst.ref
  const session = createSession(set)
  const notes: string[] = []
  if (dst.dnsName !== undefined && dst.ref.ip !== undefined) {
    // toFQDNs matches only what the DNS proxy saw the source resolve (§5.6).
    const learned = session.learnDns(src.ref, dst.dnsName, [dst.ref.ip])
    if (!learned) notes.push(`${dst.dnsName} is not resolved through Cilium's DNS proxy for this source: no egress DNS rule covers its DNS traffic, so toFQDNs cannot match.`)
  }
  const request: EvalRequest = {
    source: src.ref,
    destination,
    protocol: probe.protocol,
    ...(probe.port !== undefined && { port: probe.port }),
    ...(probe.icmpType !== undefined && { icmpType: probe.icmpType }),
    ...(probe.l7 && { l7: probe.l7 }),
  }
  return { probe, request, result: session.evaluate(request), notes }
}

function why(c: EdgeCase, worst: Run, manyProbes: boolean): { cause: EdgeCause; reason: string; deciding?: DecidingRule } {
  const { result, probe } = worst
  const on = `on ${probe.label}`
  const verb = c.direction === 'ingress' ? 'admits' : 'may reach'
  const said = `${c.names.subject} ${verb} ${c.names.peer} ${on}`
  const audit = result.verdict === 'audit' ? ' (audit mode lets it through)' : ''
  if (result.l7?.verdict === 'denied') {
    const r = result.l7.reasons[0]
    const ruleDir: Direction = c.direction
    return { cause: 'l7', reason: `${on}: the request is refused at L7${r?.policy ? ` by ${r.policy}` : ''}`, ...(r && r.policy && { deciding: decidingOf(r, ruleDir) }) }
  }
  // The side that blocks: the other side first, as the rule's own side admits by construction.
  const own: Direction = c.direction
  const other: Direction = own === 'ingress' ? 'egress' : 'ingress'
  const blocking = isBlocking(result[other]) ? other : own
  const side = result[blocking]
  const r = side.reasons[0]
  const deciding = r && r.policy ? decidingOf(r, blocking) : undefined
  const whose = blocking === 'egress'
    ? (c.direction === 'ingress' ? c.names.peer : c.names.subject)
    : (c.direction === 'ingress' ? c.names.subject : c.names.peer)
  const by = r?.policy ? `${r.policy}${r.path && r.path !== 'spec' ? ` ${r.path}` : ''}` : 'the agent'
  const prefix = manyProbes ? `${on}: ` : ''
  if (r?.effect === 'deny') {
    const self = r.elementId === c.elementId
    return { cause: 'deny-rule', reason: `${prefix}${self ? 'this deny rule wins' : `denied by ${by}`} (deny rules win over allows)${audit}`, ...(deciding && { deciding }) }
  }
  if (c.deny) return { cause: 'deny-rule', reason: `${prefix}blocked by ${by}${audit}`, ...(deciding && { deciding }) }
  if (blocking === own) {
    return { cause: 'not-admitted', reason: `${prefix}${c.peer.text} is not let through by ${whose}'s ${blocking} (${by})${audit}`, ...(deciding && { deciding }) }
  }
  return {
    cause: 'blocked-elsewhere',
    reason: `${said}, but ${whose}'s ${blocking} is default-deny — blocked by ${by}${audit}`,
    ...(deciding && { deciding }),
  }
}

function isBlocking(side: SideResult): boolean {
  return side.verdict === 'denied' || side.verdict === 'audit'
}

function decidingOf(r: Reason, direction: Direction): DecidingRule {
  const slash = r.policy.indexOf('/')
  const key = r.kind === null ? undefined
    : slash < 0 ? policyKey(r.kind, null, r.policy) : policyKey(r.kind, r.policy.slice(0, slash), r.policy.slice(slash + 1))
  return {
    policy: r.policy,
    ...(key && { policyKey: key }),
    path: r.path,
    effect: r.effect,
    direction,
    ...(r.elementId !== undefined && { elementId: r.elementId as ElementId }),
    ...(r.origin && { origin: r.origin }),
  }
}

/** Names from a drawn graph: its node labels at the edge's ends (subject first). */
export function graphEdgeNames(graph: GraphModel): (edge: EdgeId, direction: Direction) => EdgeNames {
  const edges = new Map(graph.edges.map((e) => [e.id, e]))
  const labels = new Map(graph.nodes.map((n) => [n.id, n.label]))
  return (id, direction) => {
    const e = edges.get(id)
    if (!e) return { subject: 'the subject', peer: 'the peer' }
    const [subject, peer] = direction === 'ingress' ? [e.target, e.source] : [e.source, e.target]
    return { subject: labels.get(subject) ?? subject, peer: labels.get(peer) ?? peer }
  }
}
