/** The graph the UI draws, derived from the policy model (DESIGN.md "Graph visual language"). */
import type { Direction, Origin } from '../policy/model.ts'

export type GraphNodeKind = 'namespace' | 'workload' | 'selector' | 'entity' | 'cidr' | 'fqdn' | 'node' | 'service'

export interface GraphNode {
  /** Stable handle, see DESIGN.md "Stable handles" (`ns/…`, `wl/…`, `sel/…`, `entity/…` …). */
  readonly id: string
  readonly kind: GraphNodeKind
  readonly label: string
  /** Namespace group id for workloads and namespaced selectors. */
  readonly parent?: string
  /** Plain labels of a workload (no source prefixes), for matching and display. */
  readonly labels?: Readonly<Record<string, string>>
  /** Text behind the label (selector expression, except list …). */
  readonly detail?: string
  /** Default deny in force on this node's ingress / egress. */
  readonly shields: { readonly ingress: boolean; readonly egress: boolean }
  /** YAML places that mention this node (subjects and peers). */
  readonly origins: readonly Origin[]
}

export type GraphEdgeKind = 'allow' | 'deny'

export interface GraphEdge {
  /** `<element id>/<peer index>`: stable while the rule's YAML path stays the same. */
  readonly id: string
  readonly source: string
  readonly target: string
  readonly kind: GraphEdgeKind
  /** Ports in the form `TCP/8080, UDP/53`; `any` for an L3-only rule. */
  readonly label: string
  /** Short L7 summary, e.g. `HTTP GET /api/v1/orders.*`; absent without L7 rules. */
  readonly l7?: string
  readonly direction: Direction
  /** The policy key and rule element this edge came from. */
  readonly policyKey: string
  readonly elementId: string
  readonly origin: Origin
  /** The peer entry inside the element (its own YAML range). */
  readonly peerOrigin: Origin
}

export interface GraphModel {
  readonly nodes: readonly GraphNode[]
  readonly edges: readonly GraphEdge[]
  /** Node ids each policy's rules select (its subjects), by policy key. */
  readonly policySubjects?: Readonly<Record<string, readonly string[]>>
}
