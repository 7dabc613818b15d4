/**
 * The normalized policy model: every rule element of every CNP, CCNP and KNP, with Cilium's
 * translations already applied (namespace pinning §2.3–2.4, KNP §8, empty-vs-absent peers §2.5),
 * each carrying the YAML path and source range it came from.
 *
 * Consumers (engine, graph, lint) read this model and never re-interpret YAML.
 */
import type { ElementId, PolicyKey, PolicyKind } from '../graph/handles.ts'
import type { Selector } from '../labels/selector.ts'

export type { PolicyKind }
export type Direction = 'ingress' | 'egress'
export type YamlPath = readonly (string | number)[]

/** Character offsets into the whole workspace text, end exclusive. */
export interface SourceRange {
  readonly start: number
  readonly end: number
}

/** Where a model element came from: the document index, its path in that document, its text range. */
export interface Origin {
  readonly doc: number
  readonly path: YamlPath
  readonly range: SourceRange
}

/** A peer of a rule element. Semantics of each kind: cilium-semantics §5. */
export type Peer =
  /** Pod identities; `selector` already has CNP/CCNP/KNP namespace handling applied (§2.4, §8.2). */
  | { readonly kind: 'endpoints'; readonly selector: Selector; readonly origin: Origin }
  /** A reserved entity (§5.2); `all` is the true wildcard. */
  | { readonly kind: 'entity'; readonly entity: string; readonly origin: Origin }
  /** A CIDR (bare IPs already widened to /32 or /128) minus `except` (§5.3). */
  | { readonly kind: 'cidr'; readonly cidr: string; readonly except: readonly string[]; readonly origin: Origin }
  /** CIDRs of CiliumCIDRGroup objects, by name or by group labels (§5.3). */
  | {
      readonly kind: 'cidrGroup'
      readonly ref?: string
      readonly selector?: Selector
      readonly except: readonly string[]
      readonly origin: Origin
    }
  /** toFQDNs (§5.6): exactly one of matchName / matchPattern, as written. */
  | { readonly kind: 'fqdn'; readonly matchName?: string; readonly matchPattern?: string; readonly origin: Origin }
  /** toServices (§5.5). */
  | {
      readonly kind: 'service'
      readonly name?: string
      readonly namespace?: string
      readonly selector?: Selector
      readonly origin: Origin
    }
  /** fromNodes / toNodes (§5.7): node labels, never the local host. */
  | { readonly kind: 'nodes'; readonly selector: Selector; readonly origin: Origin }
  /**
   * Every identity including world and host. Comes from an element with ports but no peer field
   * (§2.5), from a KNP rule with empty/missing from/to (§8.3).
   */
  | { readonly kind: 'wildcard'; readonly origin: Origin }

export type Protocol = 'TCP' | 'UDP' | 'SCTP' | 'ANY'

export interface PortProtocol {
  /** As written: a number ("0" = all ports) or a lowercased IANA port name (§6.1). */
  readonly port: string
  /** Inclusive end of a range; absent for a single port. Already ignored for named ports. */
  readonly endPort?: number
  readonly protocol: Protocol
  readonly origin: Origin
}

export interface HttpRule {
  readonly method?: string
  readonly path?: string
  readonly host?: string
  readonly headers?: readonly string[]
  readonly headerMatches?: readonly {
    readonly name: string
    readonly value?: string
    readonly secret?: unknown
    readonly mismatch?: string
  }[]
  readonly origin: Origin
}

export interface KafkaRule {
  readonly role?: string
  readonly apiKey?: string
  readonly apiVersion?: string
  readonly clientID?: string
  readonly topic?: string
  readonly origin: Origin
}

export interface DnsRule {
  readonly matchName?: string
  readonly matchPattern?: string
  readonly origin: Origin
}

export type L7Rules =
  | { readonly kind: 'http'; readonly rules: readonly HttpRule[]; readonly origin: Origin }
  | { readonly kind: 'kafka'; readonly rules: readonly KafkaRule[]; readonly origin: Origin }
  | { readonly kind: 'dns'; readonly rules: readonly DnsRule[]; readonly origin: Origin }
  | {
      readonly kind: 'generic'
      readonly l7proto: string
      readonly rules: readonly Readonly<Record<string, string>>[]
      readonly origin: Origin
    }

/** A TLS context (§6.6): a Secret (tls.crt, tls.key, optionally ca.crt) or files on the node. */
export interface TlsContext {
  readonly secret?: { readonly namespace?: string; readonly name: string }
  readonly certificate?: string
  readonly privateKey?: string
  readonly trustedCA?: string
  readonly origin: Origin
}

/** `listener`: a redirect to a listener of a CiliumEnvoyConfig (§6.6); egress only, no L7 rules. */
export interface ListenerRef {
  readonly envoyConfig: { readonly kind?: string; readonly name: string }
  readonly name: string
  readonly priority?: number
  readonly origin: Origin
}

/** One entry of `toPorts`: its ports are ORed; its L7 rules apply only to these ports (§6.5). */
export interface PortRule {
  readonly ports: readonly PortProtocol[]
  readonly l7?: L7Rules
  /** TLS SNI allow-list (§6.6); `*.x` one label, `**.x` one or more. */
  readonly serverNames?: readonly string[]
  readonly terminatingTLS?: TlsContext
  readonly originatingTLS?: TlsContext
  readonly listener?: ListenerRef
  readonly origin: Origin
}

export interface IcmpField {
  readonly family: 'IPv4' | 'IPv6'
  /** Type number 0–255, or a CamelCase name as written (§6.4). */
  readonly type: number | string
  readonly origin: Origin
}

/**
 * One element of ingress / ingressDeny / egress / egressDeny (or one KNP rule).
 * Peers AND ports (§6.5). `peers: []` selects nothing but still counts toward default deny (§2.5).
 */
export interface RuleElement {
  /** Stable within a parse: `<policy key>#<path>` (handles.ts elementId). */
  readonly id: ElementId
  readonly direction: Direction
  readonly deny: boolean
  readonly peers: readonly Peer[]
  /** The YAML peer field used (`fromEndpoints`, `toFQDNs`, `from` …) or null when none was written. */
  readonly peerField: string | null
  /** null: no port restriction (L3-only, every protocol including ICMP, §6.3). */
  readonly toPorts: readonly PortRule[] | null
  /** null when absent; ICMP types allowed/denied by this element (§6.4). */
  readonly icmps: readonly IcmpField[] | null
  readonly origin: Origin
}

export type Subject =
  | { readonly kind: 'endpoints'; readonly selector: Selector }
  | { readonly kind: 'nodes'; readonly selector: Selector }

/** One spec (a policy with `specs:` yields several). */
export interface Rule {
  readonly subject: Subject
  readonly subjectOrigin: Origin
  readonly elements: readonly RuleElement[]
  /** Resolved `enableDefaultDeny` per direction (§3.2): unset = true; KNP always true. */
  readonly defaultDeny: { readonly ingress: boolean; readonly egress: boolean }
  readonly description?: string
  readonly origin: Origin
}

export interface Policy {
  /** `<kind>/<namespace or _cluster>/<name>` (handles.ts policyKey); unique in a well-formed workspace. */
  readonly key: PolicyKey
  readonly kind: PolicyKind
  readonly name: string
  /** null for CiliumClusterwideNetworkPolicy. */
  readonly namespace: string | null
  readonly rules: readonly Rule[]
  readonly origin: Origin
}

export interface CidrGroup {
  readonly name: string
  readonly labels: Readonly<Record<string, string>>
  readonly cidrs: readonly string[]
  readonly origin: Origin
}

export type Severity = 'error' | 'warning' | 'info'

export interface Diagnostic {
  readonly severity: Severity
  readonly message: string
  readonly range: SourceRange
  /** 1-based, for people and for Monaco markers. */
  readonly line: number
  readonly column: number
  readonly endLine: number
  readonly endColumn: number
  readonly doc?: number
  readonly path?: YamlPath
  /** Short machine-readable code, e.g. `yaml-syntax`, `unknown-field`, `mixed-peers`. */
  readonly code: string
}

export interface DocumentInfo {
  readonly index: number
  readonly range: SourceRange
  readonly apiVersion?: string
  readonly kind?: string
  readonly name?: string
  readonly namespace?: string
  /** What Membrane did with it. */
  readonly status: 'policy' | 'cidr-group' | 'not-a-policy' | 'empty' | 'invalid'
}

export interface ParseResult {
  readonly documents: readonly DocumentInfo[]
  readonly policies: readonly Policy[]
  readonly cidrGroups: readonly CidrGroup[]
  readonly diagnostics: readonly Diagnostic[]
}
