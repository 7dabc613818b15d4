/**
 * The normalized flow record Membrane works with, whatever shape the Hubble input had
 * (hubble-flows.md §1). Field names are ours (camelCase); meanings follow flow.proto.
 *
 * Compactness: the UI may hold hundreds of thousands of flows, so optional fields are left
 * out rather than set to `undefined`, and endpoints are interned — flows that share the same
 * peer (same identity, labels, pod, IP) share one frozen `FlowEndpoint` object. Ports therefore
 * live on `l4`, not on the endpoint.
 */
import type { Label } from '../labels/label.ts'

/** Verdict enum names (flow.proto); unknown numbers become `VERDICT_<n>`. */
export type Verdict =
  | 'VERDICT_UNKNOWN'
  | 'FORWARDED'
  | 'DROPPED'
  | 'ERROR'
  | 'AUDIT'
  | 'REDIRECTED'
  | 'TRACED'
  | 'TRANSLATED'
  | (string & {})

export type FlowType = 'UNKNOWN_TYPE' | 'L3_L4' | 'L7' | 'SOCK' | (string & {})

export type TrafficDirection = 'INGRESS' | 'EGRESS' | 'UNKNOWN'

export type L4Protocol = 'TCP' | 'UDP' | 'SCTP' | 'ICMPv4' | 'ICMPv6' | 'VRRP' | 'IGMP'

export interface Workload {
  readonly name: string
  readonly kind: string
}

/** One side of a flow. Interned: never mutate. */
export interface FlowEndpoint {
  /** Security identity; 0 when unknown (protojson omits 0). */
  readonly identity: number
  /** Identity labels, parsed (`k8s:app=x` → {source:'k8s', key:'app', value:'x'}). */
  readonly labels: readonly Label[]
  /** Namespace: the `namespace` field, else the `k8s:io.kubernetes.pod.namespace` label (pitfall 6). */
  readonly namespace?: string
  readonly podName?: string
  /** Cilium endpoint ID; only present for endpoints local to the observing node. */
  readonly endpointId?: number
  readonly clusterName?: string
  readonly workloads?: readonly Workload[]
  readonly ip?: string
  /** DNS names seen for this IP (`source_names` / `destination_names`). */
  readonly names?: readonly string[]
  /** `source_service` / `destination_service`. */
  readonly service?: { readonly name: string; readonly namespace?: string }
  /** The reserved entity name when the identity is reserved (`world`, `host`, `remote-node`…). */
  readonly reserved?: string
  /**
   * A Cilium-managed endpoint that endpoint-selector policies apply to: pods (local or remote),
   * health, init and ingress endpoints. False for host, world, remote-node, kube-apiserver,
   * unmanaged, unknown, CIDR/FQDN identities, and for sides the field mask emptied.
   */
  readonly isEndpoint: boolean
}

export interface FlowL4 {
  readonly protocol: L4Protocol
  readonly sourcePort?: number
  readonly destinationPort?: number
  readonly icmpType?: number
  readonly icmpCode?: number
  /** TCP flags that are set, e.g. ['SYN'] or ['ACK','PSH']. */
  readonly tcpFlags?: readonly string[]
}

export interface HttpHeader {
  readonly key: string
  readonly value: string
}

export interface FlowHttp {
  readonly method?: string
  readonly url?: string
  /** Path part of `url` (without query), for path rules. */
  readonly path?: string
  /** Authority part of `url`, or the `:authority`/`Host` header. */
  readonly host?: string
  readonly protocol?: string
  readonly code?: number
  readonly headers?: readonly HttpHeader[]
}

export interface FlowDns {
  /** As recorded, with the trailing dot. */
  readonly query?: string
  readonly ips?: readonly string[]
  readonly ttl?: number
  readonly cnames?: readonly string[]
  /** 0 = NOERROR (omitted in JSON), 3 = NXDOMAIN. */
  readonly rcode: number
  readonly qtypes?: readonly string[]
  readonly rrtypes?: readonly string[]
}

export interface FlowKafka {
  readonly apiKey?: string
  readonly apiVersion?: number
  readonly topic?: string
  readonly clientID?: string
  readonly errorCode?: number
  readonly correlationId?: number
}

export interface FlowL7 {
  readonly type: 'REQUEST' | 'RESPONSE' | 'SAMPLE' | 'UNKNOWN_L7_TYPE' | (string & {})
  readonly latencyNs?: number
  readonly http?: FlowHttp
  readonly dns?: FlowDns
  readonly kafka?: FlowKafka
}

/** A policy named by Hubble's `*_allowed_by` / `*_denied_by` (Cilium ≥1.15/1.16). */
export interface FlowPolicyRef {
  readonly name: string
  readonly namespace?: string
  readonly kind?: string
  readonly revision?: string
}

export interface FlowPolicyMatch {
  readonly ingressAllowedBy?: readonly FlowPolicyRef[]
  readonly egressAllowedBy?: readonly FlowPolicyRef[]
  readonly ingressDeniedBy?: readonly FlowPolicyRef[]
  readonly egressDeniedBy?: readonly FlowPolicyRef[]
}

export interface Flow {
  /** 0-based position among the flow records read (the CLI contract's `index`). */
  readonly index: number
  /** Epoch milliseconds; NaN when the record has no readable time. */
  readonly time: number
  /** Nanoseconds within the millisecond (0–999999), for stable ordering of close events. */
  readonly timeNanos: number
  readonly nodeName?: string
  readonly uuid?: string
  readonly verdict: Verdict
  /** `drop_reason_desc`, else `DROP_<drop_reason>`; only on drops. */
  readonly dropReason?: string
  readonly type: FlowType
  /** `event_type.type`: 1 drop, 4 trace, 5 policy-verdict, 129 L7 access log … */
  readonly eventType: number
  readonly eventSubType: number
  readonly direction: TrafficDirection
  /**
   * true / false / undefined (unknown). From `is_reply`, else the deprecated `reply` (only
   * ever printed as true), else `trace_reason`, else the L7 record type (pitfall 1).
   */
  readonly isReply?: boolean
  readonly observationPoint?: string
  readonly traceReason?: string
  /** 4, 6, or 0 when unknown. */
  readonly ipVersion: 0 | 4 | 6
  readonly source: FlowEndpoint
  readonly destination: FlowEndpoint
  readonly l4?: FlowL4
  readonly l7?: FlowL7
  /** policy-verdict events: 0 none … 6 proto-only (§3.3). */
  readonly policyMatchType?: number
  readonly policy?: FlowPolicyMatch
  readonly proxyPort?: number
  readonly summary?: string
  /** Exporter aggregation: how many flows this record stands for (absent = 1). */
  readonly count?: number
}

/** A line (or array element) that could not be read. Line numbers are 1-based. */
export interface SkippedSample {
  readonly line: number
  readonly reason: string
  /**
   * The start of the offending line (at most 120 characters, control characters shown as `·`), for
   * messages like "12 lines skipped; first at line 4,031: …". Absent for over-long lines.
   */
  readonly text?: string
}

/**
 * A `lost_events` record (hubble-flows.md §1a): events were dropped before Hubble saw them, so
 * the timeline has a gap here. Kept, not counted as a flow.
 */
export interface LostEvents {
  /** 1-based line of the record. */
  readonly line: number
  /** Epoch ms of the record (`time`, else `lost_events.first`); NaN when unknown. */
  readonly time: number
  /** `num_events_lost` (a uint64 rendered as a string; parsed to a number). */
  readonly count: number
  /** PERF_EVENT_RING_BUFFER, OBSERVER_EVENTS_QUEUE, HUBBLE_RING_BUFFER… */
  readonly source?: string
  readonly nodeName?: string
  readonly cpu?: number
}

export interface IngestResult {
  readonly flows: Flow[]
  /** Unreadable records: garbage, truncated JSON, over-long lines, JSON that is not a flow. */
  readonly skipped: number
  /** The first few skipped records, for error messages. */
  readonly skippedSamples: SkippedSample[]
  /** Valid non-flow records (lost_events, node_status, agent_event, debug_event): not flows. */
  readonly nonFlow: number
  /** The `lost_events` records among `nonFlow`, in file order: gaps in the timeline. */
  readonly lostEvents: LostEvents[]
}
