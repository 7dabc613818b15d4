/** Label and name rules of drafted policies: the inventory's workload rules (one owner). */
export { PREFERRED_KEYS, k8sName, stableLabels, workloadName } from '../inventory/workload.ts'
