/**
 * One side of a flow: the subject's egress towards the destination, or its ingress from the
 * source (§10 steps 1–6).
 */
import type { Direction } from '../policy/model.ts'
import type { Reason, SideResult } from './api.ts'
import type { CompiledElement, CompiledL7, CompiledToPort } from './compiled.ts'
import { icmpMatches, portRuleMatches } from './ports.ts'
import type { Endpoint, FlowL4, L7Plan, ResolvedSide } from './internal-types.ts'
import type { CompiledPolicySet } from './policy-set.ts'
import type { Identity } from './resolved-identity.ts'
import type { VersionClauseId } from './version-clauses.ts'
import { clauseInForce, describeClause } from './version-clauses.ts'
import { expiryText } from './fqdn-store.ts'

export interface SideOutcome {
  readonly result: SideResult
  readonly plan: L7Plan | null
}

/**
 * Reasons made during evaluation are memoized, so equal outcomes hold the very same reason
 * objects: the verdict cache then shares one entry per outcome cheaply (entry-key.ts).
 */
const MAX_MEMO = 10_000
const syntheticMemo = new Map<string, Reason>()
function synthetic(effect: Reason['effect'], detail: string, clause?: VersionClauseId): Reason {
  const key = `${effect}\u0000${detail}\u0000${clause ?? ''}`
  let r = syntheticMemo.get(key)
  if (r === undefined) {
    r = { policy: '', kind: null, path: '', effect, detail, ...(clause !== undefined && { clause }) }
    if (syntheticMemo.size < MAX_MEMO) syntheticMemo.set(key, r)
  }
  return r
}

export const NA: SideOutcome = { result: { verdict: 'n/a', reasons: [] }, plan: null }
const HOST_NO_FW: SideOutcome = {
  result: { verdict: 'n/a', reasons: [synthetic('unenforced', 'the host firewall is off, so host policy is not evaluated')] },
  plan: null,
}

// Outcomes that do not depend on the peer or port are shared constants.
const outcome = (verdict: SideResult['verdict'], r: Reason): SideOutcome => ({ result: { verdict, reasons: [r] }, plan: null })
const UNENFORCED_NEVER = outcome('unenforced', synthetic('unenforced', 'policy enforcement mode is never'))
const UNENFORCED: Readonly<Record<Direction, SideOutcome>> = {
  ingress: outcome('unenforced', synthetic('unenforced', 'no policy selects this endpoint on ingress')),
  egress: outcome('unenforced', synthetic('unenforced', 'no policy selects this endpoint on egress')),
}
const LOCALHOST = outcome('allowed', synthetic('localhost', 'allow-localhost=always lets the local host reach every pod unless denied'))
// enableDefaultDeny only has this effect since ≈1.16 (§3.2): the reason names the clause.
const defaultAllow = (dir: Direction): SideOutcome =>
  outcome('allowed', synthetic('allow', `enableDefaultDeny is false for ${dir} in every selecting policy, so unmatched traffic is allowed`, 'enable-default-deny'))
const DEFAULT_ALLOW: Readonly<Record<Direction, SideOutcome>> = { ingress: defaultAllow('ingress'), egress: defaultAllow('egress') }

// The common one-reason, unproxied outcomes are shared per reason too.
const allowMemo1 = new WeakMap<Reason, SideOutcome>()
const denyMemo1 = new WeakMap<Reason, SideOutcome>()
function single(memo: WeakMap<Reason, SideOutcome>, verdict: 'allowed' | 'denied', r: Reason): SideOutcome {
  let o = memo.get(r)
  if (o === undefined) memo.set(r, (o = outcome(verdict, r)))
  return o
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

const elementMemo = new WeakMap<Reason, Map<string, Reason>>()
/** A toPorts reason naming its element; memoized per (reason, element id). */
function elementReason(r: Reason, elementId: string): Reason {
  let byId = elementMemo.get(r)
  if (!byId) elementMemo.set(r, (byId = new Map()))
  let out = byId.get(elementId)
  if (!out) byId.set(elementId, (out = { ...r, elementId }))
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
  if (!side.enforced) return side.note === 'never' ? UNENFORCED_NEVER : UNENFORCED[dir]

  // Deny first: any matching deny wins over every allow, L7 included (§4.2).
  const denies: Reason[] = []
  for (const ce of side.deny) if (ce.peers(pid) && l4Match(ce, f) !== null) denies.push(ce.reason)
  if (denies.length > 0) {
    const o: SideOutcome = denies.length === 1 ? single(denyMemo1, 'denied', denies[0]) : { result: { verdict: 'denied', reasons: denies }, plan: null }
    return withNotes(o, versionNotes(set, side, pid, f))
  }

  // allow-localhost: the local host reaches every non-host endpoint, unproxied (§3.4, §9.12).
  if (dir === 'ingress' && set.settings.allowLocalhost === 'always' && pid.isHost && !sid.isHost) {
    return LOCALHOST
  }

  const allows: Reason[] = []
  const notes: Reason[] = []
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
      if (tp.l7 === null) l4Only ??= elementReason(tp.reason, ce.el.id)
      else sets.push(tp.l7)
      if (tp.sni !== null) sets.push(tp.sni)
      if (tp.note !== null) uniquePush(notes, tp.note)
    }
  }
  const version = versionNotes(set, side, pid, f)
  if (allows.length > 0) {
    const p = plan(set, side, sets, l4Only)
    // Before ≈1.18 the L7 rules of a default-allow direction still refuse what they do not match (§3.3).
    if (p !== null && p.unrestricted === null && !side.defaultDeny && sets.some((s) => s.kind !== 'tls')) notes.push(PRE_118_L7)
    notes.push(...version)
    if (allows.length === 1 && p === null && notes.length === 0) return single(allowMemo1, 'allowed', allows[0])
    return { result: { verdict: 'allowed', reasons: notes.length === 0 ? allows : [...allows, ...notes] }, plan: p }
  }

  // Every selecting entry has enableDefaultDeny=false: a synthetic allow-all closes the list (§3.2).
  if (!side.defaultDeny) return withNotes(DEFAULT_ALLOW[dir], version)
  const denied = defaultDenied(set, side, dir, describeL4(f))
  return withNotes(pid.fqdnExpired.size > 0 ? withExpired(denied, side, pid, f) : denied, version)
}

const PRE_118_L7 = synthetic(
  'allow',
  'enableDefaultDeny is false, but before Cilium 1.18 its L7 rules still refuse requests they do not match (§3.3)',
  'l7-default-allow-wildcard',
)

function withNotes(o: SideOutcome, notes: readonly Reason[]): SideOutcome {
  return notes.length === 0 ? o : { result: { verdict: o.result.verdict, reasons: [...o.result.reasons, ...notes] }, plan: o.plan }
}

const clauseNoteMemo = new WeakMap<Reason, Map<string, Reason>>()
/**
 * Elements whose peers match this peer under one side of a version clause and not under the
 * other (version-clauses.ts): the answer then depends on the Cilium version.
 */
function versionNotes(set: CompiledPolicySet, side: ResolvedSide, pid: Identity, f: FlowL4): Reason[] {
  let out: Reason[] | null = null
  for (const list of [side.deny, side.allow])
    for (const ce of list) {
      if (ce.altPeers.length === 0) continue
      const now = ce.peers(pid)
      for (const alt of ce.altPeers) {
        if (alt.peers(pid) === now || l4Match(ce, f) === null) continue
        const v = set.settings.ciliumVersion
        const detail = `${now ? 'selects' : 'does not select'} this peer as Cilium ${v} does; ${describeClause(alt.clause, v)}`
        let byDetail = clauseNoteMemo.get(ce.reason)
        if (!byDetail) clauseNoteMemo.set(ce.reason, (byDetail = new Map()))
        let r = byDetail.get(detail)
        if (!r) byDetail.set(detail, (r = { ...ce.reason, detail, clause: alt.clause }))
        ;(out ??= []).push(r)
      }
    }
  return out ?? NO_NOTES
}
const NO_NOTES: Reason[] = []

const expiredMemo = new WeakMap<Reason, Map<string, Reason>>()
/** toFQDNs rules that would allow the flow had the DNS answer not expired (§5.6) come first. */
function withExpired(o: SideOutcome, side: ResolvedSide, pid: Identity, f: FlowL4): SideOutcome {
  const extra: Reason[] = []
  for (const ce of side.allow)
    for (const idx of ce.fqdnIndexes) {
      const info = pid.fqdnExpired.get(idx)
      if (info === undefined || l4Match(ce, f) === null) continue
      const detail = expiryText(info)
      let byDetail = expiredMemo.get(ce.reason)
      if (!byDetail) expiredMemo.set(ce.reason, (byDetail = new Map()))
      let r = byDetail.get(detail)
      if (!r) byDetail.set(detail, (r = { ...ce.reason, effect: 'default-deny', detail, dnsExpiry: { name: info.name, at: info.at, ttl: info.ttl, cause: info.cause } }))
      uniquePush(extra, r)
    }
  return extra.length === 0 ? o : { result: { verdict: o.result.verdict, reasons: [...extra, ...o.result.reasons] }, plan: o.plan }
}

const unrestrictedMemo = new WeakMap<Reason, Reason>()
function unrestrictedBy(l4Only: Reason): Reason {
  let r = unrestrictedMemo.get(l4Only)
  if (r === undefined) {
    r = { ...l4Only, detail: 'a rule without L7 for the same peer and port makes L7 unrestricted (§7.6)' }
    unrestrictedMemo.set(l4Only, r)
  }
  return r
}

function plan(set: CompiledPolicySet, side: ResolvedSide, sets: CompiledL7[], l4Only: Reason | null): L7Plan | null {
  if (sets.length === 0) return null
  if (l4Only) return { sets, unrestricted: unrestrictedBy(l4Only) }
  if (!side.defaultDeny && clauseInForce(set.settings.ciliumVersion, 'l7-default-allow-wildcard'))
    return {
      sets,
      unrestricted: synthetic('allow', 'default-allow direction: since Cilium 1.18 a wildcard L7 rule is added to every L7 list (§3.3)', 'l7-default-allow-wildcard'),
    }
  return { sets, unrestricted: null }
}

/** Per resolved side (one identity, one direction) and L4 text; lives as long as the side. */
const denyMemo = new WeakMap<ResolvedSide, Map<string, SideOutcome>>()

function defaultDenied(set: CompiledPolicySet, side: ResolvedSide, dir: Direction, l4: string): SideOutcome {
  let bySide = denyMemo.get(side)
  if (!bySide) denyMemo.set(side, (bySide = new Map()))
  let out = bySide.get(l4)
  if (!out) bySide.set(l4, (out = { result: { verdict: 'denied', reasons: defaultDenyReasons(set, side, dir, l4) }, plan: null }))
  return out
}

function defaultDenyReasons(set: CompiledPolicySet, side: ResolvedSide, dir: Direction, l4: string): Reason[] {
  const out: Reason[] = []
  const tail = `no rule allows this peer on ${l4}`
  if (side.note === 'init') out.push(synthetic('default-deny', `the init identity is always default-deny; ${tail}`))
  if (side.note === 'always') out.push(synthetic('default-deny', `policy enforcement mode is always; ${tail}`))
  for (const r of side.selecting) {
    if (!r.defaultDeny[dir] && side.note === null) continue
    // enableDefaultDeny: false that the agent does not honour (§0, §3.2).
    const forced = r.defaultDeny[dir] && !r.rule.defaultDeny[dir]
    const byVersion = forced && !clauseInForce(set.settings.ciliumVersion, 'enable-default-deny')
    const why = !forced ? '' : byVersion
      ? `; enableDefaultDeny: false has no effect before Cilium 1.16 (§3.2)`
      : '; enable-non-default-deny-policies is off, so enableDefaultDeny: false is ignored (§0)'
    out.push({
      policy: r.name,
      kind: r.kind,
      path: r.path,
      effect: 'default-deny',
      origin: r.rule.origin,
      detail: `selects this endpoint on ${dir}; ${tail}${why}`,
      ...(byVersion && { clause: 'enable-default-deny' as const }),
    })
  }
  return out
}
