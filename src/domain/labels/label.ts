/**
 * Labels as Cilium models them: `source:key=value` (cilium-semantics §1.1).
 * Selector keys without a source get `any`, which matches the same key from every source (§1.2).
 */
export interface Label {
  readonly source: string
  readonly key: string
  readonly value: string
}

/** Sources Cilium knows (§1.1). A prefix before ':' that is not one of these is part of the key. */
export const LABEL_SOURCES: ReadonlySet<string> = new Set([
  'unspec', 'any', 'k8s', 'container', 'cni', 'reserved', 'cidr', 'cidrgroup', 'node', 'fqdn', 'directory',
])

/** Splits `source:key` into its parts; a key with no known source prefix gets `defaultSource`. */
export function parseLabelKey(raw: string, defaultSource = 'any'): { source: string; key: string } {
  if (raw.startsWith('$')) return { source: 'reserved', key: raw.slice(1) }
  const colon = raw.indexOf(':')
  if (colon > 0) {
    const source = raw.slice(0, colon)
    if (LABEL_SOURCES.has(source)) return { source, key: raw.slice(colon + 1) }
  }
  return { source: defaultSource, key: raw }
}

/** Parses `source:key=value` (value optional) as Hubble and `cilium identity` print labels. */
export function parseLabel(raw: string, defaultSource = 'unspec'): Label {
  const eq = raw.indexOf('=')
  const keyPart = eq >= 0 ? raw.slice(0, eq) : raw
  const value = eq >= 0 ? raw.slice(eq + 1) : ''
  const { source, key } = parseLabelKey(keyPart, defaultSource)
  return { source, key, value }
}

export function formatLabel(label: Label): string {
  return `${label.source}:${label.key}${label.value === '' ? '' : `=${label.value}`}`
}

/** Well-known keys Cilium puts on pod identities (§1.3). */
export const NAMESPACE_KEY = 'io.kubernetes.pod.namespace'
export const NAMESPACE_LABELS_PREFIX = 'io.cilium.k8s.namespace.labels.'
export const SERVICE_ACCOUNT_KEY = 'io.cilium.k8s.policy.serviceaccount'
export const CLUSTER_KEY = 'io.cilium.k8s.policy.cluster'
