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

/**
 * The arrowhead's colour: the colour of the edge's line (edge-verdicts.css, graph.css). CSS
 * variables, so both themes repaint it (React Flow puts the colour in the marker's inline style).
 */
export function markerColour(kind: GraphEdge['kind'], look: VerdictLook): string {
  switch (look) {
    case 'blocked':
      return 'var(--verdict-blocked)'
    case 'audit':
      return 'var(--verdict-audit)'
    case 'denied':
      return 'var(--deny)'
    default:
      return kind === 'deny' ? 'var(--deny)' : 'var(--allow)'
  }
}

/** What a counted edge (the rules between two summary boxes) shows of its rules' verdicts. */
export interface BundleVerdict {
  /** The line's look: a verdict every judged rule shares, else `allowed` (the badge tells the rest). */
  readonly look: VerdictLook
  /** Rules by look (deny rules doing their job count as allowed). */
  readonly counts: Readonly<Record<VerdictLook, number>>
  readonly total: number
  /** `⚠ 3 of 5 blocked`, `⚠ 2 blocked, 1 audit of 5`; empty when all are allowed. */
  readonly badge: string
  /** The badge's class: the worst look present. */
  readonly worst: VerdictLook
  /** Hover lines: which rules, and why. */
  readonly lines: readonly string[]
}

const WORST_FIRST: readonly VerdictLook[] = ['denied', 'blocked', 'audit']
const HOVER_RULES = 6

export function bundleVerdict(
  edges: readonly GraphEdge[],
  byId: Readonly<Record<string, EdgeVerdict>> | undefined,
  nameOf: (id: string) => string = (id) => id,
): BundleVerdict {
  const counts: Record<VerdictLook, number> = { allowed: 0, blocked: 0, denied: 0, audit: 0 }
  const lines: string[] = []
  let judged = 0
  for (const e of edges) {
    const v = byId?.[e.id]
    if (v) judged++
    const look = verdictLook(e, v)
    counts[look]++
    if (look !== 'allowed' && lines.length < HOVER_RULES) {
      lines.push(`${LOOK_BADGE[look]}: ${e.label} ${nameOf(e.source)} → ${nameOf(e.target)}${v?.reason ? ` — ${v.reason}` : ''}`)
    }
  }
  const total = edges.length
  const off = WORST_FIRST.filter((l) => counts[l] > 0)
  const offCount = off.reduce((n, l) => n + counts[l], 0)
  if (offCount > lines.length) lines.push(`… and ${offCount - lines.length} more`)
  const worst = off[0] ?? 'allowed'
  const look = off.length === 1 && counts[worst] === total ? worst : 'allowed'
  let badge = ''
  if (off.length === 1 && total === 1) badge = LOOK_BADGE[worst]
  else if (off.length === 1) badge = `${worst === 'denied' ? '⛔' : worst === 'blocked' ? '⚠' : ''} ${counts[worst]} of ${total} ${worst}`.trim()
  else if (off.length > 1) badge = `⚠ ${off.map((l) => `${counts[l]} ${l}`).join(', ')} of ${total}`
  if (judged > 0 && offCount === 0) lines.push(`Evaluator: all ${total === 1 ? 'this rule’s' : `${total} rules’`} traffic is allowed (both sides).`)
  return { look, counts, total, badge, worst, lines }
}
