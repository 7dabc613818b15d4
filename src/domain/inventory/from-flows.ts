/**
 * An inventory of what observed traffic shows: endpoints grouped by identity label set (Cilium
 * keys identities on labels, and numbers differ between clusters — hubble-flows.md §5), with the
 * IPs, pods and identity numbers each was seen with, and namespaces with the labels their pods'
 * `io.cilium.k8s.namespace.labels.*` reveal.
 */
import type { Label } from '../labels/label.ts'
import { NAMESPACE_LABELS_PREFIX, formatLabel } from '../labels/label.ts'
import type { Flow, FlowEndpoint } from '../flows/flow.ts'

export interface ObservedEndpoint {
  /** Sorted `source:key=value` labels joined with `,`: the grouping key. */
  readonly key: string
  readonly labels: readonly Label[]
  readonly namespace?: string
  readonly reserved?: string
  readonly isEndpoint: boolean
  readonly ips: ReadonlySet<string>
  readonly pods: ReadonlySet<string>
  readonly identities: ReadonlySet<number>
  /** Number of flows this endpoint took part in (either side). */
  readonly flows: number
}

export interface ObservedInventory {
  readonly endpoints: readonly ObservedEndpoint[]
  readonly namespaces: ReadonlyMap<string, Readonly<Record<string, string>>>
}

interface Acc {
  key: string
  labels: readonly Label[]
  namespace?: string
  reserved?: string
  isEndpoint: boolean
  ips: Set<string>
  pods: Set<string>
  identities: Set<number>
  flows: number
}

export function inventoryFromFlows(flows: Iterable<Flow>): ObservedInventory {
  const byLabels = new Map<readonly Label[], Acc>()
  const byKey = new Map<string, Acc>()
  const namespaces = new Map<string, Record<string, string>>()
  const add = (e: FlowEndpoint): void => {
    // Endpoints with no labels (field masks) are grouped by IP so they stay distinguishable.
    let acc = e.labels.length > 0 ? byLabels.get(e.labels) : undefined
    if (!acc) {
      const key = e.labels.length > 0 ? e.labels.map(formatLabel).sort().join(',') : `ip:${e.ip ?? '?'}`
      acc = byKey.get(key)
      if (!acc) {
        acc = { key, labels: e.labels, namespace: e.namespace, reserved: e.reserved, isEndpoint: e.isEndpoint,
          ips: new Set(), pods: new Set(), identities: new Set(), flows: 0 }
        byKey.set(key, acc)
      }
      if (e.labels.length > 0) byLabels.set(e.labels, acc)
    }
    acc.flows++
    if (e.ip) acc.ips.add(e.ip)
    if (e.podName) acc.pods.add(e.namespace ? `${e.namespace}/${e.podName}` : e.podName)
    if (e.identity) acc.identities.add(e.identity)
    if (e.namespace !== undefined && !namespaces.has(e.namespace)) namespaces.set(e.namespace, namespaceLabels(e))
  }
  for (const f of flows) {
    add(f.source)
    add(f.destination)
  }
  return { endpoints: [...byKey.values()], namespaces }
}

function namespaceLabels(e: FlowEndpoint): Record<string, string> {
  const entries: [string, string][] = []
  for (const l of e.labels) {
    if (l.source === 'k8s' && l.key.startsWith(NAMESPACE_LABELS_PREFIX)) entries.push([l.key.slice(NAMESPACE_LABELS_PREFIX.length), l.value])
  }
  return Object.fromEntries(entries)
}
