/**
 * The window of a scrolled list of fixed-height rows: which rows are on screen (plus a margin), the
 * body's height, and scrolling a row into view. Rows all being one height, the window is arithmetic
 * on the scroll position, so it costs the same for a hundred rows as for a million (a measuring
 * virtualizer keeps a record per row, rebuilt whenever the count changes).
 */
import { useCallback, useLayoutEffect, useState } from 'react'

export interface RowWindow {
  /** First and last row index to draw; `last < first` when there are none. */
  readonly first: number
  readonly last: number
  readonly height: number
  /** Scrolls the least needed to show row `index` under the sticky header. */
  scrollTo(index: number): void
  /** The scroll element (a callback ref: the list may mount after the hook runs). */
  ref(el: HTMLElement | null): void
}

/** `header`: the height of a sticky header at the top of the scroll element, above the rows. */
export function useRowWindow(count: number, rowHeight: number, header: number, overscan: number): RowWindow {
  const [el, ref] = useState<HTMLElement | null>(null)
  const [at, setAt] = useState({ top: 0, height: 0 })
  useLayoutEffect(() => {
    if (!el) return
    const read = (): void => setAt({ top: el.scrollTop, height: el.clientHeight })
    read()
    el.addEventListener('scroll', read, { passive: true })
    const resize = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(read)
    resize?.observe(el)
    return () => {
      el.removeEventListener('scroll', read)
      resize?.disconnect()
    }
  }, [el])
  const scrollTo = useCallback(
    (index: number): void => {
      if (!el) return
      const top = header + index * rowHeight
      if (top < el.scrollTop + header) el.scrollTop = top - header
      else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight
    },
    [el, rowHeight, header],
  )
  const first = Math.max(0, Math.floor(Math.max(0, at.top - header) / rowHeight) - overscan)
  const last = Math.min(count - 1, Math.ceil((at.top + at.height) / rowHeight) + overscan)
  return { first, last, height: count * rowHeight, scrollTo, ref }
}
