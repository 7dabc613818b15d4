/**
 * Workloads: which labels of a pod make a selector that still selects it after the next rollout
 * (hubble-flows.md pitfall 7) — no per-revision hashes, no Cilium-derived identity labels (the
 * namespace is implicit in a namespaced CNP), one well-known app label when there is one — and a
 * name for the workload. Shared by the cluster view (flows + kubectl) and drafted policies.
 */
import type { FlowEndpoint } from '../flows/index.ts'
import type { Label } from '../labels/label.ts'

/** Label keys that change with every rollout, pod or job run: never pinned by a drafted selector. */
const UNSTABLE_KEYS: ReadonlySet<string> = new Set([
  'pod-template-hash', 'controller-revision-hash', 'pod-template-generation', 'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index', 'controller-uid', 'batch.kubernetes.io/controller-uid', 'job-name',
  'batch.kubernetes.io/job-name', 'batch.kubernetes.io/job-completion-index', 'security.istio.io/tlsMode',
  'service.istio.io/canonical-revision', 'helm.sh/chart', 'app.kubernetes.io/version', 'version',
])

/** Prefixes of labels Cilium derives (namespace labels, service account, cluster) or that name the namespace. */
const DERIVED_PREFIXES = ['io.cilium.k8s.', 'io.kubernetes.pod.namespace', 'io.cilium.']

/** The app labels preferred as the whole selector, in order. */
export const PREFERRED_KEYS = ['app.kubernetes.io/name', 'app', 'k8s-app', 'name'] as const

/**
 * The selector labels for an endpoint: the first preferred app label if it has one, else every
 * stable `k8s:` label (sorted). Empty when nothing stable is left (then the endpoint cannot be
 * selected by labels).
 */
export function stableLabels(e: { readonly labels: readonly Label[] }): Record<string, string> {
  const k8s = e.labels.filter((l) => l.source === 'k8s' || l.source === 'any' || l.source === '')
  for (const key of PREFERRED_KEYS) {
    const l = k8s.find((x) => x.key === key)
    if (l) return { [key]: l.value }
  }
  const out: [string, string][] = []
  for (const l of k8s) {
    if (UNSTABLE_KEYS.has(l.key) || DERIVED_PREFIXES.some((p) => l.key.startsWith(p))) continue
    out.push([l.key, l.value])
  }
  out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  return Object.fromEntries(out)
}

/** A name for the workload behind an endpoint: its owner, else its app label, else its pod name without hashes. */
export function workloadName(e: Pick<FlowEndpoint, 'workloads' | 'podName'>, selector: Readonly<Record<string, string>>): string {
  const owner = e.workloads?.[0]?.name
  if (owner) return owner
  for (const key of PREFERRED_KEYS) if (selector[key] !== undefined) return selector[key]
  const values = Object.values(selector)
  if (values.length > 0) return values.join('-')
  if (e.podName) return e.podName.replace(/(-[a-z0-9]{8,10})?-[a-z0-9]{5}$/, '')
  return 'workload'
}

/** Stable labels of a `kubectl` pod's label map (the same rules, all labels counted as k8s). */
export function stableLabelMap(labels: Readonly<Record<string, string>>): Record<string, string> {
  return stableLabels({ labels: Object.entries(labels).map(([key, value]) => ({ source: 'k8s', key, value })) })
}

/** A DNS-1123 subdomain made from free text: what metadata.name accepts. */
export function k8sName(text: string): string {
  const s = text.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '').slice(0, 240)
  return s === '' ? 'workload' : s
}
