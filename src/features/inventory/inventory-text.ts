/** Words for an imported inventory and the Cluster tab's rows (pure: no React). */
import type { ViewWorkload } from '../../domain/inventory/index.ts'
import type { GraphNode } from '../../domain/graph/index.ts'

/** Where a workload was seen, in the words of the Cluster tab's column. */
export const SOURCE_TEXT: Readonly<Record<ViewWorkload['source'], string>> = {
  flows: 'flows',
  inventory: 'inventory',
  both: 'both',
}

/** Free text over namespace, name, kind, labels and pod names; every word must match. */
export function matchesFilter(w: ViewWorkload, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter((x) => x.length > 0)
  if (words.length === 0) return true
  const hay = [w.namespace, w.name, w.kind ?? '', ...w.labels, ...w.pods, SOURCE_TEXT[w.source]].join('\n').toLowerCase()
  return words.every((x) => hay.includes(x))
}

/** `k8s:app=web` labels as the map a graph node's selector is compared with. */
function k8sLabels(labels: readonly string[]): Map<string, string> {
  const out = new Map<string, string>()
  for (const l of labels) {
    const m = /^k8s:([^=]+)=(.*)$/.exec(l)
    if (m) out.set(m[1], m[2])
  }
  return out
}

/**
 * The graph node a workload is drawn as: the policy workload in its namespace whose labels the
 * workload carries (the most specific one), as the flow overlay places observed endpoints.
 */
export function graphNodeOf(w: ViewWorkload, nodes: readonly GraphNode[]): GraphNode | null {
  const labels = k8sLabels(w.labels)
  for (const [k, v] of Object.entries(w.selector)) if (!labels.has(k)) labels.set(k, v)
  let best: GraphNode | null = null
  for (const n of nodes) {
    if (n.kind !== 'workload' || n.namespace !== w.namespace || !n.labels) continue
    const fits = Object.entries(n.labels).every(([k, v]) => labels.get(k) === v)
    if (fits && (!best || Object.keys(n.labels).length > Object.keys(best.labels ?? {}).length)) best = n
  }
  return best
}
