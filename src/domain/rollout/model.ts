/**
 * The rollout of default deny, one namespace at a time, in the seed's four stages (observe →
 * allow core paths → default deny in audit mode → enforce). Plain data: built in the worker,
 * shown by the Rollout panel.
 */
export type RolloutStage = 'observe' | 'allow' | 'audit' | 'enforce'

export const STAGES: readonly RolloutStage[] = ['observe', 'allow', 'audit', 'enforce']

/** The one action the panel offers for a namespace's next step. */
export type NextStep =
  | { readonly kind: 'load-flows'; readonly text: string }
  | { readonly kind: 'draft'; readonly text: string }
  | { readonly kind: 'default-deny-audit'; readonly text: string }
  | { readonly kind: 'enforce'; readonly text: string }
  | { readonly kind: 'done'; readonly text: string }

/** Workload node ids (graph/handles.ts) counted by each coverage number. */
export interface Coverage {
  readonly workloads: readonly string[]
  readonly ingressIsolated: readonly string[]
  readonly egressIsolated: readonly string[]
  readonly worldReachable: readonly string[]
  readonly l7: readonly string[]
  readonly fqdnWithoutDns: readonly string[]
}

export interface NamespaceRollout {
  readonly namespace: string
  /** kube-system, monitoring, ingress controllers…: a separate track, rolled out last. */
  readonly system: boolean
  readonly stage: RolloutStage
  /** Why it is at this stage, in plain words. */
  readonly stageReason: string
  /** Observed non-reply flows with an endpoint of this namespace on either side. */
  readonly observed: number
  /** Epoch ms of the first and last of them; null without flows. */
  readonly window: { readonly from: number; readonly to: number } | null
  /** Flows whose sides in this namespace are all decided by an allow rule. */
  readonly covered: number
  /** Flows a side of this namespace lets through only because that direction is not enforced: dropped once default deny is on. */
  readonly uncovered: number
  /** Flows a side of this namespace would deny but audit mode lets through. */
  readonly audited: number
  /** Flows the cluster let through that a side of this namespace denies: they would break. */
  readonly denied: number
  /** Flows the capture shows dropped (left out of the counts above). */
  readonly dropped: number
  /** Flows the capture recorded as AUDIT (the cluster's own audit verdicts). */
  readonly recordedAudit: number
  /** Namespace-wide default deny in force per direction (an explicit `endpointSelector: {}` policy or enforcement mode always). */
  readonly defaultDeny: { readonly ingress: boolean; readonly egress: boolean }
  /** Every endpoint of the namespace is in audit mode (audit scope or the daemon-wide switch). */
  readonly inAudit: boolean
  readonly next: NextStep
  readonly coverage: Coverage
}

export type ChecklistState = 'done' | 'open' | 'manual'

/** One item of the seed's adoption checklist, ticked from the workspace where it can be. */
export interface ChecklistItem {
  readonly id: string
  readonly text: string
  readonly state: ChecklistState
  /** What in the workspace ticked it or keeps it open (or why only people can tick it). */
  readonly detail: string
}

export interface RolloutReport {
  /** Application namespaces first, then the system track; each group by name. */
  readonly namespaces: readonly NamespaceRollout[]
  readonly checklist: readonly ChecklistItem[]
  /** Whether a capture is loaded (without one every namespace is at "observe"). */
  readonly flowsLoaded: boolean
}
