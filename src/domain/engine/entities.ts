/** Entity membership (§5.2), exact as Cilium's entity → selector mapping. */
import type { Identity } from './resolved-identity.ts'

/** Reserved identities that belong to the `cluster` entity (§5.2). */
const CLUSTER_RESERVED = ['host', 'remote-node', 'init', 'ingress', 'health', 'unmanaged', 'kube-apiserver']

/** Entity names Cilium knows; anything else matches nothing. */
export const KNOWN_ENTITIES: ReadonlySet<string> = new Set([
  'all', 'world', 'world-ipv4', 'world-ipv6', 'cluster', 'host', 'remote-node', 'kube-apiserver',
  'health', 'init', 'ingress', 'unmanaged', 'none',
])

export function entityMatches(entity: string, id: Identity, clusterName: string | undefined): boolean {
  switch (entity.toLowerCase()) {
    case 'all':
      return true // the true wildcard, including world, CIDR, host and none (§9.34)
    case 'none':
      return false
    case 'world':
      // Every CIDR/FQDN identity carries a world label, so `world` covers them (§1.4).
      return id.isWorld
    case 'world-ipv4':
      return id.reserved.has('world-ipv4') || (id.reserved.has('world') && (id.addr === null || id.addr.family === 4))
    case 'world-ipv6':
      return id.reserved.has('world-ipv6') || (id.reserved.has('world') && (id.addr === null || id.addr.family === 6))
    case 'cluster':
      if (CLUSTER_RESERVED.some((r) => id.reserved.has(r))) return true
      if (id.isWorld) return false
      // Pods: with a configured cluster name, only that cluster's pods; otherwise any pod
      // (an identity with a namespace label) is taken as local (documented in Settings).
      if (clusterName !== undefined) return id.cluster === clusterName
      return id.namespace !== undefined
    default:
      return KNOWN_ENTITIES.has(entity.toLowerCase()) && id.reserved.has(entity.toLowerCase())
  }
}
