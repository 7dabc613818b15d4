/**
 * Graph gestures as typed change objects (xyflow `types/changes.ts` style). One pure function,
 * `applyGesture`, turns each into the smallest text edit of the YAML workspace.
 */
import type { ElementId, NodeId, PolicyKey } from '../graph/handles.ts'
import type { ParseResult, Protocol, YamlPath } from '../policy/model.ts'

/** A port as the inspector/connect dialog gives it; `port` is a string like Cilium's (§6.1). */
export interface PortSpec {
  readonly port: string
  readonly protocol?: Protocol
  readonly endPort?: number
}

export interface HttpRow {
  readonly method?: string
  readonly path?: string
  readonly host?: string
  readonly headers?: readonly string[]
}
export interface KafkaRow {
  readonly role?: string
  readonly topic?: string
  readonly apiKey?: string
  readonly clientID?: string
}
export interface DnsRow {
  readonly matchName?: string
  readonly matchPattern?: string
}

/** At most one kind per connect (§7.1: one L7 type per toPorts entry). */
export interface L7Spec {
  readonly http?: readonly HttpRow[]
  readonly dns?: readonly DnsRow[]
  readonly kafka?: readonly KafkaRow[]
}

export type Placement = 'ingress' | 'egress' | 'both'
export type PolicyMode = 'cnp' | 'knp'

export interface ConnectGesture {
  readonly type: 'connect'
  /** Graph node ids (`wl/…`, `ns/…`, `entity/…`, `cidr/…`, `fqdn/…`, `node/…`). */
  readonly from: NodeId
  readonly to: NodeId
  readonly ports: readonly PortSpec[]
  readonly l7?: L7Spec
  readonly action: 'allow' | 'deny'
  /** Default `ingress`: the rule is written on the destination's policy. */
  readonly placement?: Placement
  /** An existing policy to write into (when its subject is the side being written). */
  readonly policyKey?: PolicyKey
  /** Which kind a new policy gets; default a CiliumNetworkPolicy. */
  readonly mode?: PolicyMode
}

export interface DeleteEdgeGesture {
  readonly type: 'deleteEdge'
  /** `<policy key>#<path>`, as in RuleElement.id / GraphEdge.elementId. */
  readonly elementId: ElementId
  /** Remove only this peer (index into RuleElement.peers) when the element has several. */
  readonly peerIndex?: number
  /** Remove only this port (index into the element's ports, flattened over toPorts) when it has several. */
  readonly portIndex?: number
}

/** Node actions (context menu on a namespace / workload node). `subject` is a `wl/…` or `ns/…` id. */
export type NodeActionGesture =
  | { readonly type: 'isolateNamespace'; readonly namespace: string }
  | { readonly type: 'defaultDeny'; readonly subject: NodeId; readonly direction: 'ingress' | 'egress' }
  | { readonly type: 'allowDns'; readonly subject: NodeId; readonly policyKey?: PolicyKey }
  | { readonly type: 'allowFqdn'; readonly subject: NodeId; readonly name: string; readonly ports?: readonly PortSpec[]; readonly policyKey?: PolicyKey }
  | { readonly type: 'denyMetadata'; readonly subject: NodeId }
  | { readonly type: 'allowScrapeFromMonitoring'; readonly subject: NodeId; readonly port: string; readonly policyKey?: PolicyKey }
  | { readonly type: 'allowKubeApiserver'; readonly subject: NodeId; readonly policyKey?: PolicyKey }

/** Inspector edits. Element-level ones address a RuleElement by id. */
export type FieldChange =
  | {
      readonly kind: 'port'
      readonly elementId: ElementId
      /** Index into the element's ports, flattened over its toPorts entries. */
      readonly portIndex: number
      readonly port?: string
      readonly protocol?: Protocol
      /** null removes endPort. */
      readonly endPort?: number | null
    }
  | {
      readonly kind: 'l7Row'
      readonly elementId: ElementId
      /** Which toPorts entry; default 0. */
      readonly toPortsIndex?: number
      readonly l7: 'http' | 'kafka' | 'dns'
      readonly op: 'add' | 'edit' | 'remove'
      readonly rowIndex?: number
      readonly row?: HttpRow | KafkaRow | DnsRow
    }
  | {
      readonly kind: 'icmp'
      readonly elementId: ElementId
      readonly op: 'add' | 'edit' | 'remove'
      readonly index?: number
      readonly value?: { readonly family?: 'IPv4' | 'IPv6'; readonly type: number | string }
    }
  | { readonly kind: 'action'; readonly elementId: ElementId; readonly action: 'allow' | 'deny' }
  | {
      readonly kind: 'defaultDeny'
      readonly policyKey: PolicyKey
      readonly ruleIndex?: number
      readonly direction: 'ingress' | 'egress'
      /** null removes the setting (back to Cilium's default: true, §3.2). */
      readonly value: boolean | null
    }
  | { readonly kind: 'rename'; readonly policyKey: PolicyKey; readonly name?: string; readonly namespace?: string }
  | { readonly kind: 'subjectLabels'; readonly policyKey: PolicyKey; readonly ruleIndex?: number; readonly labels: Readonly<Record<string, string>> }

export interface SetFieldGesture {
  readonly type: 'setField'
  readonly change: FieldChange
}

export type Gesture = ConnectGesture | DeleteEdgeGesture | NodeActionGesture | SetFieldGesture

/** One replacement against the ORIGINAL text (end exclusive); edits never overlap and are sorted. */
export interface TextEdit {
  readonly start: number
  readonly end: number
  readonly text: string
}

export interface EditResult {
  readonly edits: readonly TextEdit[]
  /** The original text with `edits` applied. */
  readonly text: string
  /** What happened, for the undo label / status bar. */
  readonly description: string
  /** Something the user should know (default deny opened, L7 dropped …). */
  readonly warning?: string
  /** Where the main change landed in the new text, to reveal it. */
  readonly focus?: { readonly doc: number; readonly path: YamlPath }
  /** The parse of `text` (the safety check made it); the store reuses it instead of parsing again. */
  readonly parse: ParseResult
}

export type GestureOutcome = EditResult | { readonly error: string }

export function isError(o: GestureOutcome): o is { error: string } {
  return 'error' in o
}
