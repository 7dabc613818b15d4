/**
 * The rows the virtualized flows table draws, fetched from the worker a page at a time as the
 * table scrolls: the store's answer carries the first page, later pages come on demand, so the
 * main thread never holds (or receives) more rows than are near the screen.
 */
import { useEffect, useRef, useState } from 'react'
import { TABLE_PAGE } from '../../store/create-flows-store.ts'
import type { FlowsTable } from '../../store/create-flows-store.ts'
import { useFlows } from '../../store/flows-store.ts'
import type { PageRow } from '../../worker/flow-query.ts'

interface Page {
  readonly seq: number
  readonly rows: readonly PageRow[]
}

/**
 * The row at each position of `table`'s answer, or undefined while its page is on the way. A page
 * of the question before stays shown until this one's arrives (an edit re-asks; the rows rarely move).
 */
export function useTableRows(table: FlowsTable | null, first: number, last: number): (i: number) => PageRow | undefined {
  const [pages, setPages] = useState<ReadonlyMap<number, Page>>(new Map())
  const asked = useRef<{ seq: number; pages: Set<number> }>({ seq: -1, pages: new Set() })

  useEffect(() => {
    if (!table || table.matched === 0) return
    if (asked.current.seq !== table.seq) asked.current = { seq: table.seq, pages: new Set([0]) }
    const want = asked.current
    for (let p = Math.floor(Math.max(0, first) / TABLE_PAGE); p <= Math.floor(Math.max(0, last) / TABLE_PAGE); p++) {
      if (want.pages.has(p) || pages.get(p)?.seq === table.seq) continue
      want.pages.add(p)
      void useFlows
        .getState()
        .fetchRows(table.seq, p * TABLE_PAGE, TABLE_PAGE)
        .then((answer) => {
          if (answer) setPages((prev) => new Map(prev).set(p, { seq: table.seq, rows: answer.rows }))
        })
    }
  }, [table, first, last, pages])

  return (i) => {
    if (!table) return undefined
    if (i < table.rows.length) return table.rows[i]
    const p = Math.floor(i / TABLE_PAGE)
    return pages.get(p)?.rows[i - p * TABLE_PAGE]
  }
}
