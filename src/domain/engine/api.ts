/**
 * Public types of the policy evaluator. The engine input is independent of Hubble: the flow
 * ingest (or the CLI's `trace`) builds `EndpointRef`s with the helpers in `identity.ts` and asks
 * `evaluate` for a verdict. `EvalResult` is the CLI's `evaluate --json` contract (DESIGN.md).
 */
import type { Label } from '../labels/label.ts'
import type { Origin, PolicyKind } from '../policy/model.ts'
import type { VersionClauseId } from './version-clauses.ts'
import type { AuditScope } from './audit-scope.ts'

/** Transport protocols that appear in `toPorts`. */
export type L4Protocol = 'TCP' | 'UDP' | 'SCTP'
/** Protocol of an evaluated flow. ICMP is only matched by `icmps` and L3-only rules (§6.3). */
export type FlowProtocol = L4Protocol | 'ICMPv4' | 'ICMPv6'

export interface NamedPort {
  readonly port: number
  readonly protocol: L4Protocol
}

/**
 * One side of a flow.
 *
 * Reserved identities are plain labels (`reserved:world`, `reserved:host`, …, §1.4). CIDR and
 * world peers carry `reserved:world` (plus `cidr:` labels when known); their `ip` is what CIDR,
 * CIDR-group, selector-less service and toFQDNs peers are matched against.
 *
 * Performance: the engine memoizes per EndpointRef object (and per `labels` array), so callers
 * that reuse one object per endpoint — as a flow store naturally does — get map-lookup speed.
 * Treat EndpointRefs as immutable once passed to the engine.
 */
export interface EndpointRef {
  readonly labels: readonly Label[]
  readonly ip?: string
  /** A Cilium-managed endpoint whose policy applies: a pod, or the host when the host firewall is on. */
  readonly isEndpoint: boolean
  /** Per-endpoint policy audit mode (§3.7); ORed with `Settings.auditMode`. */
  readonly auditMode?: boolean
  /**
   * Container ports by (lowercased) name, for named `toPorts` ports (§6.2). Named ports are always
   * resolved against the flow's *destination*: on ingress that is the local pod, as in Cilium; on
   * egress Cilium uses a node-wide map of all pods' names, and the destination's own names are the
   * best evidence we have of what that map would give for this flow.
   */
  readonly namedPorts?: Readonly<Record<string, NamedPort>>
  /** Display name only (`ns/pod`, `world`, `10.0.0.1`); never used for matching. */
  readonly name?: string
}

export interface HttpRequest {
  readonly method: string
  /** `:path`, including any query string (§7.2). */
  readonly path: string
  /** `:authority`, possibly with `:port`. */
  readonly host?: string
  /** Header names are matched case-insensitively, values exactly. */
  readonly headers?: Readonly<Record<string, string>>
}

export interface DnsRequest {
  readonly query: string
}

export interface KafkaRequest {
  /** Numeric API key (0–33) or its name (`produce`, `fetch`, …). */
  readonly apiKey: number | string
  readonly apiVersion?: number
  readonly clientID?: string
  readonly topics?: readonly string[]
}

/** The TLS ClientHello's server name, matched against `serverNames` (§6.6). */
export interface TlsRequest {
  readonly sni: string
}

export interface L7Request {
  readonly http?: HttpRequest
  readonly dns?: DnsRequest
  readonly kafka?: KafkaRequest
  readonly tls?: TlsRequest
}

/** A DNS answer: the name asked and the addresses returned (for toFQDNs learning, §5.6). */
export interface DnsAnswer {
  readonly query: string
  readonly ips: readonly string[]
  /** The answer's TTL in seconds; absent: unknown, the learned IPs never expire (§5.6). */
  readonly ttl?: number
}

export interface EvalRequest {
  readonly source: EndpointRef
  readonly destination: EndpointRef
  readonly protocol: FlowProtocol
  /** Destination port after service DNAT (§3.5). Absent for ICMP. */
  readonly port?: number
  readonly icmpType?: number
  /** A reply or related packet of a tracked connection: never checked against policy (§3.6). */
  readonly isReply?: boolean
  readonly l7?: L7Request
  /**
   * The DNS answer carried by this flow, fed to the FQDN cache of an `EvaluationSession`.
   * With `isReply` false the request is the client's query (source = client, destination = DNS
   * server); with `isReply` true it is the server's response (source = server, destination = client).
   */
  readonly dnsResponse?: DnsAnswer
  /**
   * When the flow happened (epoch milliseconds). An `EvaluationSession` moves its clock here, so
   * DNS answers whose TTL ran out stop feeding toFQDNs (§5.6); absent: the clock stays put.
   */
  readonly time?: number
}

/** A Kubernetes Service known from an inventory, for `toServices` (§5.5). */
export interface ServiceInfo {
  readonly name: string
  readonly namespace: string
  readonly labels?: Readonly<Record<string, string>>
  /** Pod selector; absent or null for a selector-less service (then `backendIPs` are used). */
  readonly selector?: Readonly<Record<string, string>> | null
  /** EndpointSlice addresses of a selector-less service. */
  readonly backendIPs?: readonly string[]
}

/** A cluster node known from an inventory, for `fromNodes` / `toNodes` (§5.7). */
export interface NodeInfo {
  readonly name?: string
  readonly ip?: string
  readonly labels: Readonly<Record<string, string>>
}

export interface Settings {
  /** Agent `policy-enforcement` mode (§3.1). */
  readonly enforcementMode: 'default' | 'always' | 'never'
  /** Daemon-wide `policy-audit-mode` (§3.7). */
  readonly auditMode: boolean
  /** Per-endpoint PolicyAuditMode by namespace or workload (§3.7, audit-scope.ts); ORed with `auditMode`. */
  readonly auditScope?: AuditScope
  /** Host firewall: host (node) policies apply to `reserved:host` endpoints (§2.1). */
  readonly hostFirewall: boolean
  /** `allow-localhost` (§3.4): `always` lets the local host reach every pod unless denied. */
  readonly allowLocalhost: 'always' | 'policy'
  /**
   * Local cluster name. When set, entity `cluster` matches pods whose
   * `k8s:io.cilium.k8s.policy.cluster` equals it; when unset, every pod (an identity with a
   * namespace label) counts as in-cluster (§5.2).
   */
  readonly clusterName?: string
  /** Labels of the local node, matched by `nodeSelector` subjects (host policies, §2.1). */
  readonly nodeLabels?: Readonly<Record<string, string>>
  /** Known nodes: remote-node identities are matched by their IP against these labels (§5.7). */
  readonly nodes?: readonly NodeInfo[]
  /** Known services for `toServices`; without them `toServices` matches nothing (§5.5). */
  readonly services?: readonly ServiceInfo[]
  /** `policy-cidr-match-mode=nodes`: CIDR rules also match host / remote-node IPs (§5.3). */
  readonly cidrMatchNodes?: boolean
  /**
   * The Cilium release (`major.minor`) whose semantics apply where they changed between
   * releases (version-clauses.ts). Default: the newest release the reference describes.
   */
  readonly ciliumVersion: string
  /** `enable-node-selector-labels` (§5.7): off, the agent rejects rules using fromNodes/toNodes. */
  readonly enableNodeSelectorLabels: boolean
  /**
   * `policy-default-local-cluster` (§2.4 step 5, §8.2): endpoint peers only select pods of the
   * local cluster unless they name one. Absent: the version's default (on since 1.19). Takes
   * effect only with a known `clusterName`; without it every pod counts as local.
   */
  readonly policyDefaultLocalCluster?: boolean
  /** `enable-non-default-deny-policies` (§0): off forces every rule to default-deny. */
  readonly nonDefaultDenyPolicies: boolean
  /** `tofqdns-min-ttl` in seconds: shorter DNS TTLs are raised to it; 0 honours the answer (§5.6). */
  readonly tofqdnsMinTtl: number
  /**
   * `tofqdns-idle-connection-grace-period` in seconds: after its DNS answer expired, an IP stays
   * usable while the client's connection to it was active within this period (§5.6).
   */
  readonly tofqdnsIdleConnectionGracePeriod: number
  /** `tofqdns-endpoint-max-ip-per-hostname`: IPs kept per name and endpoint; the soonest-expiring fall out. */
  readonly tofqdnsMaxIpsPerHostname: number
}

/**
 * The engine's defaults: Cilium's own agent defaults (`pkg/defaults/defaults.go`: ToFQDNsMinTTL 0,
 * ToFQDNsMaxIPsPerHost 1000, ToFQDNsIdleConnectionGracePeriod 0s; enable-node-selector-labels
 * off; enable-non-default-deny-policies on) and the newest release the reference describes.
 */
export const DEFAULT_SETTINGS: Settings = {
  enforcementMode: 'default',
  auditMode: false,
  hostFirewall: false,
  allowLocalhost: 'always',
  ciliumVersion: '1.19',
  enableNodeSelectorLabels: false,
  nonDefaultDenyPolicies: true,
  tofqdnsMinTtl: 0,
  tofqdnsIdleConnectionGracePeriod: 0,
  tofqdnsMaxIpsPerHostname: 1000,
}

export type Verdict = 'allowed' | 'denied' | 'audit'
/** `unenforced`: the endpoint's direction is not enforced; `n/a`: that side is not an endpoint. */
export type SideVerdict = Verdict | 'unenforced' | 'n/a'
export type ReasonEffect = 'allow' | 'deny' | 'default-deny' | 'reply' | 'localhost' | 'unenforced'

/**
 * Why a side (or an L7 request) got its verdict. Reasons that come from agent behaviour rather
 * than a policy (replies, localhost, enforcement mode, init identity, default-allow wildcard)
 * have `policy: ''` and `kind: null`.
 */
export interface Reason {
  /** `ns/name`, or `name` for a CiliumClusterwideNetworkPolicy; '' when no policy is involved. */
  readonly policy: string
  readonly kind: PolicyKind | null
  /** YAML path, e.g. `spec.egress[0]`, `specs[1].ingress[0]`, `items[2].spec.ingress[0]`. */
  readonly path: string
  readonly effect: ReasonEffect
  /** `RuleElement.id` of the deciding element, when one decided. */
  readonly elementId?: string
  readonly origin?: Origin
  /** Plain words, e.g. "no rule allows this peer on 8080/TCP". */
  readonly detail?: string
  /** Set when the answer depends on the Cilium version: the clause (version-clauses.ts). */
  readonly clause?: VersionClauseId
  /**
   * Set on a toFQDNs rule that would have allowed the flow had this DNS answer not expired or
   * fallen out (§5.6): the name (trailing dot), when (epoch ms), the TTL in force (s), and why.
   */
  readonly dnsExpiry?: { readonly name: string; readonly at: number; readonly ttl: number; readonly cause: 'ttl' | 'cap' }
}

export interface SideResult {
  readonly verdict: SideVerdict
  readonly reasons: readonly Reason[]
}

/** `tls`: the SNI check of `serverNames` (§6.6), reported like an L7 decision. */
export type L7Protocol = 'http' | 'dns' | 'kafka' | 'tls'

export interface L7Result {
  readonly protocol: L7Protocol
  readonly verdict: 'allowed' | 'denied'
  readonly reasons: readonly Reason[]
}

/**
 * The evaluator's answer. Results are cached and shared between calls and flows (equal outcomes
 * are often the very same object, L7 results included): treat them as immutable.
 */
export interface EvalResult {
  readonly verdict: Verdict
  readonly egress: SideResult
  readonly ingress: SideResult
  /** Present only when L7 rules apply to the flow and the request carries L7 data of that kind. */
  readonly l7?: L7Result
}

/** Something in the policies the engine could not use (invalid regex or DNS pattern, …). */
export interface EngineProblem {
  readonly message: string
  readonly policy: string
  readonly path: string
  readonly origin?: Origin
}

/** Node-wide FQDN cache learned from proxied DNS answers (§5.6). */
export interface FqdnCache {
  /** Normalized name (lowercase, trailing dot) → addresses. */
  readonly names: ReadonlyMap<string, ReadonlySet<string>>
  /** Bumped whenever a new (name, address) pair is learned. */
  readonly version: number
}
