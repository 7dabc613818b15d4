/**
 * What is known of namespace labels, for drawing KNP `namespaceSelector` peers (§8.2): from an
 * inventory (`kubectl get pods,namespaces -A -o json`), or from the namespace labels Hubble
 * records with each endpoint (`k8s:io.cilium.k8s.namespace.labels.*`).
 */
import type { Inventory, ObservedInventory } from '../inventory/index.ts'
import type { Flow } from '../flows/flow.ts'
import { NAMESPACE_LABELS_PREFIX } from '../labels/label.ts'
import type { NamespaceLabels } from './build-graph.ts'

export function namespaceLabelsOfInventory(inventory: Pick<Inventory, 'namespaces'>): NamespaceLabels {
  const out: Record<string, Readonly<Record<string, string>>> = {}
  for (const ns of inventory.namespaces) out[ns.name] = { ...ns.labels }
  return out
}

/**
 * Namespaces whose flows carried namespace labels. One seen without any (a field mask, an old
 * agent) is left out: its labels are unknown, not empty.
 */
export function namespaceLabelsOfFlows(observed: Pick<ObservedInventory, 'namespaces'>): NamespaceLabels {
  const out: Record<string, Readonly<Record<string, string>>> = {}
  for (const [name, labels] of observed.namespaces) if (Object.keys(labels).length > 0) out[name] = labels
  return out
}

/** Like `namespaceLabelsOfFlows`, in one light pass over a capture (the first labelled endpoint per namespace). */
export function namespaceLabelsOfFlowList(flows: Iterable<Flow>): NamespaceLabels {
  const out: Record<string, Readonly<Record<string, string>>> = {}
  for (const f of flows) {
    for (const e of [f.source, f.destination]) {
      if (e.namespace === undefined || out[e.namespace] !== undefined) continue
      const labels: Record<string, string> = {}
      for (const l of e.labels) if (l.source === 'k8s' && l.key.startsWith(NAMESPACE_LABELS_PREFIX)) labels[l.key.slice(NAMESPACE_LABELS_PREFIX.length)] = l.value
      if (Object.keys(labels).length > 0) out[e.namespace] = labels
    }
  }
  return out
}

/** Both sources: the inventory wins for a namespace both know. */
export function mergeNamespaceLabels(...sources: readonly (NamespaceLabels | undefined)[]): NamespaceLabels {
  const out: Record<string, Readonly<Record<string, string>>> = {}
  for (const s of sources.slice().reverse()) if (s) Object.assign(out, s)
  return out
}

export function sameNamespaceLabels(a: NamespaceLabels | undefined, b: NamespaceLabels | undefined): boolean {
  return JSON.stringify(a ?? {}) === JSON.stringify(b ?? {})
}
