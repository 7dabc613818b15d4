/** Known endpoints for the selector checks, from an inventory and from observed flows. */
import type { Inventory, ObservedInventory } from '../inventory/index.ts'
import type { KnownEndpoint } from './model.ts'

export function knownEndpoints(inventory?: Inventory, observed?: ObservedInventory): KnownEndpoint[] {
  const out: KnownEndpoint[] = []
  for (const p of inventory?.pods ?? []) if (!p.hostNetwork) out.push({ namespace: p.namespace, labels: p.identityLabels })
  for (const e of observed?.endpoints ?? []) {
    if (e.isEndpoint && e.reserved === undefined) out.push({ ...(e.namespace !== undefined && { namespace: e.namespace }), labels: e.labels })
  }
  return out
}
