/** Peer matching (§5): compiled once per policy set, evaluated once per identity pair. */
import { CLUSTER_KEY, NAMESPACE_KEY, NAMESPACE_LABELS_PREFIX } from '../labels/label.ts'
import type { Requirement, Selector } from '../labels/selector.ts'
import { LabelIndex, selectorMatches } from '../labels/selector.ts'
import type { CidrGroup, Peer, Policy } from '../policy/model.ts'
import type { ServiceInfo, Settings } from './api.ts'
import type { Prefix } from './cidr.ts'
import { parsePrefix, prefixContains } from './cidr.ts'
import type { NameMatcher } from './dns-pattern.ts'
import { compileDnsSelector } from './dns-pattern.ts'
import { entityMatches } from './entities.ts'
import type { Identity } from './resolved-identity.ts'
import type { VersionClauseId } from './version-clauses.ts'
import { clauseInForce } from './version-clauses.ts'

export type PeerMatcher = (id: Identity) => boolean

/** A toFQDNs selector with its index, shared with the FQDN cache (§5.6). */
export interface FqdnPeer {
  readonly index: number
  readonly matches: NameMatcher
  readonly text: string
}

export interface PeerContext {
  readonly settings: Settings
  readonly cidrGroups: readonly CidrGroup[]
  /** Registers a toFQDNs selector and returns its index. */
  readonly addFqdn: (matcher: NameMatcher, text: string) => number
  readonly problem: (message: string) => void
  /**
   * Sees every prefix a CIDR-like matcher compares addresses with, so the policy set can group
   * addresses these prefixes cannot tell apart into one identity (fewer distinct verdicts).
   */
  readonly addPrefix?: (p: Prefix) => void
  /** The policy the peer belongs to: its kind and namespace decide version-dependent pinning. */
  readonly policy?: Policy
}

const never: PeerMatcher = () => false

/**
 * CIDR minus excepts. `0.0.0.0/0` / `::/0` select the family's world identity (§5.3); CIDRs
 * never match pods, and host / remote-node only in `cidrMatchNodes` mode (folded into `addr`).
 */
export function cidrMatcher(cidr: Prefix, excepts: readonly Prefix[]): PeerMatcher {
  return (id) => {
    const a = id.addr
    if (cidr.len === 0) {
      if (id.isWorld) {
        const fam = id.reserved.has('world-ipv4') ? 4 : id.reserved.has('world-ipv6') ? 6 : (a?.family ?? cidr.family)
        if (fam !== cidr.family) return false
      } else if (a === null || a.family !== cidr.family) return false
    } else if (a === null || !prefixContains(cidr, a)) return false
    // `except` only subtracts from its own rule (§5.3, §4.3).
    return a === null || !excepts.some((e) => prefixContains(e, a))
  }
}

function parseAll(list: readonly string[], ctx: PeerContext): Prefix[] {
  const out: Prefix[] = []
  for (const s of list) {
    const p = parsePrefix(s)
    if (p) {
      out.push(p)
      ctx.addPrefix?.(p)
    } else ctx.problem(`invalid CIDR ${JSON.stringify(s)}`)
  }
  return out
}

function anyOf(ms: readonly PeerMatcher[]): PeerMatcher {
  if (ms.length === 0) return never
  if (ms.length === 1) return ms[0]
  return (id) => ms.some((m) => m(id))
}

/** Requirements with the label source ignored, as k8sServiceSelector does (§5.5). */
function anySource(sel: Selector): Selector {
  return { requirements: sel.requirements.map((r) => ({ ...r, source: 'any' })) }
}

function serviceLabels(svc: ServiceInfo): LabelIndex {
  return new LabelIndex(Object.entries(svc.labels ?? {}).map(([key, value]) => ({ source: 'k8s', key, value })))
}

function serviceMatcher(peer: Extract<Peer, { kind: 'service' }>, ctx: PeerContext): PeerMatcher {
  const services = ctx.settings.services ?? []
  const chosen = services.filter((svc) => {
    if (peer.name !== undefined && peer.name !== '') {
      if (svc.name !== peer.name) return false
    } else if (!peer.selector || !selectorMatches(anySource(peer.selector), serviceLabels(svc))) return false
    // An empty namespace matches services of that name in any namespace (§5.5).
    return peer.namespace === undefined || peer.namespace === '' || svc.namespace === peer.namespace
  })
  const out: PeerMatcher[] = []
  for (const svc of chosen) {
    if (svc.selector) {
      // A service with a pod selector means its pods in its namespace, not its ClusterIP (§5.5).
      const reqs: Requirement[] = Object.entries(svc.selector).map(([key, v]) => ({
        source: 'k8s',
        key,
        operator: 'In',
        values: [v],
      }))
      reqs.push({ source: 'k8s', key: NAMESPACE_KEY, operator: 'In', values: [svc.namespace] })
      const sel: Selector = { requirements: reqs }
      out.push((id) => id.namespace !== undefined && selectorMatches(sel, id.index))
    } else {
      // Selector-less: /32s of the backends, which can never select pods (§5.5).
      out.push(...parseAll(svc.backendIPs ?? [], ctx).map((p) => cidrMatcher(p, [])))
    }
  }
  return anyOf(out)
}

const hasReservedKey = (sel: Selector): boolean => sel.requirements.some((r) => r.source === 'reserved')

/**
 * The version-dependent clauses that decide what an `endpoints` peer selects under these
 * settings; `compilePeer(peer, ctx, clause)` gives the answer of the other side of each.
 */
export function peerClauses(peer: Peer, ctx: PeerContext): VersionClauseId[] {
  if (peer.kind !== 'endpoints' || hasReservedKey(peer.selector)) return []
  const out: VersionClauseId[] = []
  if (namespaceLabelPeer(peer.selector, ctx.policy) !== null) out.push('cnp-namespace-label-peers')
  if (ctx.settings.policyDefaultLocalCluster === undefined && ctx.settings.clusterName !== undefined
    && !peer.selector.requirements.some((r) => r.key === CLUSTER_KEY)) out.push('local-cluster-default')
  return out
}

/** The policy namespace of a CNP peer using namespace-label keys and naming no namespace (§2.4 step 3), else null. */
function namespaceLabelPeer(sel: Selector, policy: Policy | undefined): string | null {
  if (policy?.kind !== 'CiliumNetworkPolicy' || policy.namespace === null) return null
  if (!sel.requirements.some((r) => r.key.startsWith(NAMESPACE_LABELS_PREFIX))) return null
  return sel.requirements.some((r) => r.key === NAMESPACE_KEY) ? null : policy.namespace
}

/** Whether a clause's newer behaviour applies, with `flip` inverted (for "what would the other version say"). */
function inForce(ctx: PeerContext, id: VersionClauseId, flip: VersionClauseId | undefined): boolean {
  const v = clauseInForce(ctx.settings.ciliumVersion, id)
  return id === flip ? !v : v
}

/** `policy-default-local-cluster` for these settings: explicit, else the version's default (§2.4). */
function localClusterOn(ctx: PeerContext, flip: VersionClauseId | undefined): boolean {
  return ctx.settings.policyDefaultLocalCluster ?? inForce(ctx, 'local-cluster-default', flip)
}

function endpointsMatcher(sel: Selector, ctx: PeerContext, flip: VersionClauseId | undefined): PeerMatcher {
  // The parser already applied namespace pinning as the newest releases do (§2.4); only the
  // version-dependent and agent-option parts are added here. Reserved keys are never touched.
  if (hasReservedKey(sel)) return (id) => selectorMatches(sel, id.index)
  let s = sel
  const pinTo = namespaceLabelPeer(sel, ctx.policy)
  if (pinTo !== null && !inForce(ctx, 'cnp-namespace-label-peers', flip)) {
    // Before ≈1.16 a CNP pinned such peers to its own namespace (§0, §2.4 step 3).
    s = { requirements: [...sel.requirements, { source: 'k8s', key: NAMESPACE_KEY, operator: 'In', values: [pinTo] }] }
  }
  const local = ctx.settings.clusterName
  if (local !== undefined && localClusterOn(ctx, flip) && !sel.requirements.some((r) => r.key === CLUSTER_KEY)) {
    // §2.4 step 5: the local cluster label is added unless the selector names a cluster. An
    // identity without a cluster label (labels masked in a capture) is taken as local.
    const withNs = s
    return (id) => (id.cluster === undefined || id.cluster === local) && selectorMatches(withNs, id.index)
  }
  return (id) => selectorMatches(s, id.index)
}

/** Compiles a peer; `flip` inverts one version clause (see `peerClauses`). */
export function compilePeer(peer: Peer, ctx: PeerContext, flip?: VersionClauseId): PeerMatcher {
  switch (peer.kind) {
    case 'wildcard':
      return () => true
    case 'endpoints':
      return endpointsMatcher(peer.selector, ctx, flip)
    case 'entity': {
      const entity = peer.entity
      const cluster = ctx.settings.clusterName
      return (id) => entityMatches(entity, id, cluster)
    }
    case 'cidr': {
      const p = parsePrefix(peer.cidr)
      if (!p) {
        ctx.problem(`invalid CIDR ${JSON.stringify(peer.cidr)}`)
        return never
      }
      ctx.addPrefix?.(p)
      return cidrMatcher(p, parseAll(peer.except, ctx))
    }
    case 'cidrGroup': {
      const excepts = parseAll(peer.except, ctx)
      const groups = ctx.cidrGroups.filter((g) => {
        if (peer.ref !== undefined) return g.name === peer.ref
        if (!peer.selector) return false
        const idx = new LabelIndex(Object.entries(g.labels).map(([key, value]) => ({ source: 'k8s', key, value })))
        return selectorMatches(anySource(peer.selector), idx)
      })
      if (peer.ref !== undefined && groups.length === 0) ctx.problem(`CiliumCIDRGroup ${peer.ref} not found`)
      return anyOf(groups.flatMap((g) => parseAll(g.cidrs, ctx).map((p) => cidrMatcher(p, excepts))))
    }
    case 'fqdn': {
      const m = compileDnsSelector(peer)
      const text = peer.matchName ?? peer.matchPattern ?? ''
      if (!m) {
        ctx.problem(`invalid toFQDNs selector ${JSON.stringify(text)}`)
        return never
      }
      const index = ctx.addFqdn(m, text)
      // Only IPs learned from proxied DNS answers carry the fqdn selection (§5.6).
      return (id) => id.fqdnPeers.has(index)
    }
    case 'service':
      return serviceMatcher(peer, ctx)
    case 'nodes': {
      const sel = peer.selector
      // Node selectors also require reserved:remote-node, so they never match the local host (§5.7).
      return (id) => id.reserved.has('remote-node') && selectorMatches(sel, id.nodeIndex ?? id.index)
    }
  }
}
