/**
 * Which pod labels reach a security identity: Cilium's default label filter (cilium-semantics §1.3).
 * One list for the engine (identities of traced/replayed pods), the inventory and the lints.
 */

/** Dropped when the key starts with one of these (anchored at the start, §1.3). */
const DROPPED_PREFIXES = ['io.kubernetes', 'kubernetes.io', 'k8s.io', 'beta.kubernetes.io', 'topology.kubernetes.io', 'annotation']
/** Dropped keys: controller hashes and the statefulset/job index labels. */
const DROPPED_KEYS: ReadonlySet<string> = new Set([
  'pod-template-hash',
  'controller-revision-hash',
  'pod-template-generation',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'batch.kubernetes.io/job-completion-index',
  'job-name',
  'controller-uid',
  'batch.kubernetes.io/job-name',
  'batch.kubernetes.io/controller-uid',
])

/** Whether a user-set pod label reaches the identity. */
export function isIdentityLabel(key: string): boolean {
  if (key.startsWith('io.cilium.k8s')) return false // user-set io.cilium.k8s* keys are stripped
  if (key.startsWith('app.kubernetes.io')) return true // the longer include beats shorter ignores
  if (DROPPED_KEYS.has(key)) return false
  if (key.includes('beta.kubernetes.io')) return false // `*beta.kubernetes.io*`, not only as a prefix
  return !DROPPED_PREFIXES.some((p) => key.startsWith(p))
}
