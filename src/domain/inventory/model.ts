/**
 * What Membrane knows about the cluster besides policies: namespaces, pods, services and nodes,
 * from `kubectl get … -o json|yaml` or derived from observed flows. Label maps are built with
 * `Object.fromEntries` / null prototypes, so a `__proto__` label key stays a plain key.
 */
import type { Label } from '../labels/label.ts'

export type LabelMap = Readonly<Record<string, string>>

export interface PodOwner {
  readonly kind: string
  readonly name: string
}

export interface NamedContainerPort {
  readonly port: number
  readonly protocol: 'TCP' | 'UDP' | 'SCTP'
}

export interface InventoryNamespace {
  readonly name: string
  readonly labels: LabelMap
}

export interface InventoryPod {
  readonly namespace: string
  readonly name: string
  readonly labels: LabelMap
  readonly serviceAccount?: string
  readonly nodeName?: string
  /** `status.podIPs` (or `podIP`); empty while the pod is pending. */
  readonly ips: readonly string[]
  readonly hostNetwork: boolean
  /** Its controlling workload (a Deployment for a ReplicaSet's pod), as Hubble's `workloads` names it. */
  readonly owner?: PodOwner
  /** Container ports by name (lowercased, as Cilium compares them, §6.2). */
  readonly namedPorts: Readonly<Record<string, NamedContainerPort>>
  /** Security identity labels (cilium-semantics §1.3). Host-network pods have the host identity. */
  readonly identityLabels: readonly Label[]
}

export interface ServicePort {
  readonly name?: string
  readonly port: number
  readonly protocol: 'TCP' | 'UDP' | 'SCTP'
  /** A number, or the name of a container port. */
  readonly targetPort?: number | string
}

export interface InventoryService {
  readonly namespace: string
  readonly name: string
  readonly labels: LabelMap
  /** null for a selector-less service. */
  readonly selector: LabelMap | null
  readonly ports: readonly ServicePort[]
  readonly clusterIPs: readonly string[]
}

export interface InventoryNode {
  readonly name: string
  readonly labels: LabelMap
  readonly addresses: readonly { readonly type: string; readonly address: string }[]
}

export interface InventoryProblem {
  readonly severity: 'error' | 'warning'
  readonly message: string
  /** 1-based, when the problem has a place in the text. */
  readonly line?: number
  readonly column?: number
  /** Which of several input texts it is about (0-based), when more than one was given. */
  readonly input?: number
}

export interface Inventory {
  readonly namespaces: readonly InventoryNamespace[]
  readonly pods: readonly InventoryPod[]
  readonly services: readonly InventoryService[]
  readonly nodes: readonly InventoryNode[]
}

export interface InventoryParseResult {
  readonly inventory: Inventory
  readonly problems: readonly InventoryProblem[]
}

export const EMPTY_INVENTORY: Inventory = { namespaces: [], pods: [], services: [], nodes: [] }
