/**
 * What a selector says in graph terms: the namespace it pins, and whether the rest is plain labels
 * (so it can be drawn as one workload). Ids themselves are made in handles.ts.
 */
import { NAMESPACE_KEY } from '../labels/label.ts'
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
