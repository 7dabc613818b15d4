/**
 * Runs layouts off the main thread. Only the latest request matters: an older answer resolves
 * with null. Small inputs are laid out in place (a few milliseconds, and the first paint is
 * already the final picture); without workers everything runs in place.
 */
import { computeLayout, computeRoutes } from './layout-engine.ts'
import type { LayoutResult } from './layout-engine.ts'
import type { EdgeRoute, Layout, LayoutInput, Placement, Routes } from './layout-types.ts'

/** Up to this size a layout runs on the main thread (measured: a few ms for every example). */
export const SYNC_MAX_NODES = 160
export const SYNC_MAX_EDGES = 320

type Request = { readonly kind: 'layout'; readonly input: LayoutInput } | { readonly kind: 'routes'; readonly input: LayoutInput; readonly placements: [string, Placement][] }
export type LayoutRequest = Request & { readonly id: number }

export interface LayoutReply {
  readonly id: number
  readonly placements?: [string, Placement][]
  readonly routes?: [string, EdgeRoute][]
  readonly error?: string
}

let worker: Worker | null = null
let lastId = 0
const pending = new Map<number, (reply: LayoutReply | null) => void>()

function getWorker(): Worker | null {
  if (worker || typeof Worker === 'undefined') return worker
  worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' })
  worker.onmessage = (e: MessageEvent<LayoutReply>) => {
    const resolve = pending.get(e.data.id)
    pending.delete(e.data.id)
    resolve?.(e.data)
  }
  return worker
}

export function isSmall(input: Pick<LayoutInput, 'nodes' | 'edges'> | { nodes: readonly unknown[]; edges: readonly unknown[] }): boolean {
  return input.nodes.length <= SYNC_MAX_NODES && input.edges.length <= SYNC_MAX_EDGES
}

function send(request: Request): Promise<LayoutReply | null> {
  const w = getWorker()
  if (!w) return Promise.resolve(null)
  lastId += 1
  const id = lastId
  for (const [old, resolve] of pending) {
    pending.delete(old)
    resolve(null)
  }
  return new Promise((resolve) => {
    pending.set(id, resolve)
    w.postMessage({ ...request, id })
  })
}

/** Resolves with placements and routes, or null when a newer request superseded this one. */
export async function requestLayout(input: LayoutInput): Promise<LayoutResult | null> {
  if (isSmall(input) || typeof Worker === 'undefined') return computeLayout(input)
  const reply = await send({ kind: 'layout', input })
  if (!reply) return null
  if (!reply.placements) return computeLayout(input)
  return { layout: new Map(reply.placements), routes: new Map(reply.routes ?? []) }
}

/** Routes for placements that are kept (an edit that added or removed only edges). */
export async function requestRoutes(input: LayoutInput, layout: Layout): Promise<Routes | null> {
  if (isSmall(input) || typeof Worker === 'undefined') return computeRoutes(input, layout)
  const reply = await send({ kind: 'routes', input, placements: [...layout.entries()] })
  if (!reply) return null
  return reply.routes ? new Map(reply.routes) : computeRoutes(input, layout)
}
