/**
 * The cluster map's picture: which namespaces are folded into summary boxes, where everything
 * goes, and how the view is fitted. Keeps the picture still while the user edits
 * (layout/stable-layout.ts): an edit that changes only rules keeps every position and re-routes.
 *
 * Folding: a new workspace opens in full when every label is legible with the picture fitted to
 * the pane; otherwise its namespaces open as summary boxes. Zooming in far on summary boxes
 * opens them all (centred on the box in the middle of the pane); zooming far out on a workspace
 * too big to read in full folds them again; double-click folds or opens one namespace.
 */
import { useNodesState, useReactFlow, useStore } from '@xyflow/react'
import type { OnNodeDrag } from '@xyflow/react'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { GraphModel } from '../../domain/graph/index.ts'
import type { CollapsedGraph } from './aggregate.ts'
import { collapseNamespaces } from './aggregate.ts'
import type { MembraneFlowNode } from './flow-types.ts'
import { fitArea, fitViewport, pictureBounds } from './fit.ts'
import type { L7Lookup } from './to-flow.ts'
import { layoutInput, toFlowNodes } from './to-flow.ts'
import { gridLayout } from './layout/grid-layout.ts'
import { absoluteRects, computeLayout, computeRoutes } from './layout/layout-engine.ts'
import { isSmall, requestLayout, requestRoutes } from './layout/layout-client.ts'
import type { Layout, LayoutInput, Routes } from './layout/layout-types.ts'
import { NODE_FONT_PX } from './layout/node-sizes.ts'
import { reuseLayout } from './layout/stable-layout.ts'
import { extendLayout } from './layout/extend-layout.ts'
import type { FlowEdge } from '../../store/flow-overlay.ts'
import { foldFlowEdges, withFlowEdges } from './flow-edges.ts'

const NO_FLOWS: readonly FlowEdge[] = []

/**
 * A workspace opens in full unless its node labels would be smaller than this on screen with the
 * picture fitted (px). The examples reach 11 px at 1440×900; 9 px still reads, so a smaller
 * window shows the same picture a little smaller rather than hiding its workloads.
 */
export const FOLD_BELOW_PX = 9
/** Zoomed in this far on summary boxes, they open. */
export const EXPAND_ZOOM = 1.6
/** Zoomed out this far on a workspace too big to read in full, its namespaces fold. */
export const COLLAPSE_ZOOM = 0.45
/** Zoom after opening summary boxes by zooming in: workload labels legible. */
const OPENED_ZOOM = 1

/** `all`: every namespace folded but `except`; `none`: only `except` folded. */
export interface Fold {
  readonly base: 'all' | 'none'
  readonly except: ReadonlySet<string>
}

const NONE: Fold = { base: 'none', except: new Set() }
const ALL: Fold = { base: 'all', except: new Set() }

interface Entry {
  readonly input: LayoutInput
  readonly layout: Layout
  readonly routes: Routes
}

type PendingView = { readonly kind: 'fit' } | { readonly kind: 'reveal' } | { readonly kind: 'anchor'; readonly id: string; readonly screen: { x: number; y: number }; readonly zoom: number }

export function foldedSet(fold: Fold, graph: GraphModel): ReadonlySet<string> {
  const out = new Set<string>()
  for (const n of graph.nodes) {
    if (n.kind !== 'namespace') continue
    if ((fold.base === 'all') !== fold.except.has(n.id)) out.add(n.id)
  }
  return out
}

function toggled(fold: Fold, id: string): Fold {
  const except = new Set(fold.except)
  if (except.has(id)) except.delete(id)
  else except.add(id)
  return { base: fold.base, except }
}

const keyOf = (folded: ReadonlySet<string>): string => [...folded].sort().join('\n')

function mostlyNew(before: ReadonlySet<string>, after: readonly string[]): boolean {
  let kept = 0
  for (const id of after) if (before.has(id)) kept++
  return before.size - kept > Math.max(3, before.size / 2)
}

export interface GraphLayout {
  readonly view: CollapsedGraph
  readonly routes: Routes
  readonly nodes: MembraneFlowNode[]
  readonly onNodesChange: ReturnType<typeof useNodesState<MembraneFlowNode>>[2]
  readonly onNodeDragStop: OnNodeDrag<MembraneFlowNode>
  readonly folded: ReadonlySet<string>
  /** Folds or opens one namespace, keeping it where it is on screen. */
  readonly toggleFold: (id: string) => void
  readonly fit: () => void
  /** Call when the pane's size changes. */
  readonly onPaneResize: (size: { width: number; height: number }) => void
}

/**
 * `flows`: the observed flow edges drawn (flows overlay); they are routed with the rule edges, and
 * the nodes only they reach are placed by them.
 */
export function useGraphLayout(
  graph: GraphModel,
  l7: L7Lookup,
  stale: boolean,
  pane: () => { width: number; height: number },
  flows: readonly FlowEdge[] = NO_FLOWS,
): GraphLayout {
  const flow = useReactFlow()
  const [fold, setFold] = useState<Fold | null>(null)
  const [large, setLarge] = useState(false)
  const [view, setView] = useState<CollapsedGraph>(() => collapseNamespaces(graph, new Set()))
  const [routes, setRoutes] = useState<Routes>(new Map())
  const [nodes, setNodes, onNodesChange] = useNodesState<MembraneFlowNode>([])
  const memory = useRef(new Map<string, Entry>())
  const current = useRef<(Entry & { key: string }) | null>(null)
  const lastIds = useRef<ReadonlySet<string> | null>(null)
  const pendingView = useRef<PendingView | null>(null)
  const [committed, setCommitted] = useState(0)

  const folded = useMemo(() => (fold ? foldedSet(fold, graph) : new Set<string>()), [fold, graph])

  useEffect(() => {
    const ids = graph.nodes.map((n) => n.id)
    const fresh = lastIds.current !== null && mostlyNew(lastIds.current, ids)
    lastIds.current = new Set(ids)
    let f = fold
    if (fresh) {
      memory.current.clear()
      current.current = null
      f = null
    }
    if (f === null) {
      // A new workspace: open it in full when that is legible, else as summary boxes. The
      // decision is drawn at once (this run), and kept in state for the runs after.
      const namespaces = graph.nodes.filter((n) => n.kind === 'namespace').length
      let legible = true
      if (namespaces >= 2 && !isSmall({ nodes: graph.nodes, edges: graph.edges })) legible = false
      else if (namespaces >= 2) {
        const input = layoutInput(graph, l7, fitArea(pane()))
        const r = computeLayout(input)
        memory.current.set(keyOf(new Set()), { input, ...r })
        const bounds = pictureBounds(absoluteRects(input, r.layout).values(), r.routes, labelSizeOf(input))
        legible = !bounds || fitViewport(bounds, pane()).zoom * NODE_FONT_PX >= FOLD_BELOW_PX
      }
      f = legible ? NONE : ALL
      setLarge(!legible)
      setFold(f)
      pendingView.current = { kind: 'fit' }
    }
    const shownFolded = f === fold ? folded : foldedSet(f, graph)
    const v = collapseNamespaces(graph, shownFolded)
    const input = withFlowEdges(layoutInput(v.graph, l7, fitArea(pane()), v.summaries), foldFlowEdges(flows, graph, shownFolded))
    const key = keyOf(shownFolded)
    const prev = memory.current.get(key) ?? null
    let cancelled = false
    const commit = (layout: Layout, r: Routes, remember = true): void => {
      const entry = { input, layout, routes: r }
      if (remember) {
        memory.current.delete(key)
        memory.current.set(key, entry)
        // A few fold states are worth remembering (zooming in and out), not every one.
        while (memory.current.size > 6) memory.current.delete(memory.current.keys().next().value!)
      }
      current.current = { ...entry, key }
      setNodes(toFlowNodes(v.graph, layout, stale, v.summaries))
      setView(v)
      setRoutes(r)
      if (remember) setCommitted((c) => c + 1)
    }
    const reuse = reuseLayout(prev, input)
    if (reuse.kind === 'reuse' && prev) {
      if (reuse.layout === prev.layout && sameEdges(prev.input, input)) commit(prev.layout, prev.routes)
      else if (isSmall(input)) commit(reuse.layout, computeRoutes(input, reuse.layout))
      else {
        commit(reuse.layout, prev.routes)
        void requestRoutes(input, reuse.layout).then((r) => {
          if (!cancelled && r) commit(reuse.layout, r)
        })
      }
      return () => {
        cancelled = true
      }
    }
    // A new peer outside the namespaces joins its column without moving anything else.
    const extended = prev ? extendLayout(prev, input) : null
    if (extended) {
      pendingView.current ??= { kind: 'reveal' }
      if (isSmall(input)) commit(extended, computeRoutes(input, extended))
      else {
        commit(extended, prev!.routes)
        void requestRoutes(input, extended).then((r) => {
          if (!cancelled && r) commit(extended, r)
        })
      }
      return () => {
        cancelled = true
      }
    }
    pendingView.current ??= { kind: 'fit' }
    if (isSmall(input)) {
      const r = computeLayout(input)
      commit(r.layout, r.routes)
      return
    }
    // A big picture is laid out in the worker; until then the old picture stays, or a quick grid.
    if (!current.current) commit(gridLayout(input), new Map(), false)
    void requestLayout(input).then((r) => {
      if (!cancelled && r) commit(r.layout, r.routes)
    })
    return () => {
      cancelled = true
    }
    // `pane` reads the pane's size when a layout is made; a resize alone does not move anything.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [graph, fold, folded, l7, stale, setNodes, flows])

  const fit = useCallback(() => {
    const cur = current.current
    if (!cur) return
    const bounds = pictureBounds(absoluteRects(cur.input, cur.layout).values(), cur.routes, labelSizeOf(cur.input))
    if (bounds) void flow.setViewport(fitViewport(bounds, pane()))
  }, [flow, pane])

  /** Whether the whole picture is on screen in a pane of `size` with the current viewport. */
  const whole = useCallback(
    (size: { width: number; height: number }): boolean => {
      const cur = current.current
      const b = cur ? pictureBounds(absoluteRects(cur.input, cur.layout).values(), cur.routes, labelSizeOf(cur.input)) : null
      if (!b) return true
      const vp = flow.getViewport()
      const slack = 2
      return (
        b.x * vp.zoom + vp.x >= -slack &&
        b.y * vp.zoom + vp.y >= -slack &&
        (b.x + b.width) * vp.zoom + vp.x <= size.width + slack &&
        (b.y + b.height) * vp.zoom + vp.y <= size.height + slack
      )
    },
    [flow],
  )

  // The pane changes size (the Inspector opens or closes, the window is resized): a picture
  // that was wholly on screen is fitted again, so nothing slips out of view.
  const lastSize = useRef<{ width: number; height: number } | null>(null)
  const onPaneResize = useCallback(
    (size: { width: number; height: number }) => {
      const before = lastSize.current
      lastSize.current = size
      if (!before || (before.width === size.width && before.height === size.height)) return
      if (!pendingView.current && whole(before) && !whole(size)) fit()
    },
    [whole, fit],
  )

  // Apply a pending fit or anchor once the new positions are committed.
  useEffect(() => {
    const want = pendingView.current
    const cur = current.current
    if (!want || !cur || committed === 0) return
    const frame = requestAnimationFrame(() => {
      pendingView.current = null
      if (want.kind === 'fit') return fit()
      // Refit only when something is now out of view.
      if (want.kind === 'reveal') return whole(pane()) ? undefined : fit()
      const r = absoluteRects(cur.input, cur.layout).get(want.id)
      if (!r) return fit()
      const cx = r.x + r.width / 2
      const cy = r.y + r.height / 2
      void flow.setViewport({ x: want.screen.x - cx * want.zoom, y: want.screen.y - cy * want.zoom, zoom: want.zoom })
    })
    return () => cancelAnimationFrame(frame)
  }, [committed, fit, flow, pane, whole])

  /** Remembers where `id` is on screen, to put it back there after the next layout. */
  const anchor = useCallback(
    (id: string, zoom?: number) => {
      const cur = current.current
      const r = cur ? absoluteRects(cur.input, cur.layout).get(id) : undefined
      const vp = flow.getViewport()
      if (!r) {
        pendingView.current = { kind: 'fit' }
        return
      }
      pendingView.current = {
        kind: 'anchor',
        id,
        screen: { x: (r.x + r.width / 2) * vp.zoom + vp.x, y: (r.y + r.height / 2) * vp.zoom + vp.y },
        zoom: zoom ?? vp.zoom,
      }
    },
    [flow],
  )

  const toggleFold = useCallback(
    (id: string) => {
      if (!fold) return
      anchor(id)
      setFold(toggled(fold, id))
    },
    [fold, anchor],
  )

  // Semantic zoom: open summary boxes when zoomed in on them, fold a big workspace zoomed out.
  // Subscribed as two flags, so zooming re-renders only when a threshold is crossed.
  const zoomedIn = useStore((s) => s.transform[2] > EXPAND_ZOOM)
  const zoomedOut = useStore((s) => s.transform[2] < COLLAPSE_ZOOM)
  useEffect(() => {
    if (!fold || pendingView.current) return
    if (folded.size > 0 && zoomedIn) {
      const size = pane()
      const vp = flow.getViewport()
      const cx = (size.width / 2 - vp.x) / vp.zoom
      const cy = (size.height / 2 - vp.y) / vp.zoom
      const cur = current.current
      const rects = cur ? absoluteRects(cur.input, cur.layout) : new Map()
      let best: string | undefined
      let bestD = Infinity
      for (const id of folded) {
        const r = rects.get(id)
        if (!r) continue
        const d = Math.hypot(r.x + r.width / 2 - cx, r.y + r.height / 2 - cy)
        if (d < bestD) {
          bestD = d
          best = id
        }
      }
      if (best) anchor(best, OPENED_ZOOM)
      setFold(NONE)
    } else if (large && folded.size === 0 && zoomedOut) {
      pendingView.current = { kind: 'fit' }
      setFold(ALL)
    }
  }, [zoomedIn, zoomedOut, fold, folded, large, flow, pane, anchor])

  const onNodeDragStop: OnNodeDrag<MembraneFlowNode> = useCallback((_e, _node, dragged) => {
    const cur = current.current
    if (!cur) return
    const layout = new Map(cur.layout)
    for (const n of dragged) {
      const p = layout.get(n.id)
      if (p) layout.set(n.id, { ...p, x: n.position.x, y: n.position.y })
    }
    const entry = { input: cur.input, layout, routes: cur.routes }
    memory.current.set(cur.key, entry)
    current.current = { ...entry, key: cur.key }
    // Dragged nodes keep their place through later edits; their edges are routed anew.
    const apply = (r: Routes | null): void => {
      if (!r || current.current?.layout !== layout) return
      current.current = { ...current.current, routes: r }
      memory.current.set(cur.key, { input: cur.input, layout, routes: r })
      setRoutes(r)
    }
    if (isSmall(cur.input)) apply(computeRoutes(cur.input, layout))
    else void requestRoutes(cur.input, layout).then(apply)
  }, [])

  return { view, routes, nodes, onNodesChange, onNodeDragStop, folded, toggleFold, fit, onPaneResize }
}

function labelSizeOf(input: LayoutInput): (id: string) => { width: number; height: number } | undefined {
  const byId = new Map(input.edges.map((e) => [e.id, e]))
  return (id) => {
    const e = byId.get(id)
    return e?.labelWidth ? { width: e.labelWidth, height: e.labelHeight ?? 18 } : undefined
  }
}

function sameEdges(a: LayoutInput, b: LayoutInput): boolean {
  if (a.edges.length !== b.edges.length) return false
  for (let i = 0; i < a.edges.length; i++) {
    const x = a.edges[i]
    const y = b.edges[i]
    if (x.id !== y.id || x.source !== y.source || x.target !== y.target || x.labelWidth !== y.labelWidth || x.labelHeight !== y.labelHeight) return false
  }
  return true
}
