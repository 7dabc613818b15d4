/** Pod identity labels as Cilium derives them (cilium-semantics §1.3). */
import type { Label } from '../labels/label.ts'
import { CLUSTER_KEY, NAMESPACE_KEY, NAMESPACE_LABELS_PREFIX, SERVICE_ACCOUNT_KEY } from '../labels/label.ts'
import type { LabelMap } from './model.ts'
import { isIdentityLabel } from '../labels/identity-filter.ts'

export { isIdentityLabel }

export interface PodIdentityInput {
  readonly namespace: string
  readonly labels: LabelMap
  readonly namespaceLabels?: LabelMap
  readonly serviceAccount?: string
  /** Added as `io.cilium.k8s.policy.cluster` only when known. */
  readonly clusterName?: string
}

export function podIdentityLabels(p: PodIdentityInput): Label[] {
  const k8s = (key: string, value: string): Label => ({ source: 'k8s', key, value })
  const out: Label[] = []
  for (const [k, v] of Object.entries(p.labels)) if (isIdentityLabel(k)) out.push(k8s(k, v))
  // kubernetes.io/metadata.name is set by the API server on every namespace; add it if the dump lacks it.
  const nsLabels = new Map(Object.entries(p.namespaceLabels ?? {}))
  if (!nsLabels.has('kubernetes.io/metadata.name')) nsLabels.set('kubernetes.io/metadata.name', p.namespace)
  for (const [k, v] of nsLabels) out.push(k8s(NAMESPACE_LABELS_PREFIX + k, v))
  out.push(k8s(NAMESPACE_KEY, p.namespace))
  if (p.serviceAccount) out.push(k8s(SERVICE_ACCOUNT_KEY, p.serviceAccount))
  if (p.clusterName) out.push(k8s(CLUSTER_KEY, p.clusterName))
  out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  return out
}
