/**
 * How a rule edge shows the evaluator's verdict on the traffic it admits. An allow rule whose
 * traffic is dropped elsewhere (the other side's default deny, an L7 refusal) is "blocked": a dead
 * rule. One a deny rule overrides is "denied"; audit mode's would-be drops are "audit". A deny
 * edge doing its job shows as it always did.
 */
import type { GraphEdge } from '../../../domain/graph/index.ts'
import type { EdgeVerdict } from '../../../domain/trace/index.ts'

export type VerdictLook = 'allowed' | 'blocked' | 'denied' | 'audit'

export function verdictLook(edge: GraphEdge, v: EdgeVerdict | undefined): VerdictLook {
  if (!v || v.verdict === 'allowed') return 'allowed'
  if (v.verdict === 'audit') return 'audit'
  if (edge.kind === 'deny') return 'allowed'
  return v.cause === 'deny-rule' ? 'denied' : 'blocked'
}

export const LOOK_BADGE: Readonly<Record<VerdictLook, string>> = {
  allowed: '',
  blocked: '⚠ blocked',
  denied: '⛔ denied',
  audit: 'audit',
}

/** The hover text: what the rule says, then what the draft does with its traffic. */
export function verdictTitle(title: string, look: VerdictLook, v: EdgeVerdict | undefined): string {
  if (!v) return title
  const lines = [title]
  if (look === 'allowed' && v.verdict === 'allowed') lines.push('Evaluator: this traffic is allowed (both sides).')
  else if (v.reason) lines.push(`Evaluator: ${v.verdict.toUpperCase()} — ${v.reason}`)
  if (v.memberNote) lines.push(`(${v.memberNote})`)
  return lines.join('\n')
}
