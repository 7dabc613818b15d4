/**
 * Runs ELK off the main thread. Only the latest request matters: an older answer is dropped.
 * Falls back to the grid layout when workers are unavailable or ELK fails.
 */
import { gridLayout } from './grid-layout.ts'
import type { Layout, LayoutInput, Placement } from './layout-types.ts'

/** Past this many nodes ELK takes seconds; the grid is readable and instant. */
export const ELK_MAX_NODES = 400

let worker: Worker | null = null
let lastId = 0
const pending = new Map<number, (layout: Layout | null) => void>()

function getWorker(): Worker | null {
  if (worker || typeof Worker === 'undefined') return worker
  worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' })
  worker.onmessage = (e: MessageEvent<{ id: number; placements?: [string, Placement][]; error?: string }>) => {
    const resolve = pending.get(e.data.id)
    pending.delete(e.data.id)
    resolve?.(e.data.placements ? new Map(e.data.placements) : null)
  }
  return worker
}

/** Resolves with a layout, or null when a newer request superseded this one. */
export function requestLayout(input: LayoutInput): Promise<Layout | null> {
  const w = input.nodes.length <= ELK_MAX_NODES ? getWorker() : null
  if (!w) return Promise.resolve(gridLayout(input))
  lastId += 1
  const id = lastId
  for (const [old, resolve] of pending) {
    pending.delete(old)
    resolve(null)
  }
  return new Promise((resolve) => {
    pending.set(id, (layout) => resolve(layout ?? (id === lastId ? gridLayout(input) : null)))
    w.postMessage({ id, input })
  })
}
