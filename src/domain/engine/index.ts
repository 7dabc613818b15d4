/** Public API of the policy evaluator (see api.ts for the types and the CLI contract). */
import type { CidrGroup, Policy } from '../policy/model.ts'
import type { Settings } from './api.ts'
import { CompiledPolicySet } from './policy-set.ts'

export type * from './api.ts'
export { DEFAULT_SETTINGS } from './api.ts'
export { CompiledPolicySet } from './policy-set.ts'
export { evaluate } from './evaluate.ts'
export { EndpointHandle, EvaluationSession, createSession } from './session.ts'
export type { L4Entry } from './session.ts'
export { FqdnStore } from './fqdn-store.ts'
export { flowKeyBase } from './verdict-cache.ts'
export { explain, versionDependence } from './trace.ts'
export { CILIUM_VERSIONS, VERSION_CLAUSES, atLeast, clauseInForce, describeClause, parseVersion, versionClause } from './version-clauses.ts'
export type { VersionClause, VersionClauseId } from './version-clauses.ts'
export type { ExpiredAnswer, FqdnTiming } from './fqdn-store.ts'
export { expiryText } from './fqdn-store.ts'
export { KAFKA_ROLES, KAFKA_TOPIC_KEYS } from './l7-kafka.ts'
export {
  hostRef,
  podLabels,
  podRef,
  refFromEntity,
  refFromIp,
  refFromLabelStrings,
  IDENTITY_ENTITIES,
} from './identity.ts'
export type { PodSpec, RefOptions } from './identity.ts'
export { compileMatchPattern, normalizeDnsName } from './dns-pattern.ts'

/** Compiles policies once per edit; missing settings take `DEFAULT_SETTINGS`. */
export function compilePolicySet(
  policies: readonly Policy[],
  cidrGroups: readonly CidrGroup[] = [],
  settings: Partial<Settings> = {},
): CompiledPolicySet {
  return new CompiledPolicySet(policies, cidrGroups, settings)
}
export { EMPTY_AUDIT_SCOPE, auditScopeMatcher, parseAuditWorkload } from './audit-scope.ts'
export type { AuditScope } from './audit-scope.ts'
export { hasHostPolicies, hostFirewallInForce } from './host-firewall.ts'
export type { HostFirewallChoice } from './host-firewall.ts'
