/** Human-readable explanation of a verdict, in the spirit of the old `cilium policy trace`. */
import type { EvalRequest, EvalResult, Reason, SideResult } from './api.ts'
import type { CompiledPolicySet } from './policy-set.ts'
import { labelsKey } from './resolved-identity.ts'
import type { VersionClauseId } from './version-clauses.ts'
import { describeClause, versionClause } from './version-clauses.ts'

function reasonLine(r: Reason): string {
  const where = r.policy === '' ? 'agent' : `${r.kind ?? ''} ${r.policy}${r.path ? ` ${r.path}` : ''}`.trim()
  const detail = r.detail ? `: ${r.detail}` : ''
  return `${r.effect} by ${where}${detail}`
}

function sideLines(label: string, side: SideResult): string[] {
  if (side.verdict === 'n/a') {
    const extra = side.reasons.map((r) => `    ${reasonLine(r)}`)
    return [`${label}: not a Cilium endpoint here, not checked`, ...extra]
  }
  return [`${label}: ${side.verdict.toUpperCase()}`, ...side.reasons.map((r) => `    ${reasonLine(r)}`)]
}

function selectingLines(set: CompiledPolicySet, req: EvalRequest): string[] {
  const out: string[] = []
  const show = (who: string, ref: EvalRequest['source'], dir: 'ingress' | 'egress'): void => {
    let ep = set.endpoint(ref, undefined)
    const names = ref.name ?? (labelsKey(ref.labels).split('\u0001').join(', ') || '(no labels)')
    const receiver = dir === 'ingress' ? set.receivingHost(ep) : null
    if (receiver) {
      // Another node: its host receives the traffic, judged by host policy (§2.1, §3.5).
      out.push(`${who} ${names}: another node; its host's ingress is checked (host firewall)`)
      ep = receiver
    } else if (!ep.isEndpoint) {
      out.push(`${who} ${names}: not an endpoint; its ${dir} is not checked`)
      return
    }
    const side = set.resolve(ep.identity, dir)
    const rules = side.selecting.map((r) => `${r.kind} ${r.name} ${r.path}`)
    out.push(
      rules.length === 0
        ? `${who} ${names}: no rule selects it on ${dir}`
        : `${who} ${names}: selected on ${dir} by ${rules.length} rule(s)`,
    )
    for (const r of rules) out.push(`    ${r}`)
  }
  show('Source', req.source, 'egress')
  show('Destination', req.destination, 'ingress')
  return out
}

/**
 * Lines explaining a result: which rules select each side (when the set and request are given),
 * which element decided each side, the L7 decision and the final verdict.
 */
export function explain(result: EvalResult, context?: { set: CompiledPolicySet; request: EvalRequest }): string[] {
  const lines: string[] = []
  if (context) lines.push(...selectingLines(context.set, context.request))
  lines.push(...sideLines('Egress (source)', result.egress))
  lines.push(...sideLines('Ingress (destination)', result.ingress))
  if (result.l7) {
    lines.push(`L7 ${result.l7.protocol.toUpperCase()}: ${result.l7.verdict.toUpperCase()}`)
    for (const r of result.l7.reasons) lines.push(`    ${reasonLine(r)}`)
  }
  lines.push(`Final verdict: ${result.verdict.toUpperCase()}`)
  lines.push(...versionLines(result, context?.set.settings.ciliumVersion))
  return lines
}

/** The version clauses behind this answer (version-clauses.ts), each with both sides of it. */
export function versionDependence(result: EvalResult): VersionClauseId[] {
  const out = new Set<VersionClauseId>()
  for (const r of [...result.egress.reasons, ...result.ingress.reasons, ...(result.l7?.reasons ?? [])])
    if (r.clause !== undefined) out.add(r.clause)
  return [...out]
}

function versionLines(result: EvalResult, version: string | undefined): string[] {
  const ids = versionDependence(result)
  if (ids.length === 0) return []
  const head = version !== undefined ? `This answer depends on the Cilium version (evaluated as ${version}):` : 'This answer depends on the Cilium version:'
  return [head, ...ids.map((id) => {
    const c = versionClause(id)
    return `    ${version !== undefined ? describeClause(id, version) : `${c.section} ${c.title}: before ${c.since} ${c.before}; from ${c.since} ${c.after}`}`
  })]
}
