/**
 * One side of a flow: the subject's egress towards the destination, or its ingress from the
 * source (§10 steps 1–6).
 */
import type { Direction } from '../policy/model.ts'
import type { FlowProtocol, NamedPort, Reason, SideResult } from './api.ts'
import type { CompiledElement, CompiledL7, CompiledToPort } from './compiled.ts'
import { icmpMatches, portRuleMatches } from './ports.ts'
import type { CompiledPolicySet, Endpoint, ResolvedSide } from './policy-set.ts'

/** What L7 enforcement a side applies to the flow it allowed (§7.6). */
export interface L7Plan {
  /** Set when L7 is unrestricted despite L7 rules (an L4-only match §7.6, or default-allow §3.3). */
  readonly unrestricted: Reason | null
  readonly sets: readonly CompiledL7[]
}

export interface SideOutcome {
  readonly result: SideResult
  readonly plan: L7Plan | null
}

export interface FlowL4 {
  readonly protocol: FlowProtocol
  readonly port: number | undefined
  readonly icmpType: number | undefined
  /** Named ports of the flow's destination (see `EndpointRef.namedPorts`). */
  readonly namedPorts: Readonly<Record<string, NamedPort>> | undefined
}

const synthetic = (effect: Reason['effect'], detail: string): Reason => ({
  policy: '',
  kind: null,
  path: '',
  effect,
  detail,
})

export const NA: SideOutcome = { result: { verdict: 'n/a', reasons: [] }, plan: null }
const HOST_NO_FW: SideOutcome = {
  result: { verdict: 'n/a', reasons: [synthetic('unenforced', 'the host firewall is off, so host policy is not evaluated')] },
  plan: null,
}

export function describeL4(f: FlowL4): string {
  if (f.protocol === 'ICMPv4' || f.protocol === 'ICMPv6')
    return f.icmpType === undefined ? f.protocol : `${f.protocol} type ${f.icmpType}`
  return f.port === undefined ? f.protocol : `${f.port}/${f.protocol}`
}

/** The toPorts entries of an element admitting the flow; 'l3' when the element has no L4 part. */
function l4Match(ce: CompiledElement, f: FlowL4): readonly CompiledToPort[] | 'l3' | null {
  if (ce.toPorts === null && ce.icmps === null) return 'l3' // every protocol, ICMP included (§6.3)
  if (ce.icmps !== null) for (const c of ce.icmps) if (icmpMatches(c, f.protocol, f.icmpType)) return 'l3'
  if (ce.toPorts === null) return null
  let out: CompiledToPort[] | null = null
  for (const tp of ce.toPorts)
    if (portRuleMatches(tp, f.protocol, f.port, f.namedPorts)) (out ??= []).push(tp)
  return out
}

function uniquePush(list: Reason[], r: Reason): void {
  if (!list.includes(r)) list.push(r)
}

export function evaluateSide(
  set: CompiledPolicySet,
  dir: Direction,
  subject: Endpoint,
  peer: Endpoint,
  f: FlowL4,
): SideOutcome {
  if (!subject.isEndpoint) return NA
  const sid = subject.identity
  // The host is an enforcing endpoint only with the host firewall (§2.1, §3.5).
  if (sid.isHost && !set.settings.hostFirewall) return HOST_NO_FW
  const side = set.resolve(sid, dir)
  const pid = peer.identity
  const l4 = describeL4(f)
  if (!side.enforced) {
    const why =
      side.note === 'never'
        ? 'policy enforcement mode is never'
        : `no policy selects this endpoint on ${dir}`
    return { result: { verdict: 'unenforced', reasons: [synthetic('unenforced', why)] }, plan: null }
  }

  // Deny first: any matching deny wins over every allow, L7 included (§4.2).
  const denies: Reason[] = []
  for (const ce of side.deny) if (ce.peers(pid) && l4Match(ce, f) !== null) denies.push(ce.reason)
  if (denies.length > 0) return { result: { verdict: 'denied', reasons: denies }, plan: null }

  // allow-localhost: the local host reaches every non-host endpoint, unproxied (§3.4, §9.12).
  if (dir === 'ingress' && set.settings.allowLocalhost === 'always' && pid.isHost && !sid.isHost) {
    return {
      result: {
        verdict: 'allowed',
        reasons: [synthetic('localhost', 'allow-localhost=always lets the local host reach every pod unless denied')],
      },
      plan: null,
    }
  }

  const allows: Reason[] = []
  const sets: CompiledL7[] = []
  let l4Only: Reason | null = null
  for (const ce of side.allow) {
    if (!ce.peers(pid)) continue
    const m = l4Match(ce, f)
    if (m === null) continue
    uniquePush(allows, ce.reason)
    if (m === 'l3') {
      l4Only ??= ce.reason
      continue
    }
    for (const tp of m) {
      if (tp.l7 === null) l4Only ??= { ...tp.reason, elementId: ce.el.id }
      else sets.push(tp.l7)
    }
  }
  if (allows.length > 0) return { result: { verdict: 'allowed', reasons: allows }, plan: plan(side, sets, l4Only) }

  if (!side.defaultDeny) {
    // Every selecting entry has enableDefaultDeny=false: a synthetic allow-all closes the list (§3.2).
    const r = synthetic('allow', `enableDefaultDeny is false for ${dir} in every selecting policy, so unmatched traffic is allowed`)
    return { result: { verdict: 'allowed', reasons: [r] }, plan: null }
  }
  return { result: { verdict: 'denied', reasons: defaultDenyReasons(side, dir, l4) }, plan: null }
}

function plan(side: ResolvedSide, sets: CompiledL7[], l4Only: Reason | null): L7Plan | null {
  if (sets.length === 0) return null
  if (l4Only)
    return {
      sets,
      unrestricted: {
        ...l4Only,
        detail: 'a rule without L7 for the same peer and port makes L7 unrestricted (§7.6)',
      },
    }
  if (!side.defaultDeny)
    return {
      sets,
      unrestricted: synthetic('allow', 'default-allow direction: a wildcard L7 rule is added to every L7 list (§3.3)'),
    }
  return { sets, unrestricted: null }
}

function defaultDenyReasons(side: ResolvedSide, dir: Direction, l4: string): Reason[] {
  const out: Reason[] = []
  const tail = `no rule allows this peer on ${l4}`
  if (side.note === 'init') out.push(synthetic('default-deny', `the init identity is always default-deny; ${tail}`))
  if (side.note === 'always') out.push(synthetic('default-deny', `policy enforcement mode is always; ${tail}`))
  for (const r of side.selecting) {
    if (!r.defaultDeny[dir] && side.note === null) continue
    out.push({
      policy: r.name,
      kind: r.kind,
      path: r.path,
      effect: 'default-deny',
      origin: r.rule.origin,
      detail: `selects this endpoint on ${dir}; ${tail}`,
    })
  }
  return out
}
