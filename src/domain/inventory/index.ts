/** Cluster inventory: public surface of `src/domain/inventory`. */
export type { Inventory, InventoryNamespace, InventoryNode, InventoryParseResult, InventoryPod, InventoryProblem,
  InventoryService, LabelMap, NamedContainerPort, ServicePort } from './model.ts'
export { EMPTY_INVENTORY } from './model.ts'
export type { InventoryOptions } from './parse.ts'
export { parseInventory } from './parse.ts'
export { isIdentityLabel, podIdentityLabels } from './identity.ts'
export type { ObservedEndpoint, ObservedInventory } from './from-flows.ts'
export { inventoryFromFlows } from './from-flows.ts'
export type { InventoryIndex } from './lookup.ts'
export { indexInventory } from './lookup.ts'
export type { ClusterView, Provenance, ViewIdentity, ViewNamespace, ViewWorkload } from './cluster-view.ts'
export { clusterView } from './cluster-view.ts'
export { PREFERRED_KEYS, k8sName, stableLabelMap, stableLabels, workloadName } from './workload.ts'
