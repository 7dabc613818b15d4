/**
 * The agent settings: everything the Cilium agent decides that policy YAML does not. One model
 * for the page, the worker and the CLI; it is a slice of the engine's `Settings`, so the engine
 * takes it as it is (`compilePolicySet(policies, groups, settings)`).
 */
import type { Settings } from '../engine/api.ts'
import type { AuditScope } from '../engine/audit-scope.ts'
import { parseAuditWorkload } from '../engine/audit-scope.ts'
import { DEFAULT_SETTINGS } from '../engine/api.ts'
import { CILIUM_VERSIONS, parseVersion } from '../engine/version-clauses.ts'

export type AgentSettingKey =
  | 'enforcementMode'
  | 'auditMode'
  | 'allowLocalhost'
  | 'hostFirewall'
  | 'enableNodeSelectorLabels'
  | 'policyDefaultLocalCluster'
  | 'nonDefaultDenyPolicies'
  | 'cidrMatchNodes'
  | 'clusterName'
  | 'tofqdnsMinTtl'
  | 'tofqdnsIdleConnectionGracePeriod'
  | 'tofqdnsMaxIpsPerHostname'
  | 'ciliumVersion'

/**
 * The agent settings plus the per-endpoint audit mode the workspace sets by namespace/workload
 * (`auditScope`, §3.7: `cilium endpoint config <id> PolicyAuditMode=Enabled`). Absent or empty:
 * only the daemon-wide switch applies.
 */
export type AgentSettings = Pick<Settings, AgentSettingKey> & { readonly auditScope?: AuditScope }

/** Cilium's own defaults (see DEFAULT_SETTINGS); `policyDefaultLocalCluster` follows the version. */
export const DEFAULT_AGENT_SETTINGS: AgentSettings = {
  enforcementMode: DEFAULT_SETTINGS.enforcementMode,
  auditMode: DEFAULT_SETTINGS.auditMode,
  allowLocalhost: DEFAULT_SETTINGS.allowLocalhost,
  hostFirewall: DEFAULT_SETTINGS.hostFirewall,
  enableNodeSelectorLabels: DEFAULT_SETTINGS.enableNodeSelectorLabels,
  nonDefaultDenyPolicies: DEFAULT_SETTINGS.nonDefaultDenyPolicies,
  cidrMatchNodes: false,
  tofqdnsMinTtl: DEFAULT_SETTINGS.tofqdnsMinTtl,
  tofqdnsIdleConnectionGracePeriod: DEFAULT_SETTINGS.tofqdnsIdleConnectionGracePeriod,
  tofqdnsMaxIpsPerHostname: DEFAULT_SETTINGS.tofqdnsMaxIpsPerHostname,
  ciliumVersion: DEFAULT_SETTINGS.ciliumVersion,
}

export type SettingKind = 'bool' | 'choice' | 'seconds' | 'count' | 'text' | 'version'

/** One setting as a person sees it and as the cluster spells it. */
export interface SettingField {
  readonly field: AgentSettingKey
  readonly label: string
  /** The key in `cilium-config` (the agent flag). */
  readonly agentKey: string
  /** The Helm value that renders it, dotted; null when the chart has none. */
  readonly helmPath: string | null
  readonly kind: SettingKind
  readonly choices?: readonly string[]
  /** Where cilium-semantics.md explains its effect. */
  readonly section: string
  readonly help: string
}

export const SETTING_FIELDS: readonly SettingField[] = [
  { field: 'ciliumVersion', label: 'Cilium version', agentKey: '', helmPath: 'image.tag', kind: 'version', choices: CILIUM_VERSIONS, section: '§0', help: 'semantics that changed between releases follow this version' },
  { field: 'enforcementMode', label: 'Policy enforcement mode', agentKey: 'enable-policy', helmPath: 'policyEnforcementMode', kind: 'choice', choices: ['default', 'always', 'never'], section: '§3.1', help: 'default: only selected endpoints; always: every endpoint default-deny; never: nothing enforced' },
  { field: 'auditMode', label: 'Policy audit mode', agentKey: 'policy-audit-mode', helmPath: 'policyAuditMode', kind: 'bool', section: '§3.7', help: 'would-be L3/L4 denials pass and are reported as audit; L7 denials stay' },
  { field: 'allowLocalhost', label: 'Allow localhost', agentKey: 'allow-localhost', helmPath: null, kind: 'choice', choices: ['always', 'policy'], section: '§3.4', help: 'always (auto on Kubernetes): the local host reaches every pod unless denied' },
  { field: 'hostFirewall', label: 'Host firewall', agentKey: 'enable-host-firewall', helmPath: 'hostFirewall.enabled', kind: 'bool', section: '§2.1', help: 'host (nodeSelector) policies apply to the node' },
  { field: 'enableNodeSelectorLabels', label: 'Node selector labels', agentKey: 'enable-node-selector-labels', helmPath: 'nodeSelectorLabels', kind: 'bool', section: '§5.7', help: 'off: rules with fromNodes/toNodes are rejected' },
  { field: 'policyDefaultLocalCluster', label: 'Policies default to the local cluster', agentKey: 'policy-default-local-cluster', helmPath: 'clustermesh.policyDefaultLocalCluster', kind: 'bool', section: '§2.4', help: 'endpoint peers only select local-cluster pods unless they name a cluster; unset: the version default (on since 1.19)' },
  { field: 'clusterName', label: 'Cluster name', agentKey: 'cluster-name', helmPath: 'cluster.name', kind: 'text', section: '§5.2', help: 'the local cluster, for the cluster entity and policy-default-local-cluster' },
  { field: 'nonDefaultDenyPolicies', label: 'Non-default-deny policies', agentKey: 'enable-non-default-deny-policies', helmPath: 'enableNonDefaultDenyPolicies', kind: 'bool', section: '§0', help: 'off: enableDefaultDeny: false is ignored, every rule is default-deny' },
  { field: 'cidrMatchNodes', label: 'CIDR rules match nodes', agentKey: 'policy-cidr-match-mode', helmPath: 'policyCIDRMatchMode', kind: 'bool', section: '§5.3', help: 'policy-cidr-match-mode=nodes: CIDR rules also select node IPs' },
  { field: 'tofqdnsMinTtl', label: 'toFQDNs minimum TTL (s)', agentKey: 'tofqdns-min-ttl', helmPath: 'dnsProxy.minTtl', kind: 'seconds', section: '§5.6', help: 'shorter DNS TTLs are raised to this; 0 honours the answer' },
  { field: 'tofqdnsIdleConnectionGracePeriod', label: 'toFQDNs idle-connection grace period (s)', agentKey: 'tofqdns-idle-connection-grace-period', helmPath: 'dnsProxy.idleConnectionGracePeriod', kind: 'seconds', section: '§5.6', help: 'an expired IP stays usable this long after its last connection' },
  { field: 'tofqdnsMaxIpsPerHostname', label: 'toFQDNs IPs per name', agentKey: 'tofqdns-endpoint-max-ip-per-hostname', helmPath: 'dnsProxy.endpointMaxIpPerHostname', kind: 'count', section: '§5.6', help: 'IPs kept per name and endpoint; the soonest-expiring fall out' },
]

const FIELDS: ReadonlyMap<string, SettingField> = new Map(SETTING_FIELDS.map((f) => [f.field, f]))

/** The field description of a setting. */
export function settingField(key: AgentSettingKey): SettingField {
  return FIELDS.get(key)!
}

/**
 * Settings read back from storage (a saved workspace, a pasted JSON): known fields of the right
 * type are kept, anything else falls back to the defaults. Never throws.
 */
export function sanitizeAgentSettings(raw: unknown): AgentSettings {
  const out: Record<string, unknown> = { ...DEFAULT_AGENT_SETTINGS }
  if (raw === null || typeof raw !== 'object') return out as unknown as AgentSettings
  const o = raw as Record<string, unknown>
  for (const f of SETTING_FIELDS) {
    if (!Object.hasOwn(o, f.field)) continue
    const v = o[f.field]
    if (f.kind === 'bool' && typeof v === 'boolean') out[f.field] = v
    else if (f.kind === 'choice' && typeof v === 'string' && f.choices!.includes(v)) out[f.field] = v
    else if ((f.kind === 'seconds' || f.kind === 'count') && typeof v === 'number' && Number.isFinite(v) && v >= 0) out[f.field] = v
    else if (f.kind === 'text' && typeof v === 'string' && v !== '') out[f.field] = v
    else if (f.kind === 'version' && typeof v === 'string' && parseVersion(v) !== null) out[f.field] = v
  }
  const scope = sanitizeAuditScope(o.auditScope)
  if (scope.namespaces.length > 0 || scope.workloads.length > 0) out.auditScope = scope
  return out as unknown as AgentSettings
}

/** An audit scope read back from storage: names and `ns/k=v` workloads, de-duplicated and sorted; never throws. */
export function sanitizeAuditScope(raw: unknown): AuditScope {
  const o = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {}
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : [])
  return {
    namespaces: [...new Set(strings(o.namespaces))].sort(),
    workloads: [...new Set(strings(o.workloads).filter((w) => parseAuditWorkload(w) !== null))].sort(),
  }
}

/** The scope with `entry` (a namespace, or a `ns/k=v` workload) added or removed. */
export function toggleAuditScope(scope: AuditScope | undefined, kind: 'namespace' | 'workload', entry: string, on: boolean): AuditScope {
  const base = scope ?? { namespaces: [], workloads: [] }
  const key = kind === 'namespace' ? 'namespaces' : 'workloads'
  const list = new Set(base[key])
  if (on) list.add(entry)
  else list.delete(entry)
  return { ...base, [key]: [...list].sort() }
}
