/**
 * The engine's internal view of an identity: labels indexed for selector matching plus the few
 * derived facts peers need (reserved names, namespace, address). Interned by a key that holds
 * exactly what can change a verdict, so verdict caches keyed by identity id stay correct.
 */
import type { Label } from '../labels/label.ts'
import { CLUSTER_KEY, NAMESPACE_KEY, formatLabel } from '../labels/label.ts'
import { LabelIndex } from '../labels/selector.ts'
import type { Prefix } from './cidr.ts'
import { formatPrefix, parseCidrLabelKey, parsePrefix } from './cidr.ts'
import type { ExpiredAnswer } from './fqdn-store.ts'

export interface Identity {
  readonly id: number
  readonly key: string
  readonly labels: readonly Label[]
  readonly index: LabelIndex
  /** Keys of `reserved:` labels (`host`, `world`, …). */
  readonly reserved: ReadonlySet<string>
  /** `k8s:io.kubernetes.pod.namespace`, the namespace used for CNP scoping (§2.2). */
  readonly namespace: string | undefined
  readonly cluster: string | undefined
  readonly isWorld: boolean
  readonly isHost: boolean
  /** Address CIDR-like peers match against; null for pods and identities without one (§5.3). */
  readonly addr: Prefix | null
  /** Node labels (source `node`) added for fromNodes/toNodes, when the node is known (§5.7). */
  readonly nodeIndex: LabelIndex | null
  /** Indexes of toFQDNs peers whose learned names resolve to `addr` (§5.6). */
  readonly fqdnPeers: ReadonlySet<number>
  /** toFQDNs peers that matched `addr` until its DNS answer expired (and no live name does now). */
  readonly fqdnExpired: ReadonlyMap<number, ExpiredAnswer>
}

const labelKeyCache = new WeakMap<readonly Label[], string>()

/** A stable key for a label list: sorted `source:key=value` strings. */
export function labelsKey(labels: readonly Label[]): string {
  let k = labelKeyCache.get(labels)
  if (k === undefined) {
    k = labels.map(formatLabel).sort().join('\u0001')
    labelKeyCache.set(labels, k)
  }
  return k
}

export const WORLD_KEYS: ReadonlySet<string> = new Set(['world', 'world-ipv4', 'world-ipv6'])

/** Facts derived from labels alone, before the address and FQDN parts of the key are known. */
export interface LabelFacts {
  readonly reserved: ReadonlySet<string>
  readonly namespace: string | undefined
  readonly cluster: string | undefined
  readonly isWorld: boolean
  readonly isHost: boolean
  /** Most specific `cidr:` label prefix, if any. */
  readonly cidrLabel: Prefix | null
}

export function labelFacts(labels: readonly Label[]): LabelFacts {
  const reserved = new Set<string>()
  let namespace: string | undefined
  let cluster: string | undefined
  let cidrLabel: Prefix | null = null
  for (const l of labels) {
    if (l.source === 'reserved') reserved.add(l.key)
    else if (l.source === 'cidr') {
      const p = parseCidrLabelKey(l.key)
      if (p && (cidrLabel === null || p.len > cidrLabel.len)) cidrLabel = p
    } else if (l.source === 'k8s' || l.source === 'unspec' || l.source === 'any') {
      if (l.key === NAMESPACE_KEY) namespace = l.value
      else if (l.key === CLUSTER_KEY) cluster = l.value
    }
  }
  let isWorld = false
  for (const w of WORLD_KEYS) if (reserved.has(w)) isWorld = true
  // A CIDR identity is always a world identity (§1.4), even if the caller forgot the label.
  if (cidrLabel !== null && namespace === undefined) isWorld = true
  return { reserved, namespace, cluster, isWorld, isHost: reserved.has('host'), cidrLabel }
}

/** The address to use for CIDR matching, or null when CIDR peers can never match (§5.3). */
export function identityAddress(facts: LabelFacts, ip: string | undefined, cidrMatchNodes: boolean): Prefix | null {
  const addressable =
    facts.isWorld || (cidrMatchNodes && (facts.isHost || facts.reserved.has('remote-node')))
  if (!addressable) return null
  const parsed = ip !== undefined ? parsePrefix(ip) : null
  return parsed ?? facts.cidrLabel
}

export function addressKey(p: Prefix | null): string {
  return p === null ? '' : formatPrefix(p)
}

export function makeIdentity(
  id: number,
  key: string,
  labels: readonly Label[],
  facts: LabelFacts,
  addr: Prefix | null,
  nodeLabels: readonly Label[] | null,
  fqdnPeers: ReadonlySet<number>,
  fqdnExpired: ReadonlyMap<number, ExpiredAnswer> = NO_EXPIRED,
): Identity {
  return {
    id,
    key,
    labels,
    index: new LabelIndex(labels),
    reserved: facts.reserved,
    namespace: facts.namespace,
    cluster: facts.cluster,
    isWorld: facts.isWorld,
    isHost: facts.isHost,
    addr,
    nodeIndex: nodeLabels ? new LabelIndex([...labels, ...nodeLabels]) : null,
    fqdnPeers,
    fqdnExpired,
  }
}

const NO_EXPIRED: ReadonlyMap<number, ExpiredAnswer> = new Map()
