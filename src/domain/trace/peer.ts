/**
 * One side of a traced connection as a person picks it — in the Trace panel or on the command
 * line — and the engine's `EndpointRef` for it. Both callers resolve peers here, so the CLI's
 * `membrane trace` and the panel answer the same question the same way.
 */
import type { EndpointRef } from '../engine/index.ts'
import { podRef, refFromEntity, refFromIp } from '../engine/index.ts'
import type { InventoryIndex, InventoryPod } from '../inventory/index.ts'

/** A peer as picked; plain data, so it crosses `postMessage` by structured clone. */
export type PeerSpec =
  /** A workload by its labels; `labels: {}` is any pod of the namespace. */
  | { readonly kind: 'pod'; readonly namespace: string; readonly labels: Readonly<Record<string, string>> }
  /** One pod by name (CLI `ns/pod`): only an inventory or a flow capture knows its labels. */
  | { readonly kind: 'named-pod'; readonly namespace: string; readonly name: string }
  | { readonly kind: 'entity'; readonly name: string }
  | { readonly kind: 'ip'; readonly ip: string }
  /** A DNS name: its address is whatever the DNS proxy resolved for the source (toFQDNs, §5.6). */
  | { readonly kind: 'fqdn'; readonly name: string }

/**
 * What is known about the cluster beyond the policies: the CLI's `--inventory`, `--flows` and
 * `--cluster-name`. The Trace panel has none of them, and gets the same answers as a CLI run
 * without them.
 */
export interface PeerFacts {
  readonly inventory?: { readonly index: InventoryIndex; readonly pods: readonly InventoryPod[] }
  /** Pods seen in a flow capture, `ns/pod` → their ref (see `FlowAdapter.ref`). */
  readonly observed?: ReadonlyMap<string, EndpointRef>
  /** The local cluster's name; pods carry `io.cilium.k8s.policy.cluster=default` without it (§1.3). */
  readonly clusterName?: string
}

/** A peer the facts at hand cannot resolve (an unknown entity, a pod name nobody knows). */
export class PeerError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PeerError'
  }
}

/** The address a traced DNS name stands for (a documentation range: never a real peer). */
export const RESOLVED_IP = '198.51.100.77'

/** The engine's view of a picked peer; throws `PeerError` for a peer it cannot use. */
export function peerRef(peer: PeerSpec, facts: PeerFacts = {}): EndpointRef {
  switch (peer.kind) {
    case 'pod': {
      const { namespace, labels } = peer
      // The first inventory pod with these labels lends its address, named ports and service
      // account: what a trace to "a pod like this" would meet.
      const match = facts.inventory?.pods.find((p) => p.namespace === namespace
        && Object.entries(labels).every(([k, v]) => p.labels[k] === v))
      const namespaceLabels = facts.inventory?.index.namespaceLabels.get(namespace)
      return podRef({
        namespace, labels, name: describePeer(peer),
        ...(namespaceLabels && { namespaceLabels }),
        ...(facts.clusterName !== undefined && { cluster: facts.clusterName }),
        ...(match?.serviceAccount !== undefined && { serviceAccount: match.serviceAccount }),
        ...(match?.ips[0] !== undefined && { ip: match.ips[0] }),
        ...(match && Object.keys(match.namedPorts).length > 0 && { namedPorts: match.namedPorts }),
      })
    }
    case 'named-pod': {
      const key = describePeer(peer)
      const pod = facts.inventory?.index.podByName.get(key)
      if (pod) return inventoryPodRef(pod)
      const seen = facts.observed?.get(key)
      if (seen) return seen
      throw new PeerError(`unknown pod '${key}': not in the inventory${facts.observed ? ' nor in the flows' : ''}`)
    }
    case 'entity': {
      // The host is an endpoint like the others: the engine decides whether the host firewall
      // evaluates its policy (§2.1), and says so in the trace.
      const ref = refFromEntity(peer.name)
      if (!ref) throw new PeerError(`unknown entity "${peer.name}"`)
      return ref
    }
    case 'ip': {
      const pod = facts.inventory?.index.podByIp.get(peer.ip)
      return pod ? inventoryPodRef(pod) : refFromIp(peer.ip, { name: peer.ip })
    }
    case 'fqdn':
      return refFromIp(RESOLVED_IP, { name: peer.name })
  }
}

/**
 * A pod of the inventory with its identity, first address and named ports. A host-network pod
 * has the host's identity; as for the host entity, the engine applies the host firewall (§2.1).
 */
function inventoryPodRef(pod: InventoryPod): EndpointRef {
  return {
    labels: pod.identityLabels,
    isEndpoint: true,
    name: `${pod.namespace}/${pod.name}`,
    ...(pod.ips[0] !== undefined && { ip: pod.ips[0] }),
    ...(Object.keys(pod.namedPorts).length > 0 && { namedPorts: pod.namedPorts }),
  }
}

/** How a peer is named in trace lines. */
export function describePeer(peer: PeerSpec): string {
  switch (peer.kind) {
    case 'pod': {
      const labels = Object.entries(peer.labels).map(([k, v]) => `${k}=${v}`).join(',')
      return labels ? `${peer.namespace}/{${labels}}` : `${peer.namespace}/(any pod)`
    }
    case 'named-pod':
      return `${peer.namespace}/${peer.name}`
    case 'entity':
      return peer.name
    case 'ip':
      return peer.ip
    case 'fqdn':
      return peer.name
  }
}
