/**
 * The Policy focus view's model (DESIGN.md "Graph visual language"): one policy, its subject(s)
 * in the middle, its peers sorted into ingress / egress × same namespace / cluster / outside,
 * the way the Isovalent editor lays out a single policy.
 */
import type { Origin, ParseResult, Policy, PolicyKind } from '../policy/model.ts'
import { describeEdge } from './describe.ts'
import type { NodeId, PolicyKey } from './handles.ts'
import { parseEdgeId } from './handles.ts'
import type { GraphEdge, GraphModel, GraphNode } from './model.ts'

export type FocusSide = 'ingress' | 'egress'
export type FocusGroupId = 'same-namespace' | 'cluster' | 'outside'

export const FOCUS_GROUPS: readonly { readonly id: FocusGroupId; readonly title: string }[] = [
  { id: 'same-namespace', title: 'Same namespace' },
  { id: 'cluster', title: 'In cluster' },
  { id: 'outside', title: 'Outside cluster' },
]

export interface FocusPeer {
  readonly node: GraphNode
  /** This policy's edges between the peer and a subject, in YAML order. */
  readonly edges: readonly GraphEdge[]
  /** Plain words for each edge (same order), from describeEdge. */
  readonly text: readonly string[]
}

export interface FocusGroup {
  readonly id: FocusGroupId
  readonly title: string
  readonly peers: readonly FocusPeer[]
}

export interface FocusModel {
  readonly policy: {
    readonly key: PolicyKey
    readonly kind: PolicyKind
    readonly name: string
    readonly namespace: string | null
  }
  /** The node(s) the policy's rules select; several only for `specs:` with different selectors. */
  readonly subjects: readonly GraphNode[]
  readonly ingress: readonly FocusGroup[]
  readonly egress: readonly FocusGroup[]
}

/** What a person means by "out there": traffic that leaves or enters the cluster's identities. */
const OUTSIDE_ENTITIES: ReadonlySet<string> = new Set(['world', 'world-ipv4', 'world-ipv6', 'all'])

/** Builds the focus model of one policy, or null when the policy is not in `parse`. */
export function buildFocus(parse: Pick<ParseResult, 'policies'>, graph: GraphModel, policyKey: string): FocusModel | null {
  const policy = parse.policies.find((p) => p.key === policyKey)
  if (!policy) return null
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]))
  const subjectIds = subjectLookup(graph)(policy)
  const subjects = subjectIds.flatMap((id) => nodes.get(id) ?? [])

  // Edges grouped by rule element so peers come out in YAML order (edge ids sort as strings,
  // which would put ingress[10] before ingress[2]).
  const byElement = new Map<string, GraphEdge[]>()
  for (const edge of graph.edges) {
    if (edge.policyKey !== policyKey) continue
    const list = byElement.get(edge.elementId)
    if (list) list.push(edge)
    else byElement.set(edge.elementId, [edge])
  }

  const sides = { ingress: emptySide(), egress: emptySide() }
  for (const rule of policy.rules) {
    for (const element of rule.elements) {
      for (const edge of byElement.get(element.id) ?? []) {
        const [peerId, subjectId] = edge.direction === 'ingress' ? [edge.source, edge.target] : [edge.target, edge.source]
        const peer = nodes.get(peerId)
        if (!peer) continue
        const group = groupOf(peer, namespaceOf(nodes.get(subjectId)) ?? policy.namespace)
        const draft = sides[edge.direction].get(group)!
        let entry = draft.get(peerId)
        if (!entry) {
          entry = { node: peer, edges: [], text: [] }
          draft.set(peerId, entry)
        }
        entry.edges.push(edge)
        entry.text.push(describeEdge(edge, nodes))
      }
    }
  }

  return {
    policy: { key: policy.key, kind: policy.kind, name: policy.name, namespace: policy.namespace },
    subjects,
    ingress: finishSide(sides.ingress),
    egress: finishSide(sides.egress),
  }
}

/**
 * The policy to focus for a graph selection: a selected edge's own policy; for a node, `current`
 * when it already shows that node (so clicking inside the focus view does not jump away), else
 * the first policy whose rule selects the node, else the first policy with an edge touching it.
 */
export function focusPolicyFor(
  selection: { readonly kind: 'node' | 'edge'; readonly id: string } | null,
  graph: GraphModel,
  parse: Pick<ParseResult, 'policies'>,
  current: string | null = null,
): string | null {
  if (!selection) return null
  const known = (key: string | undefined): key is string => key !== undefined && parse.policies.some((p) => p.key === key)
  if (selection.kind === 'edge') {
    // The edge id names its policy, should the graph lag behind.
    const key = graph.edges.find((e) => e.id === selection.id)?.policyKey ?? parseEdgeId(selection.id)?.policyKey
    return known(key) ? key : null
  }
  const subjectsOf = subjectLookup(graph)
  // One pass over the edges, not one per policy: workspaces may hold thousands of both.
  const touching = new Set<string>()
  for (const e of graph.edges) if (e.source === selection.id || e.target === selection.id) touching.add(e.policyKey)
  const touches = (key: string): boolean => touching.has(key)
  const selects = (p: Policy): boolean => subjectsOf(p).some((id) => id === selection.id)
  if (current !== null) {
    const policy = parse.policies.find((p) => p.key === current)
    if (policy && (selects(policy) || touches(current))) return current
  }
  return parse.policies.find(selects)?.key ?? parse.policies.find((p) => touches(p.key))?.key ?? null
}

type SideDraft = Map<FocusGroupId, Map<string, { node: GraphNode; edges: GraphEdge[]; text: string[] }>>

function emptySide(): SideDraft {
  return new Map(FOCUS_GROUPS.map((g) => [g.id, new Map()]))
}

function finishSide(side: SideDraft): FocusGroup[] {
  return FOCUS_GROUPS.map((g) => ({ id: g.id, title: g.title, peers: [...side.get(g.id)!.values()] }))
}

/** Which box a peer belongs in, seen from a subject in `subjectNamespace` (null: cluster-wide). */
function groupOf(peer: GraphNode, subjectNamespace: string | null): FocusGroupId {
  switch (peer.kind) {
    case 'namespace':
    case 'workload':
    case 'selector': {
      const ns = namespaceOf(peer)
      return ns !== null && ns === subjectNamespace ? 'same-namespace' : 'cluster'
    }
    case 'entity':
      return OUTSIDE_ENTITIES.has(peer.label) ? 'outside' : 'cluster'
    case 'cidr':
    case 'fqdn':
      return 'outside'
    case 'service':
    case 'node':
      return 'cluster'
  }
}

/** The namespace a node lives in; null for cluster-wide selectors, entities and the rest. */
function namespaceOf(node: GraphNode | undefined): string | null {
  if (!node) return null
  return node.namespace ?? null
}

const originKey = (o: Origin): string => JSON.stringify([o.doc, ...o.path])

/**
 * YAML place → node id. A rule's subject is the node that build-graph touched with the rule's
 * `subjectOrigin`; going through origins keeps subjects right even for rules without peers.
 * build-graph also stamps a workload's origin on the namespace box it creates for it, so any
 * other node wins over a namespace sharing its origin.
 */
function subjectIndex(graph: GraphModel): Map<string, NodeId> {
  const index = new Map<string, NodeId>()
  for (const node of graph.nodes) {
    if (node.kind === 'namespace') continue
    for (const o of node.origins) index.set(originKey(o), node.id)
  }
  for (const node of graph.nodes) {
    if (node.kind !== 'namespace') continue
    for (const o of node.origins) if (!index.has(originKey(o))) index.set(originKey(o), node.id)
  }
  return index
}

/** A policy's subject ids: build-graph's own record when it has one, else found by origin. */
function subjectLookup(graph: GraphModel): (policy: Policy) => readonly NodeId[] {
  const recorded = graph.policySubjects
  if (recorded) return (policy) => recorded[policy.key] ?? []
  let index: Map<string, NodeId> | undefined
  return (policy) => {
    index ??= subjectIndex(graph)
    const ids: NodeId[] = []
    for (const rule of policy.rules) {
      const id = index.get(originKey(rule.subjectOrigin))
      if (id !== undefined && !ids.includes(id)) ids.push(id)
    }
    return ids
  }
}
