/**
 * Per-endpoint policy audit mode chosen by namespace or workload (cilium-semantics §3.7: the
 * agent's `policy-audit-mode` is daemon-wide, `cilium endpoint config <id> PolicyAuditMode=Enabled`
 * sets it on one endpoint). An audit scope stands for the second form applied to every endpoint
 * of a namespace or of a workload: the endpoint's own side of a flow (egress at the source,
 * ingress at the destination) turns a would-be L3/L4 denial into AUDIT; the other side is
 * judged as it is. Non-endpoints (world, CIDRs) have no policy of their own and are never in audit.
 */
import type { EndpointRef } from './api.ts'
import { NAMESPACE_KEY } from '../labels/label.ts'

/** Namespaces and workloads whose endpoints run in audit mode. */
export interface AuditScope {
  /** Namespace names: every endpoint of the namespace. */
  readonly namespaces: readonly string[]
  /**
   * Workloads as `namespace/k=v,k=v` (the graph's workload handle without `wl/`): endpoints of
   * that namespace carrying all those labels (any label source).
   */
  readonly workloads: readonly string[]
}

export const EMPTY_AUDIT_SCOPE: AuditScope = { namespaces: [], workloads: [] }

/** A workload entry read back: its namespace and labels; null when it is not `ns/k=v[,k=v]`. */
export function parseAuditWorkload(entry: string): { namespace: string; labels: Record<string, string> } | null {
  const slash = entry.indexOf('/')
  if (slash <= 0) return null
  const labels: Record<string, string> = {}
  for (const pair of entry.slice(slash + 1).split(',')) {
    const eq = pair.indexOf('=')
    if (eq <= 0) return null
    labels[pair.slice(0, eq).replace(/^(k8s|any):/, '')] = pair.slice(eq + 1)
  }
  return Object.keys(labels).length > 0 ? { namespace: entry.slice(0, slash), labels } : null
}

type Matcher = (ref: EndpointRef) => boolean

const matchers = new WeakMap<AuditScope, Matcher>()
const never: Matcher = () => false

/** The scope as a memoized predicate on endpoints (one lookup per endpoint object). */
export function auditScopeMatcher(scope: AuditScope | undefined): Matcher {
  if (scope === undefined || (scope.namespaces.length === 0 && scope.workloads.length === 0)) return never
  let m = matchers.get(scope)
  if (m !== undefined) return m
  const namespaces = new Set(scope.namespaces)
  const workloads = scope.workloads.map(parseAuditWorkload).filter((w) => w !== null)
  const memo = new WeakMap<EndpointRef, boolean>()
  m = (ref) => {
    if (!ref.isEndpoint) return false
    let hit = memo.get(ref)
    if (hit === undefined) memo.set(ref, (hit = inScope(ref, namespaces, workloads)))
    return hit
  }
  matchers.set(scope, m)
  return m
}

function inScope(ref: EndpointRef, namespaces: ReadonlySet<string>, workloads: readonly { namespace: string; labels: Record<string, string> }[]): boolean {
  const ns = ref.labels.find((l) => l.source === 'k8s' && l.key === NAMESPACE_KEY)?.value
  if (ns === undefined) return false
  if (namespaces.has(ns)) return true
  return workloads.some((w) => w.namespace === ns && Object.entries(w.labels).every(([k, v]) => ref.labels.some((l) => l.key === k && l.value === v && l.source !== 'reserved')))
}
