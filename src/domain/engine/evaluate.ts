/** The verdict for one flow (§10): both sides, replies, audit, then request-level L7. */
import type { EndpointRef, EvalRequest, EvalResult, FlowProtocol, L7Request, SideResult, Verdict } from './api.ts'
import type { FqdnStore } from './fqdn-store.ts'
import { auditScopeMatcher } from './audit-scope.ts'
import { entryKey, idOf } from './entry-key.ts'
import { evaluateL7 } from './l7.ts'
import { l7Signature, memoGet, memoSet } from './l7-memo.ts'
import type { Endpoint, FlowL4, L4Entry } from './internal-types.ts'
import type { CompiledPolicySet } from './policy-set.ts'
import { evaluateSide } from './side.ts'
import { flowKey } from './verdict-cache.ts'

const replyReason = { policy: '', kind: null, path: '', effect: 'reply', detail: 'reply of a tracked connection: policy is not checked (§3.6)' } as const
/** The one result every reply gets; shared (and compared by identity in tests). */
export const REPLY: EvalResult = {
  verdict: 'allowed',
  egress: { verdict: 'allowed', reasons: [replyReason] },
  ingress: { verdict: 'allowed', reasons: [replyReason] },
}

const auditedMemo = new WeakMap<SideResult, SideResult>()
/** A denied side of an endpoint in audit mode is reported as audit (§3.7); memoized for sharing. */
function audited(side: SideResult, audit: boolean): SideResult {
  if (!audit || side.verdict !== 'denied') return side
  let a = auditedMemo.get(side)
  if (a === undefined) auditedMemo.set(side, (a = { verdict: 'audit', reasons: side.reasons }))
  return a
}

function combine(a: SideResult, b: SideResult): Verdict {
  if (a.verdict === 'denied' || b.verdict === 'denied') return 'denied'
  if (a.verdict === 'audit' || b.verdict === 'audit') return 'audit'
  return 'allowed'
}

/**
 * Audit bits of a flow's key: bit 0 for the source side (its egress), bit 1 for the destination
 * side (its ingress). Audit mode is the deciding endpoint's own (§3.7): daemon-wide, set on the
 * endpoint, or through the workspace's audit scope (audit-scope.ts).
 */
export function auditBits(set: CompiledPolicySet, source: EndpointRef, destination: EndpointRef): number {
  const globalAudit = set.settings.auditMode
  const scoped = auditScopeMatcher(set.settings.auditScope)
  return (globalAudit || source.auditMode || scoped(source) ? 1 : 0) | (globalAudit || destination.auditMode || scoped(destination) ? 2 : 0)
}

/**
 * The L3/L4 entry for interned endpoints; `portOrType` is the ICMP type for ICMP, else the port.
 * Computed once per key, then one cache lookup.
 */
export function l4Entry(
  set: CompiledPolicySet,
  src: Endpoint,
  dst: Endpoint,
  protocol: FlowProtocol,
  portOrType: number | undefined,
  audit: number,
): L4Entry {
  const key = flowKey(protocol, portOrType, audit)
  const cached = set.verdicts.get(src.id, dst.id, key)
  if (cached !== undefined) return cached
  const isIcmp = protocol === 'ICMPv4' || protocol === 'ICMPv6'
  const f: FlowL4 = {
    protocol,
    port: isIcmp ? undefined : portOrType,
    icmpType: isIcmp ? portOrType : undefined,
    namedPorts: dst.namedPorts,
  }
  const eg = evaluateSide(set, 'egress', src, dst, f)
  // Traffic to another node is received by that node's host (§2.1, §3.5); to the receiver, a
  // sender that is this node's host is a remote node.
  const receiver = set.receivingHost(dst)
  const ing = receiver === null
    ? evaluateSide(set, 'ingress', dst, src, f)
    : evaluateSide(set, 'ingress', receiver, src.identity.isHost ? set.remoteNodePeer() : src, f)
  const egress = audited(eg.result, (audit & 1) !== 0)
  const ingress = audited(ing.result, (audit & 2) !== 0)
  const verdict = combine(egress, ingress)
  // Only an allowed side proxies; an audited (would-deny) side is passed without redirect.
  const egressPlan = egress.verdict === 'allowed' ? eg.plan : null
  const ingressPlan = ingress.verdict === 'allowed' ? ing.plan : null
  // Equal outcomes share one entry (entry-key.ts). Without plans the entry is a function of the
  // two side results, which are mostly shared objects already: their identities are the key.
  const pair = egressPlan === null && ingressPlan === null
  const shareKey = pair ? '' : entryKey(verdict, egress, ingress, egressPlan, ingressPlan)
  let entry = pair ? set.verdicts.sharedPair(idOf(egress), idOf(ingress)) : set.verdicts.shared(shareKey)
  if (entry === undefined) {
    entry = {
      result: { verdict, egress, ingress },
      egressPlan,
      ingressPlan,
      proxied: verdict !== 'denied' && (egressPlan !== null || ingressPlan !== null),
    }
    if (pair) set.verdicts.sharePair(idOf(egress), idOf(ingress), entry)
    else set.verdicts.share(shareKey, entry)
  }
  set.verdicts.set(src.id, dst.id, key, entry)
  return entry
}

/** Applies request-level L7 rules to an L3/L4 entry; `l7` is the request's L7 data, if any. */
export function withL7(set: CompiledPolicySet, entry: L4Entry, l7: L7Request | undefined): EvalResult {
  const { result } = entry
  if (l7 === undefined || !entry.proxied) return result
  const key = l7Signature(l7)
  const hit = memoGet(entry.l7Memo, key)
  if (hit !== undefined) return hit
  const r = evaluateL7(l7, [entry.egressPlan, entry.ingressPlan])
  // An L7 mismatch is a request-level denial, even in audit mode (§3.7).
  const out = r === null ? result : { ...result, verdict: r.verdict === 'denied' ? 'denied' : result.verdict, l7: r }
  entry.l7Memo = memoSet(entry.l7Memo, key, out, set.verdicts)
  return out
}

/** Evaluates one flow; `store` supplies FQDN-learned addresses (see EvaluationSession). */
export function evaluate(set: CompiledPolicySet, req: EvalRequest, store?: FqdnStore): EvalResult {
  if (req.isReply) return REPLY
  const src = set.endpoint(req.source, store)
  const dst = set.endpoint(req.destination, store)
  const isIcmp = req.protocol === 'ICMPv4' || req.protocol === 'ICMPv6'
  const audit = auditBits(set, req.source, req.destination)
  return withL7(set, l4Entry(set, src, dst, req.protocol, isIcmp ? req.icmpType : req.port, audit), req.l7)
}
