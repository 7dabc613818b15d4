/**
 * What the graph shows of the cluster besides policies: namespaces, workloads and identities seen
 * in flows, merged with `kubectl get pods,namespaces -A -o json` when the user imported it. A
 * workload is (namespace, name), its name from the owner Hubble reports, else its app label, else
 * its pod names without the generated suffixes (workload.ts); observed workloads appear even when
 * no policy mentions them, and inventory pods that sent no traffic appear as not observed.
 */
import type { Flow } from '../flows/index.ts'
import { formatLabel } from '../labels/label.ts'
import type { Inventory, LabelMap } from './model.ts'
import { stableLabelMap, stableLabels, workloadName } from './workload.ts'

export type Provenance = 'flows' | 'inventory' | 'both'

export interface ViewNamespace {
  readonly name: string
  /** Labels from the inventory, else the `io.cilium.k8s.namespace.labels.*` labels flows carry. */
  readonly labels: LabelMap
  readonly source: Provenance
}

export interface ViewWorkload {
  readonly namespace: string
  readonly name: string
  /** Owner kind (Deployment, StatefulSet…) when Hubble reported it. */
  readonly kind?: string
  /** Stable selector labels (what a drafted policy selects it by). */
  readonly selector: LabelMap
  readonly pods: readonly string[]
  readonly ips: readonly string[]
  /** Security identities seen for it in flows. */
  readonly identities: readonly number[]
  /** Identity labels (`source:key=value`) from flows, or the inventory's pod labels. */
  readonly labels: readonly string[]
  /** Flow records it took part in (either side). */
  readonly flows: number
  readonly source: Provenance
}

export interface ViewIdentity {
  readonly identity: number
  readonly labels: readonly string[]
  readonly namespace?: string
  /** Reserved entity (host, world…) when reserved. */
  readonly reserved?: string
}

export interface ClusterView {
  readonly namespaces: readonly ViewNamespace[]
  readonly workloads: readonly ViewWorkload[]
  readonly identities: readonly ViewIdentity[]
}

interface Acc {
  namespace: string
  name: string
  kind?: string
  selector: LabelMap
  pods: Set<string>
  ips: Set<string>
  identities: Set<number>
  labels: readonly string[]
  flows: number
  fromFlows: boolean
  fromInventory: boolean
}

const NS_LABEL_PREFIX = 'io.cilium.k8s.namespace.labels.'

/** Builds the cluster view from flows (any order) and, optionally, an inventory. Pure. */
export function clusterView(flows: Iterable<Flow>, inventory?: Inventory): ClusterView {
  const workloads = new Map<string, Acc>()
  const namespaces = new Map<string, { labels: Record<string, string>; fromFlows: boolean; fromInventory: boolean }>()
  const identities = new Map<number, ViewIdentity>()
  const seen = new Map<object, Acc | null>()
  const ns = (name: string): { labels: Record<string, string>; fromFlows: boolean; fromInventory: boolean } => {
    let n = namespaces.get(name)
    if (!n) namespaces.set(name, (n = { labels: {}, fromFlows: false, fromInventory: false }))
    return n
  }
  const acc = (namespace: string, name: string, selector: LabelMap): Acc => {
    const key = `${namespace}/${name}`
    let a = workloads.get(key)
    if (!a) {
      workloads.set(key, (a = { namespace, name, selector, pods: new Set(), ips: new Set(), identities: new Set(), labels: [], flows: 0,
        fromFlows: false, fromInventory: false }))
    }
    return a
  }
  for (const f of flows) {
    for (const e of [f.source, f.destination]) {
      if (e.identity !== 0 && !identities.has(e.identity)) {
        identities.set(e.identity, { identity: e.identity, labels: e.labels.map(formatLabel),
          ...(e.namespace !== undefined && { namespace: e.namespace }), ...(e.reserved !== undefined && { reserved: e.reserved }) })
      }
      let a = seen.get(e)
      if (a === undefined) {
        a = null
        if (e.isEndpoint && e.reserved === undefined && e.namespace !== undefined) {
          const n = ns(e.namespace)
          n.fromFlows = true
          for (const l of e.labels) if (l.key.startsWith(NS_LABEL_PREFIX) && !n.fromInventory) n.labels[l.key.slice(NS_LABEL_PREFIX.length)] = l.value
          const selector = stableLabels(e)
          a = acc(e.namespace, workloadName(e, selector), selector)
          a.fromFlows = true
          if (a.kind === undefined && e.workloads?.[0]?.kind) a.kind = e.workloads[0].kind
          if (a.labels.length === 0) a.labels = e.labels.map(formatLabel)
          if (e.podName) a.pods.add(e.podName)
          if (e.ip) a.ips.add(e.ip)
          if (e.identity) a.identities.add(e.identity)
        }
        seen.set(e, a)
      }
      if (a) a.flows++
    }
  }
  for (const n of inventory?.namespaces ?? []) {
    const v = ns(n.name)
    v.fromInventory = true
    v.labels = { ...n.labels }
  }
  for (const p of inventory?.pods ?? []) {
    ns(p.namespace).fromInventory = true
    const selector = stableLabelMap(p.labels)
    // Named as flows name it (the owner first), so a pod both saw is one workload.
    const a = acc(p.namespace, workloadName({ podName: p.name, ...(p.owner && { workloads: [p.owner] }) }, selector), selector)
    a.fromInventory = true
    if (a.kind === undefined && p.owner) a.kind = p.owner.kind
    a.pods.add(p.name)
    for (const ip of p.ips) a.ips.add(ip)
    if (a.labels.length === 0) a.labels = Object.entries(p.labels).map(([k, v]) => `k8s:${k}=${v}`)
  }
  const provenance = (x: { fromFlows: boolean; fromInventory: boolean }): Provenance =>
    (x.fromFlows && x.fromInventory ? 'both' : x.fromFlows ? 'flows' : 'inventory')
  const byName = <T extends { readonly name: string }>(a: T, b: T): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  return {
    namespaces: [...namespaces].map(([name, n]) => ({ name, labels: n.labels, source: provenance(n) })).sort(byName),
    workloads: [...workloads.values()].map((a) => ({
      namespace: a.namespace, name: a.name, ...(a.kind !== undefined && { kind: a.kind }), selector: a.selector,
      pods: [...a.pods].sort(), ips: [...a.ips].sort(), identities: [...a.identities].sort((x, y) => x - y), labels: a.labels,
      flows: a.flows, source: provenance(a),
    })).sort((a, b) => (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : byName(a, b))),
    identities: [...identities.values()].sort((a, b) => a.identity - b.identity),
  }
}
