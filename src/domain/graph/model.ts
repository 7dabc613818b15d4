/** The graph the UI draws, derived from the policy model (DESIGN.md "Graph visual language"). */
import type { Direction, Origin } from '../policy/model.ts'
import type { EdgeId, ElementId, NamespaceId, NodeId, PolicyKey } from './handles.ts'

export type GraphNodeKind = 'namespace' | 'workload' | 'selector' | 'entity' | 'cidr' | 'fqdn' | 'node' | 'service'

export interface GraphNode {
  /** Stable handle, see DESIGN.md "Stable handles" (`ns/…`, `wl/…`, `sel/…`, `entity/…` …); made in handles.ts. */
  readonly id: NodeId
  readonly kind: GraphNodeKind
  readonly label: string
  /** Namespace group id for workloads and namespaced selectors. */
  readonly parent?: NamespaceId
  /** The namespace a namespace box, workload or namespaced selector stands for or lives in. */
  readonly namespace?: string
  /** Plain labels of a workload or of a host-node selector (no source prefixes), for matching and display. */
  readonly labels?: Readonly<Record<string, string>>
  /** Text behind the label (selector expression, except list …). */
  readonly detail?: string
  /** Default deny in force on this node's ingress / egress. */
  readonly shields: { readonly ingress: boolean; readonly egress: boolean }
  /** YAML places that mention this node (subjects and peers). */
  readonly origins: readonly Origin[]
}

export type GraphEdgeKind = 'allow' | 'deny'

/** What a rule leaves to the proxy or does not evaluate (TLS, listener, generic L7), drawn on its edge. */
export interface EdgeBadge {
  readonly kind: 'tls' | 'listener' | 'l7-unevaluated'
  /** Short text for the label, e.g. `TLS sni: api.example.com`, `L7 r2d2 not evaluated`. */
  readonly text: string
  /** Plain words for the hover and the inspector. */
  readonly explain: string
}

export interface GraphEdge {
  /** `<element id>/<peer index>`: stable while the rule's YAML path stays the same. */
  readonly id: EdgeId
  readonly source: NodeId
  readonly target: NodeId
  readonly kind: GraphEdgeKind
  /** Ports in the form `TCP/8080, UDP/53`; `any` for an L3-only rule. */
  readonly label: string
  /** Short L7 summary, e.g. `HTTP GET /api/v1/orders.*`; absent without L7 rules. */
  readonly l7?: string
  /** TLS / listener / generic-L7 badges; absent when the rule has none. */
  readonly badges?: readonly EdgeBadge[]
  readonly direction: Direction
  /** The policy key and rule element this edge came from. */
  readonly policyKey: PolicyKey
  readonly elementId: ElementId
  /** Which peer of the element (index into RuleElement.peers). */
  readonly peerIndex: number
  readonly origin: Origin
  /** The peer entry inside the element (its own YAML range). */
  readonly peerOrigin: Origin
}

export interface GraphModel {
  readonly nodes: readonly GraphNode[]
  readonly edges: readonly GraphEdge[]
  /** Node ids each policy's rules select (its subjects), by policy key. */
  readonly policySubjects?: Readonly<Record<PolicyKey, readonly NodeId[]>>
}
