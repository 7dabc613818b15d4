/**
 * ELK layered layout with namespaces as compound nodes. Runs inside the layout worker.
 * Input is sorted by id so the same graph always gets the same picture.
 */
import ELK from 'elkjs/lib/elk.bundled.js'
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api'
import type { Layout, LayoutInput, Placement } from './layout-types.ts'

const elk = new ELK()

/**
 * Spacing must be set on every compound node: ELK does not inherit it from the root. The gap
 * between layers is as wide as the widest edge label (ELK's own label placement does not widen
 * gaps for edges inside a namespace), so a label drawn mid-edge never sits on a node.
 */
function spacing(input: LayoutInput): Record<string, string> {
  const widest = Math.max(0, ...input.edges.map((e) => e.labelWidth ?? 0))
  return {
    'elk.spacing.nodeNode': '26',
    'elk.layered.spacing.nodeNodeBetweenLayers': String(Math.min(170, Math.max(80, widest + 16))),
    'elk.edgeLabels.placement': 'CENTER',
    'elk.layered.spacing.edgeNodeBetweenLayers': '20',
  }
}

export async function elkLayout(input: LayoutInput): Promise<Layout> {
  const byId = new Map<string, ElkNode>()
  const SPACING = spacing(input)
  const root: ElkNode = {
    id: '__root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      // No 'elk.layered.wrapping': wrapping rows reverse some edges against the traffic direction.
      ...SPACING,
    },
    children: [],
    edges: [],
  }
  const nodes = [...input.nodes].sort((a, b) => (a.id < b.id ? -1 : 1))
  for (const n of nodes) {
    byId.set(n.id, {
      id: n.id,
      width: n.width,
      height: n.height,
      ...(n.isGroup
        ? {
            children: [],
            layoutOptions: {
              ...SPACING,
              'elk.padding': '[top=38,left=20,bottom=20,right=20]',
              // An empty namespace (the subject of `endpointSelector: {}`) still needs room for its name.
              'elk.nodeSize.constraints': 'MINIMUM_SIZE',
              'elk.nodeSize.minimum': '(200, 64)',
            },
          }
        : {}),
    })
  }
  for (const n of nodes) {
    const parent = n.parent !== undefined ? byId.get(n.parent) : undefined
    ;(parent ?? root).children!.push(byId.get(n.id)!)
  }
  const parentOf = new Map(nodes.map((n) => [n.id, n.parent]))
  const seen = new Map<string, ElkExtendedEdge>()
  const edges: ElkExtendedEdge[] = []
  for (const e of [...input.edges].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    // ELK cannot route an edge between a group and its own members, nor a self loop.
    if (e.source === e.target || parentOf.get(e.source) === e.target || parentOf.get(e.target) === e.source) continue
    if (!byId.has(e.source) || !byId.has(e.target)) continue
    const key = `${e.source}>${e.target}`
    const width = e.labelWidth ?? 0
    const existing = seen.get(key)
    if (existing) {
      // Several rules between the same pair share a route; the widest label sets the room.
      const label = existing.labels?.[0]
      if (label && (label.width ?? 0) < width) label.width = width
      continue
    }
    const edge: ElkExtendedEdge = { id: key, sources: [e.source], targets: [e.target], labels: [{ text: '', width, height: 20 }] }
    seen.set(key, edge)
    edges.push(edge)
  }
  root.edges = edges
  const result = await elk.layout(root)
  const out = new Map<string, Placement>()
  const walk = (n: ElkNode): void => {
    for (const c of n.children ?? []) {
      const group = (c.children?.length ?? 0) > 0 || byId.get(c.id)?.children !== undefined
      out.set(c.id, {
        x: c.x ?? 0,
        y: c.y ?? 0,
        ...(group ? { width: c.width ?? 200, height: c.height ?? 100 } : {}),
      })
      walk(c)
    }
  }
  walk(result)
  return out
}
