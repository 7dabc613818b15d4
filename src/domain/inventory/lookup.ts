/** Fast lookups over an inventory, for adapters that resolve flow peers and CLI arguments. */
import type { Inventory, InventoryPod } from './model.ts'

export interface InventoryIndex {
  readonly podByIp: ReadonlyMap<string, InventoryPod>
  /** `namespace/name` → pod. */
  readonly podByName: ReadonlyMap<string, InventoryPod>
  readonly namespaceLabels: ReadonlyMap<string, Readonly<Record<string, string>>>
}

export function indexInventory(inv: Inventory): InventoryIndex {
  const podByIp = new Map<string, InventoryPod>()
  const podByName = new Map<string, InventoryPod>()
  for (const p of inv.pods) {
    podByName.set(`${p.namespace}/${p.name}`, p)
    // Host-network pods share the node IP: that IP is the host's, not the pod's.
    if (!p.hostNetwork) for (const ip of p.ips) podByIp.set(ip, p)
  }
  return { podByIp, podByName, namespaceLabels: new Map(inv.namespaces.map((n) => [n.name, n.labels])) }
}
