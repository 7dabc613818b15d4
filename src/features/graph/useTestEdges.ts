/**
 * The workspace's expectations as test edges between the nodes on screen (rollout store →
 * domain/expectations' graph ends). An expectation whose end has no node is listed in the
 * Expectations panel only; one whose end is folded into a summary box is drawn to the box.
 */
import { useMemo } from 'react'
import { expectationEnds } from '../../domain/expectations/index.ts'
import type { GraphModel } from '../../domain/graph/index.ts'
import { useRollout } from '../../store/rollout-store.ts'
import type { ExpectationFlowEdge } from './edges/TestEdge.tsx'

export function useTestEdges(graph: GraphModel, folded: ReadonlySet<string>): ExpectationFlowEdge[] {
  const rows = useRollout((s) => s.expectations?.rows)
  return useMemo(() => {
    if (!rows || rows.length === 0) return []
    const ids = new Set(graph.nodes.map((n) => n.id))
    const parent = new Map(graph.nodes.filter((n) => n.parent !== undefined && folded.has(n.parent)).map((n) => [n.id as string, n.parent as string]))
    const out: ExpectationFlowEdge[] = []
    rows.forEach((r, i) => {
      const ends = expectationEnds(r, ids)
      if (ends.source === null || ends.target === null) return
      const source = parent.get(ends.source) ?? ends.source
      const target = parent.get(ends.target) ?? ends.target
      out.push({
        id: `test/${i}/${r.line}`,
        type: 'test',
        source,
        target,
        data: { ok: r.ok, name: r.name, expect: r.expect, verdict: r.verdict ?? 'error', loop: source === target },
        zIndex: 2,
        selectable: false,
      })
    })
    return out
  }, [rows, graph, folded])
}
