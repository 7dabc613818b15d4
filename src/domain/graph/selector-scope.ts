/**
 * What a selector says in graph terms: the namespace it pins, and whether the rest is plain labels
 * (so it can be drawn as one workload). Ids themselves are made in handles.ts.
 */
import { NAMESPACE_KEY, NAMESPACE_LABELS_PREFIX } from '../labels/label.ts'
import type { Requirement, Selector } from '../labels/selector.ts'
import { selectorToString } from '../labels/selector.ts'
import { isContextKey } from './handles.ts'

/** `k=v,k=v` with keys sorted, values as written: how a workload's labels are shown. */
export function formatLabels(labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',')
}

/** What a selector says about namespaces, and what is left once that is taken out. */
export interface SelectorScope {
  /** A single namespace (`In` with one value), or null when it is not pinned to one. */
  readonly namespace: string | null
  /** `Exists` on the namespace key: any pod in any namespace. */
  readonly anyNamespace: boolean
  /** Requirements that remain after the namespace ones. */
  readonly rest: readonly Requirement[]
}

export function selectorScope(selector: Selector): SelectorScope {
  let namespace: string | null = null
  let anyNamespace = false
  const rest: Requirement[] = []
  for (const r of selector.requirements) {
    if (r.key === NAMESPACE_KEY && r.operator === 'In' && r.values.length === 1 && namespace === null) {
      namespace = r.values[0]
    } else if (r.key === NAMESPACE_KEY && r.operator === 'Exists') {
      anyNamespace = true
    } else {
      rest.push(r)
    }
  }
  return { namespace, anyNamespace, rest }
}

/** Plain `k=v` labels when every remaining requirement is a single-value `In` on a non-context key. */
export function plainLabels(rest: readonly Requirement[]): Record<string, string> | null {
  const out: Record<string, string> = {}
  for (const r of rest) {
    if (r.operator !== 'In' || r.values.length !== 1 || r.source === 'reserved' || isContextKey(r.key)) return null
    out[r.key] = r.values[0]
  }
  return out
}

export function describeSelector(selector: Selector): string {
  return selectorToString(selector)
}

/** The namespace label every namespace carries with its own name (Kubernetes ≥1.21). */
const METADATA_NAME = `${NAMESPACE_LABELS_PREFIX}kubernetes.io/metadata.name`

/** A selector's scope as the graph draws it: namespace labels read as what they say. */
export interface DrawnScope extends SelectorScope {
  /** Requirements on namespace labels (KNP namespaceSelector, `io.cilium.k8s.namespace.labels.*`), keys without the prefix. */
  readonly namespaceLabels: readonly Requirement[]
}

/**
 * Like `selectorScope`, and a namespace named by its `kubernetes.io/metadata.name` label (a KNP
 * `namespaceSelector` for one namespace) pins it too, so the peer is drawn as the workload it
 * selects there. Other namespace-label requirements are set apart for plain words (§8.2).
 */
export function drawnScope(selector: Selector): DrawnScope {
  const base = selectorScope(selector)
  let namespace = base.namespace
  const rest: Requirement[] = []
  const namespaceLabels: Requirement[] = []
  for (const r of base.rest) {
    if (r.key === METADATA_NAME && r.operator === 'In' && r.values.length === 1 && (namespace === null || namespace === r.values[0])) {
      namespace = r.values[0]
    } else if (r.key.startsWith(NAMESPACE_LABELS_PREFIX)) {
      namespaceLabels.push({ ...r, source: 'k8s', key: r.key.slice(NAMESPACE_LABELS_PREFIX.length) })
    } else {
      rest.push(r)
    }
  }
  return { namespace, anyNamespace: base.anyNamespace && namespace === null, rest, namespaceLabels }
}

/** `team=api`, `env in (a,b)`, `tier` (exists), `!spot`: one requirement in plain words. */
export function describeRequirement(r: Requirement): string {
  switch (r.operator) {
    case 'In':
      return r.values.length === 1 ? `${r.key}=${r.values[0]}` : `${r.key} in (${r.values.join(',')})`
    case 'NotIn':
      return `${r.key} not in (${r.values.join(',')})`
    case 'Exists':
      return r.key
    case 'DoesNotExist':
      return `!${r.key}`
  }
}
