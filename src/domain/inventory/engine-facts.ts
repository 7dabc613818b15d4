/**
 * What the engine needs from an inventory besides pod facts: Services for `toServices` (§5.5) and
 * node addresses for `fromNodes` / `toNodes` (§5.7). The CLI's `--inventory` and the page's
 * imported inventory both compile policies with these, so both evaluate alike.
 */
import type { NodeInfo, ServiceInfo } from '../engine/api.ts'
import type { Inventory } from './model.ts'

export interface InventoryEngineFacts {
  readonly services: readonly ServiceInfo[]
  readonly nodes: readonly NodeInfo[]
}

export function inventoryEngineFacts(inventory: Inventory): InventoryEngineFacts {
  return {
    services: inventory.services.map((s) => ({ name: s.name, namespace: s.namespace, labels: s.labels, selector: s.selector })),
    // A node is matched by the address its agent reports (InternalIP), as Cilium's node identity does.
    nodes: inventory.nodes.flatMap((n) => n.addresses.filter((a) => a.type === 'InternalIP').map((a) => ({ name: n.name, ip: a.address, labels: n.labels }))),
  }
}
