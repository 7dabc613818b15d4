/**
 * Where a namespace is in the seed's four stages, and the one next step (the seed's "Default-Deny
 * Rollout Strategy"): observe its traffic; allow every observed path; deploy default deny with
 * the namespace in audit mode (violations only logged, §3.7); once audit shows none, enforce.
 */
import type { NextStep, RolloutStage } from './model.ts'
import type { ObservedCounts } from './observed.ts'

export interface StageFacts {
  readonly flowsLoaded: boolean
  readonly counts: ObservedCounts | undefined
  readonly defaultDeny: { readonly ingress: boolean; readonly egress: boolean }
  readonly inAudit: boolean
  /** Policies select some workload of the namespace. */
  readonly hasPolicies: boolean
}

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`

export function stageOf(f: StageFacts): { stage: RolloutStage; reason: string; next: NextStep } {
  const c = f.counts
  const dd = f.defaultDeny.ingress && f.defaultDeny.egress
  if (!f.flowsLoaded || c === undefined || c.observed === 0) {
    const reason = f.flowsLoaded ? 'no observed flow of this namespace in the capture' : 'no capture loaded: observe the namespace first'
    return { stage: dd ? (f.inAudit ? 'audit' : 'enforce') : f.hasPolicies ? 'allow' : 'observe', reason, next: { kind: 'load-flows', text: 'Load a capture covering at least a batch cycle (2–4 weeks) of this namespace' } }
  }
  if (!dd) {
    if (c.uncovered > 0 || c.denied > 0) {
      const stage: RolloutStage = c.covered > 0 || f.hasPolicies ? 'allow' : 'observe'
      const reason = `${plural(c.uncovered, 'observed flow')} would be dropped under default deny${c.denied > 0 ? `, ${c.denied} already denied` : ''}`
      return { stage, reason, next: { kind: 'draft', text: `Draft allow policies from the ${plural(c.observed, 'observed flow')}` } }
    }
    const missing = f.defaultDeny.ingress ? 'egress' : f.defaultDeny.egress ? 'ingress' : 'ingress and egress'
    return { stage: 'allow', reason: `every observed flow is allowed by a rule; no default deny on ${missing} yet`, next: { kind: 'default-deny-audit', text: 'Add default deny in audit mode' } }
  }
  if (f.inAudit) {
    if (c.audited > 0 || c.denied > 0) {
      return { stage: 'audit', reason: `${plural(c.audited, 'flow')} would be dropped (AUDIT)${c.denied > 0 ? `, ${c.denied} denied at L7 or by deny rules` : ''}`, next: { kind: 'draft', text: `Draft allow policies for the ${plural(c.audited + c.denied, 'audited flow')}` } }
    }
    return { stage: 'audit', reason: 'default deny in audit mode, and no observed flow would be dropped', next: { kind: 'enforce', text: 'Switch namespace to enforce' } }
  }
  if (c.denied > 0) return { stage: 'enforce', reason: `enforced: ${plural(c.denied, 'observed flow')} denied`, next: { kind: 'draft', text: `Draft allow policies for the ${plural(c.denied, 'denied flow')} (if they are legitimate)` } }
  return { stage: 'enforce', reason: 'default deny enforced; every observed flow is allowed', next: { kind: 'done', text: 'Enforced. Watch DROPPED verdicts (hubble observe --verdict DROPPED) and alert on them' } }
}
