/**
 * `generatePolicies`: plan the draft, write it, and check it against the very flows it came
 * from — the self-consistency the draft promises (every observed non-reply flow stays allowed).
 * Where replaying the capture cannot teach a name before the flow that needs it (the DNS answer
 * is missing, later, or expired), that destination is re-drafted as toCIDR; whatever still fails
 * is reported in `uncovered`, never hidden.
 */
import type { CompiledPolicySet, EvalResult, Settings } from '../engine/index.ts'
import { compilePolicySet, createSession } from '../engine/index.ts'
import type { Flow } from '../flows/index.ts'
import { toColumns } from '../flows/index.ts'
import { parsePolicies } from '../policy/index.ts'
import { FlowAdapter, FlowEvaluator } from '../replay/index.ts'
import type { DraftOptions, DraftPlan, DraftPolicy, DraftScope, UncoveredFlow } from './draft.ts'
import { isDraftable, planDraft } from './draft.ts'
import { draftYaml } from './yaml.ts'

export interface GenerateOptions extends DraftScope {
  /** Engine settings for the self-check (cluster name, enforcement mode…). */
  readonly settings?: Partial<Settings>
}

export interface GenerateResult {
  readonly policies: readonly DraftPolicy[]
  /** The draft as multi-document YAML, with the header comment and per-rule `covers` comments. */
  readonly yaml: string
  /** Observed non-reply flows (forwarded, redirected, audit) the draft is for. */
  readonly considered: number
  /** Flows the draft does not keep allowed, with why (masked peers, unselectable pods…). */
  readonly uncovered: readonly UncoveredFlow[]
  /** Destination IPs drafted as toCIDR because the capture could not teach their name in time. */
  readonly cidrFallbacks: readonly string[]
}

function scopeText(o: DraftScope): string {
  const parts = [o.workload !== undefined ? `workload ${o.workload}` : '', o.namespace !== undefined ? `namespace ${o.namespace}` : '']
    .filter((p) => p !== '')
  const dirs = o.directions && o.directions.length === 1 ? `, ${o.directions[0]} only` : ''
  return `${parts.length > 0 ? parts.join(' in ') : 'all namespaces'}${dirs}`
}

/** Compiles a YAML text of policies as the engine sees it (the draft must parse like user input). */
function compile(yaml: string, settings: Partial<Settings> | undefined): CompiledPolicySet {
  const parsed = parsePolicies(yaml)
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error')
  if (errors.length > 0) throw new Error(`generated YAML does not parse: ${errors[0].message} (line ${errors[0].line})`)
  return compilePolicySet(parsed.policies, parsed.cidrGroups, settings)
}

function evaluate(set: CompiledPolicySet, flows: readonly Flow[]): EvalResult[] {
  return new FlowEvaluator(createSession(set), new FlowAdapter()).evaluateColumns(toColumns(flows))
}

/** Flows whose draft side(s) are in scope: only those can be promised to stay allowed. */
function covered(plan: DraftPlan): Set<number> {
  const out = new Set<number>()
  for (const p of plan.policies) for (const r of [...p.ingress, ...p.egress]) for (const i of r.flows) out.add(i)
  return out
}

export function generatePolicies(flows: readonly Flow[], options: GenerateOptions = {}): GenerateResult {
  const cidrOnly = new Set<string>()
  let plan = planDraft(flows, options)
  let results: EvalResult[] = []
  let yaml = ''
  for (let round = 0; round < 3; round++) {
    const header = { considered: plan.considered, uncovered: 0, scope: scopeText(options) }
    yaml = draftYaml(plan.policies, header)
    results = evaluate(compile(yaml, options.settings), flows)
    let changed = false
    flows.forEach((f, i) => {
      if (results[i].verdict === 'allowed' || !isDraftable(f)) return
      const ip = plan.fqdnFlows.get(f.index)
      if (ip !== undefined && !cidrOnly.has(ip)) {
        cidrOnly.add(ip)
        changed = true
      }
    })
    if (!changed) break
    const next: DraftOptions = { ...options, cidrOnly }
    plan = planDraft(flows, next)
  }
  const mine = covered(plan)
  const uncovered: UncoveredFlow[] = [...plan.uncovered]
  const listed = new Set(uncovered.map((u) => u.index))
  flows.forEach((f, i) => {
    if (!isDraftable(f) || !mine.has(f.index) || listed.has(f.index) || results[i].verdict === 'allowed') return
    const side = results[i].egress.verdict !== 'allowed' ? results[i].egress : results[i].ingress
    uncovered.push({ index: f.index, reason: `the draft still ${results[i].verdict === 'audit' ? 'audits' : 'denies'} it${side.reasons[0] ? ` (${side.reasons[0].effect})` : ''}` })
  })
  uncovered.sort((a, b) => a.index - b.index)
  if (uncovered.length > 0) yaml = draftYaml(plan.policies, { considered: plan.considered, uncovered: uncovered.length, scope: scopeText(options) })
  return { policies: plan.policies, yaml, considered: plan.considered, uncovered, cidrFallbacks: [...cidrOnly].sort() }
}
