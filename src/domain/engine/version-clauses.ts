/**
 * Semantics that changed between Cilium releases: one row per clause, each citing its section of
 * cilium-semantics.md (§0 lists the deltas with their commits). The engine switches on these rows
 * only, so "which answer depends on the version" has one place to look. Release mapping follows
 * §0 and is approximate (v1.16 ≈ Jul 2024, v1.17 ≈ Feb 2025, v1.18 ≈ Jul 2025, v1.19 ≈ early 2026).
 */

export type VersionClauseId =
  | 'l7-default-allow-wildcard'
  | 'enable-default-deny'
  | 'cnp-namespace-label-peers'
  | 'local-cluster-default'

export interface VersionClause {
  readonly id: VersionClauseId
  /** The section of the reference that states it. */
  readonly section: string
  /** First release (`major.minor`) with the newer behaviour. */
  readonly since: string
  readonly title: string
  /** What releases before `since` do. */
  readonly before: string
  /** What `since` and later do. */
  readonly after: string
}

export const VERSION_CLAUSES: readonly VersionClause[] = [
  {
    id: 'l7-default-allow-wildcard',
    section: '§3.3',
    since: '1.18',
    title: 'L7 rules in a default-allow direction (enableDefaultDeny: false)',
    before: 'any L7 rule refuses non-matching requests (HTTP 403, DNS REFUSED) even with enableDefaultDeny false',
    after: 'a wildcard L7 rule is added to every L7 list, so non-matching requests pass',
  },
  {
    id: 'enable-default-deny',
    section: '§3.2',
    since: '1.16',
    title: 'the enableDefaultDeny field',
    before: 'the field does not exist: every rule makes its direction default-deny',
    after: 'enableDefaultDeny: false leaves the direction default-allow',
  },
  {
    id: 'cnp-namespace-label-peers',
    section: '§2.4',
    since: '1.16',
    title: 'CiliumNetworkPolicy peers selecting namespace labels',
    before: 'the peer is pinned to the policy namespace',
    after: 'the peer selects pods in every namespace carrying those labels',
  },
  {
    id: 'local-cluster-default',
    section: '§2.4',
    since: '1.19',
    title: 'the default of policy-default-local-cluster',
    before: 'off (the option exists since 1.18): endpoint peers select pods of every clustermesh cluster',
    after: 'on: endpoint peers select only local-cluster pods unless they name a cluster',
  },
]

const BY_ID: ReadonlyMap<VersionClauseId, VersionClause> = new Map(VERSION_CLAUSES.map((c) => [c.id, c]))

/** Releases a user can pick, oldest first; the last is the default (DEFAULT_SETTINGS). */
export const CILIUM_VERSIONS: readonly string[] = ['1.14', '1.15', '1.16', '1.17', '1.18', '1.19']

export function versionClause(id: VersionClauseId): VersionClause {
  return BY_ID.get(id)!
}

/** `1.18`, `v1.18.3`, `1.18.0-rc.1` → [1, 18]; null when unreadable. */
export function parseVersion(text: string): readonly [number, number] | null {
  const m = /^\s*v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?\s*$/.exec(text)
  return m ? [Number(m[1]), Number(m[2])] : null
}

/** Whether `version` is `since` or later; an unreadable version counts as the newest. */
export function atLeast(version: string, since: string): boolean {
  const v = parseVersion(version)
  const s = parseVersion(since)!
  if (v === null) return true
  return v[0] !== s[0] ? v[0] > s[0] : v[1] >= s[1]
}

/** Whether the clause's newer behaviour is in force for this version. */
export function clauseInForce(version: string, id: VersionClauseId): boolean {
  return atLeast(version, versionClause(id).since)
}

/** One line saying how the clause decides for `version` and what the other side of it does. */
export function describeClause(id: VersionClauseId, version: string): string {
  const c = versionClause(id)
  const now = clauseInForce(version, id)
  return now
    ? `${c.section} ${c.title}: since Cilium ${c.since} ${c.after} (as ${version} does); before ${c.since} ${c.before}`
    : `${c.section} ${c.title}: before Cilium ${c.since} ${c.before} (as ${version} does); from ${c.since} ${c.after}`
}
