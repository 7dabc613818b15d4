/**
 * Reads the cluster map's geometry from the DOM (screen px) and runs the layout's own checks on
 * it: edge paths are sampled along their SVG length, so curves count as well as routed lines.
 */
import type { Page } from '@playwright/test'
import { edgeCrossings, labelCollisions } from '../src/features/graph/layout/geometry.ts'
import type { Collision, GeoEdge, GeoLabel, GeoNode, Rect } from '../src/features/graph/layout/geometry.ts'
import { NS_HEADER } from '../src/features/graph/layout/node-sizes.ts'

export interface DomGeometry {
  zoom: number
  pane: Rect
  nodes: { id: string; kind: string; rect: Rect }[]
  edges: { id: string; source: string; target: string; points: { x: number; y: number }[] }[]
  labels: { edge: string; rect: Rect; cut: boolean; text: string }[]
  /** Every node label and namespace title: its on-screen font size and whether it is cut. */
  texts: { node: string; text: string; px: number; cut: boolean }[]
}

export async function domGeometry(page: Page): Promise<DomGeometry> {
  const graph = await page.evaluate(() => window.membrane.getGraph())
  const ends = new Map(graph.edges.map((e) => [e.id, { source: e.source, target: e.target }]))
  const raw = await page.evaluate(() => {
    const box = (el: Element): { x: number; y: number; width: number; height: number } => {
      const r = el.getBoundingClientRect()
      return { x: r.x, y: r.y, width: r.width, height: r.height }
    }
    const vp = document.querySelector('.react-flow__viewport') as HTMLElement
    const zoom = new DOMMatrix(getComputedStyle(vp).transform).a
    const pane = box(document.querySelector('[data-testid="graph"]')!)
    const nodes = [...document.querySelectorAll('.react-flow__node')].map((el) => ({
      id: el.getAttribute('data-id')!,
      kind: el.querySelector('[data-kind]')?.getAttribute('data-kind') ?? '',
      rect: box(el),
    }))
    const edges = [...document.querySelectorAll('.react-flow__edge')].map((g) => {
      const path = g.querySelector('path.react-flow__edge-path') as SVGPathElement
      const len = path.getTotalLength()
      const ctm = path.getScreenCTM()!
      const points: { x: number; y: number }[] = []
      for (let s = 0; s <= len + 0.01; s += Math.min(3, Math.max(len, 1))) {
        const p = path.getPointAtLength(Math.min(s, len))
        const q = new DOMPoint(p.x, p.y).matrixTransform(ctm)
        points.push({ x: q.x, y: q.y })
      }
      return { id: g.getAttribute('data-id')!, points }
    })
    // Rule edge labels and the flows overlay's labels alike.
    const labels = [...document.querySelectorAll('.edge-label, .flow-label')].map((el) => ({
      edge: el.getAttribute('data-edge-id') ?? el.getAttribute('data-flow-edge-id')!,
      rect: box(el),
      cut: el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1,
      text: el.textContent ?? '',
    }))
    const texts = [...document.querySelectorAll('.member-node__label, .ns-node__title')].map((el) => ({
      node: el.closest('.react-flow__node')?.getAttribute('data-id') ?? '',
      text: el.textContent ?? '',
      px: parseFloat(getComputedStyle(el).fontSize) * zoom,
      cut: el.scrollWidth > el.clientWidth + 1,
    }))
    return { zoom, pane, nodes, edges, labels, texts }
  })
  return {
    ...raw,
    edges: raw.edges.map((e) => {
      const known = ends.get(e.id)
      // Counted edges between summary boxes are named `agg/<source>><target>`.
      const [source, target] = known ? [known.source, known.target] : e.id.replace(/^agg\//, '').split('>')
      return { ...e, source, target }
    }),
  }
}

/** Namespace boxes hold the nodes drawn inside them (React Flow does not nest their DOM). */
export function geoNodes(g: DomGeometry): GeoNode[] {
  const groups = g.nodes.filter((n) => n.kind === 'namespace')
  return g.nodes.map((n) => {
    if (n.kind === 'namespace') return { id: n.id, rect: n.rect, isGroup: true }
    const cx = n.rect.x + n.rect.width / 2
    const cy = n.rect.y + n.rect.height / 2
    const holders = groups.filter((p) => cx > p.rect.x && cx < p.rect.x + p.rect.width && cy > p.rect.y && cy < p.rect.y + p.rect.height)
    holders.sort((a, b) => a.rect.width * a.rect.height - b.rect.width * b.rect.height)
    return holders[0] ? { id: n.id, rect: n.rect, parent: holders[0].id } : { id: n.id, rect: n.rect }
  })
}

export function crossings(g: DomGeometry): Collision[] {
  return edgeCrossings(geoNodes(g), g.edges as GeoEdge[], 1.5)
}

export function labelProblems(g: DomGeometry): Collision[] {
  return labelCollisions(geoNodes(g), g.edges, g.labels as GeoLabel[], NS_HEADER * g.zoom, 1.5)
}

/** Whether `r` lies inside the pane (1 px slack). */
export function inPane(g: DomGeometry, r: Rect): boolean {
  return r.x >= g.pane.x - 1 && r.y >= g.pane.y - 1 && r.x + r.width <= g.pane.x + g.pane.width + 1 && r.y + r.height <= g.pane.y + g.pane.height + 1
}
