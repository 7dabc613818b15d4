/** `/` search: find a node by label or id, select it and bring it into view. */
import { useReactFlow } from '@xyflow/react'
import { forwardRef, useMemo, useState } from 'react'
import type { GraphModel } from '../../domain/graph/index.ts'
import { useWorkspace } from '../../store/workspace-store.ts'

export const NodeSearch = forwardRef<HTMLInputElement, { graph: GraphModel }>(function NodeSearch({ graph }, ref) {
  const [query, setQuery] = useState('')
  const flow = useReactFlow()
  const select = useWorkspace((s) => s.select)
  const hits = useMemo(() => {
    const q = query.trim().toLowerCase()
    if (q === '') return []
    return graph.nodes.filter((n) => n.label.toLowerCase().includes(q) || n.id.toLowerCase().includes(q)).slice(0, 8)
  }, [graph, query])
  const go = (id: string): void => {
    select({ kind: 'node', id, from: 'graph' })
    const node = flow.getInternalNode(id)
    if (node) {
      const { x, y } = node.internals.positionAbsolute
      void flow.setCenter(x + (node.measured.width ?? 0) / 2, y + (node.measured.height ?? 0) / 2, { zoom: Math.max(flow.getZoom(), 1), duration: 200 })
    }
    setQuery('')
  }
  return (
    <div className="node-search">
      <input
        ref={ref}
        data-testid="node-search"
        className="nokey"
        placeholder="Search nodes ( / )"
        title="Find a node by label; Enter selects the first match"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && hits[0]) go(hits[0].id)
          if (e.key === 'Escape') {
            setQuery('')
            e.currentTarget.blur()
          }
        }}
      />
      {hits.length > 0 && (
        <ul className="node-search__hits" role="listbox">
          {hits.map((n) => (
            <li key={n.id}>
              <button type="button" role="option" aria-selected={false} onClick={() => go(n.id)} title={n.id}>
                {n.label} <span className="muted">{n.kind}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
})
