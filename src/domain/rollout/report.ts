/**
 * The Rollout panel's report: every namespace seen in the policies or the capture, its stage,
 * counts, coverage and next step, and the adoption checklist.
 */
import type { CompiledPolicySet, EvalResult } from '../engine/index.ts'
import { auditScopeMatcher, podRef } from '../engine/index.ts'
import type { Flow } from '../flows/index.ts'
import type { Policy } from '../policy/model.ts'
import { adoptionChecklist } from './checklist.ts'
import type { RolloutWorkload } from './coverage.ts'
import { coverageOf, namespaceDefaultDeny } from './coverage.ts'
import type { NamespaceRollout, RolloutReport } from './model.ts'
import { observedByNamespace } from './observed.ts'
import { stageOf } from './stage.ts'
import { isSystemNamespace } from './system.ts'

export interface RolloutInput {
  readonly set: CompiledPolicySet
  readonly policies: readonly Policy[]
  /** Namespaces the policies name (graph namespace boxes). */
  readonly namespaces: readonly string[]
  readonly flows: readonly Flow[] | null
  readonly results: readonly EvalResult[]
  /** Workloads of every namespace, from the graph and the capture. */
  readonly workloads: readonly RolloutWorkload[]
  readonly fqdnWithoutDns: ReadonlySet<string>
  readonly expectations: number
}

export function rolloutReport(input: RolloutInput): RolloutReport {
  const { set } = input
  const flowsLoaded = input.flows !== null && input.flows.length > 0
  const counts = observedByNamespace(input.flows ?? [], input.results)
  const names = new Set([...input.namespaces, ...counts.keys(), ...input.workloads.map((w) => w.namespace)])
  const scoped = auditScopeMatcher(set.settings.auditScope)
  const out: NamespaceRollout[] = []
  for (const namespace of names) {
    const workloads = input.workloads.filter((w) => w.namespace === namespace)
    const coverage = coverageOf(set, input.policies, workloads, input.fqdnWithoutDns)
    const defaultDeny = namespaceDefaultDeny(set, namespace)
    // In audit when every endpoint of it is: the daemon-wide switch or the whole namespace in scope.
    const inAudit = set.settings.auditMode || scoped(podRef({ namespace, labels: { 'membrane.rollout/probe': 'any-pod' } }))
    const c = counts.get(namespace)
    const hasPolicies = coverage.ingressIsolated.length > 0 || coverage.egressIsolated.length > 0
    const { stage, reason, next } = stageOf({ flowsLoaded, counts: c, defaultDeny, inAudit, hasPolicies })
    out.push({
      namespace, system: isSystemNamespace(namespace), stage, stageReason: reason,
      observed: c?.observed ?? 0,
      window: c && c.observed > 0 && Number.isFinite(c.from) ? { from: c.from, to: c.to } : null,
      covered: c?.covered ?? 0, uncovered: c?.uncovered ?? 0, audited: c?.audited ?? 0, denied: c?.denied ?? 0, dropped: c?.dropped ?? 0,
      recordedAudit: c?.recordedAudit ?? 0,
      defaultDeny, inAudit, next, coverage,
    })
  }
  out.sort((a, b) => Number(a.system) - Number(b.system) || (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : 0))
  const times = (input.flows ?? []).map((f) => f.time).filter((t) => Number.isFinite(t))
  const windowMs = times.length > 0 ? Math.max(...times) - Math.min(...times) : null
  const hasFqdn = input.policies.some((p) => p.rules.some((r) => r.elements.some((el) => el.peerField === 'toFQDNs')))
  const auditUsed = set.settings.auditMode || (set.settings.auditScope !== undefined && (set.settings.auditScope.namespaces.length > 0 || set.settings.auditScope.workloads.length > 0))
  return {
    namespaces: out,
    flowsLoaded,
    checklist: adoptionChecklist({
      policies: input.policies, namespaces: out, windowMs, fqdnWithoutDns: input.fqdnWithoutDns.size, hasFqdn, auditUsed,
      globalAudit: set.settings.auditMode, expectations: input.expectations,
    }),
  }
}
