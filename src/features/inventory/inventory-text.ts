/** Words for an imported inventory and the Cluster tab's rows (pure: no React). */
import type { ViewWorkload } from '../../domain/inventory/index.ts'
import type { GraphNode } from '../../domain/graph/index.ts'
import { workloadNodeFor } from '../../store/flow-overlay.ts'

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

/** `k8s:app=web` labels (and the stable selector) as the map a graph node's selector is compared with. */
function k8sLabels(w: ViewWorkload): Record<string, string> {
  const out: Record<string, string> = { ...w.selector }
  for (const l of w.labels) {
    const m = /^k8s:([^=]+)=(.*)$/.exec(l)
    if (m) out[m[1]] = m[2]
  }
  return out
}

/** The graph node a workload is drawn as: its namespace's policy workload whose labels it carries, as the flow overlay places it. */
export function graphNodeOf(w: ViewWorkload, nodes: readonly GraphNode[]): GraphNode | null {
  const candidates = nodes.filter((n) => n.kind === 'workload' && n.namespace === w.namespace)
  return workloadNodeFor(candidates, k8sLabels(w)) ?? null
}
