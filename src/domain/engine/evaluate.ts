/** The verdict for one flow (§10): both sides, replies, audit, then request-level L7. */
import type { EvalRequest, EvalResult, SideResult, Verdict } from './api.ts'
import type { FqdnStore } from './fqdn-store.ts'
import { evaluateL7 } from './l7.ts'
import type { CompiledPolicySet } from './policy-set.ts'
import type { FlowL4, L7Plan } from './side.ts'
import { evaluateSide } from './side.ts'
import { flowKey } from './verdict-cache.ts'

interface Cached {
  readonly result: EvalResult
  readonly egressPlan: L7Plan | null
  readonly ingressPlan: L7Plan | null
}

const REPLY: EvalResult = {
  verdict: 'allowed',
  egress: {
    verdict: 'allowed',
    reasons: [{ policy: '', kind: null, path: '', effect: 'reply', detail: 'reply of a tracked connection: policy is not checked (§3.6)' }],
  },
  ingress: {
    verdict: 'allowed',
    reasons: [{ policy: '', kind: null, path: '', effect: 'reply', detail: 'reply of a tracked connection: policy is not checked (§3.6)' }],
  },
}

/** A denied side of an endpoint in audit mode is reported as audit (§3.7). */
function audited(side: SideResult, audit: boolean): SideResult {
  return audit && side.verdict === 'denied' ? { verdict: 'audit', reasons: side.reasons } : side
}

function combine(a: SideResult, b: SideResult): Verdict {
  if (a.verdict === 'denied' || b.verdict === 'denied') return 'denied'
  if (a.verdict === 'audit' || b.verdict === 'audit') return 'audit'
  return 'allowed'
}

/** Evaluates one flow; `store` supplies FQDN-learned addresses (see EvaluationSession). */
export function evaluate(set: CompiledPolicySet, req: EvalRequest, store?: FqdnStore): EvalResult {
  if (req.isReply) return REPLY
  const src = set.endpoint(req.source, store)
  const dst = set.endpoint(req.destination, store)
  const globalAudit = set.settings.auditMode
  const audit = (globalAudit || req.source.auditMode ? 1 : 0) | (globalAudit || req.destination.auditMode ? 2 : 0)
  const isIcmp = req.protocol === 'ICMPv4' || req.protocol === 'ICMPv6'
  const key = flowKey(req.protocol, isIcmp ? req.icmpType : req.port, audit)
  let cached = set.verdicts.get(src.id, dst.id, key) as Cached | undefined
  if (cached === undefined) {
    const f: FlowL4 = {
      protocol: req.protocol,
      port: isIcmp ? undefined : req.port,
      icmpType: isIcmp ? req.icmpType : undefined,
      namedPorts: dst.namedPorts,
    }
    const eg = evaluateSide(set, 'egress', src, dst, f)
    const ing = evaluateSide(set, 'ingress', dst, src, f)
    const egress = audited(eg.result, (audit & 1) !== 0)
    const ingress = audited(ing.result, (audit & 2) !== 0)
    // Only an allowed side proxies; an audited (would-deny) side is passed without redirect.
    cached = {
      result: { verdict: combine(egress, ingress), egress, ingress },
      egressPlan: egress.verdict === 'allowed' ? eg.plan : null,
      ingressPlan: ingress.verdict === 'allowed' ? ing.plan : null,
    }
    set.verdicts.set(src.id, dst.id, key, cached)
  }
  const { result } = cached
  if (req.l7 === undefined || result.verdict === 'denied' || (!cached.egressPlan && !cached.ingressPlan)) return result
  const l7 = evaluateL7(req.l7, [cached.egressPlan, cached.ingressPlan])
  if (l7 === null) return result
  // An L7 mismatch is a request-level denial, even in audit mode (§3.7).
  return { ...result, verdict: l7.verdict === 'denied' ? 'denied' : result.verdict, l7 }
}
