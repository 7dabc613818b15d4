/** The seed's adoption checklist, ticked from what the workspace shows where it can be. */
import type { Policy } from '../policy/model.ts'
import type { ChecklistItem, NamespaceRollout } from './model.ts'

export interface ChecklistFacts {
  readonly policies: readonly Policy[]
  readonly namespaces: readonly NamespaceRollout[]
  /** The capture's time span in ms, or null without flows. */
  readonly windowMs: number | null
  /** toFQDNs elements lint flagged `fqdn-without-dns-proxy`. */
  readonly fqdnWithoutDns: number
  readonly hasFqdn: boolean
  readonly auditUsed: boolean
  readonly globalAudit: boolean
  readonly expectations: number
}

const DAY = 86_400_000
const days = (ms: number): string => (ms >= DAY ? `${(ms / DAY).toFixed(ms >= 10 * DAY ? 0 : 1)} days` : ms >= 3_600_000 ? `${(ms / 3_600_000).toFixed(1)} hours` : `${Math.max(1, Math.round(ms / 60_000))} minutes`)

const manual = (id: string, text: string, detail: string): ChecklistItem => ({ id, text, state: 'manual', detail })
const auto = (id: string, text: string, ok: boolean, detail: string): ChecklistItem => ({ id, text, state: ok ? 'done' : 'open', detail })

export function adoptionChecklist(f: ChecklistFacts): ChecklistItem[] {
  const knp = f.policies.filter((p) => p.kind === 'NetworkPolicy').length
  const cilium = f.policies.length - knp
  const hostPolicies = f.policies.some((p) => p.rules.some((r) => r.subject.kind === 'nodes'))
  const lockedSystem = f.namespaces.filter((n) => n.system && (n.defaultDeny.ingress || n.defaultDeny.egress) && !n.inAudit)
  return [
    auto('one-kind', 'The team has standardized on either standard NetworkPolicy or CNP', f.policies.length > 0 && (knp === 0 || cilium === 0),
      f.policies.length === 0 ? 'no policies yet' : knp > 0 && cilium > 0 ? `mixed: ${knp} NetworkPolicy and ${cilium} Cilium policies (they add up, §8)` : `${knp > 0 ? 'NetworkPolicy' : 'Cilium policies'} only`),
    manual('default-deny-understood', 'The whole team understands that one policy flips that direction to default deny', 'a matter for people: the lints flag deny-only policies that do it by surprise'),
    auto('window', 'A Hubble observation window of at least 2–4 weeks (covering batch cycles)', f.windowMs !== null && f.windowMs >= 14 * DAY,
      f.windowMs === null ? 'no capture loaded' : `the loaded capture spans ${days(f.windowMs)}`),
    auto('fqdn-dns', 'Every toFQDNs policy has a paired DNS proxy rule', f.fqdnWithoutDns === 0,
      !f.hasFqdn ? 'no toFQDNs rules' : f.fqdnWithoutDns === 0 ? 'every toFQDNs rule has its DNS rule' : `${f.fqdnWithoutDns} toFQDNs rule(s) without a DNS rule (see Problems)`),
    auto('audit-stage', 'A policy-audit-mode validation stage is part of the procedure', f.auditUsed,
      f.auditUsed ? (f.globalAudit ? 'audit mode is on agent-wide' : 'namespaces or workloads run in audit mode') : 'no namespace has gone through audit mode here'),
    auto('system-track', 'System namespaces are split into a separate track', lockedSystem.length === 0,
      lockedSystem.length === 0 ? 'no system namespace is locked down outside audit mode' : `default deny enforced on ${lockedSystem.map((n) => n.namespace).join(', ')}`),
    auto('ci', 'Dry-run and policy trace run in CI on policy PRs', f.expectations > 0,
      f.expectations > 0 ? `${f.expectations} expectation(s) to gate CI with membrane check --expect` : 'add expectations, then run membrane check --expect in CI'),
    manual('alerts', 'DROPPED verdict alerts are wired into monitoring after enforcement', 'outside the workspace: alert on hubble_drop_total / DROPPED flows'),
    auto('host-audit', 'Host policies are enforced only after audit validation', !hostPolicies || f.globalAudit,
      !hostPolicies ? 'no host policies' : f.globalAudit ? 'host policies evaluated in audit mode' : 'host policies are enforced without audit mode'),
    manual('gitops', 'The policy change history is traceable via GitOps', 'outside the workspace: keep the policy files in Git'),
  ]
}
