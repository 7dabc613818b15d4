/**
 * The compiled policy set: rules compiled once per edit, identities interned, and the resolved
 * per-(identity, direction) policy cached lazily (§2, §3).
 */
import type { Label } from '../labels/label.ts'
import { LabelIndex, selectorMatches } from '../labels/selector.ts'
import type { CidrGroup, Direction, Policy } from '../policy/model.ts'
import type { EndpointRef, EngineProblem, NamedPort, Settings } from './api.ts'
import { DEFAULT_SETTINGS } from './api.ts'
import type { Prefix } from './cidr.ts'
import { formatPrefix, parsePrefix, prefixContains } from './cidr.ts'
import type { CompiledElement, CompiledRule } from './compiled.ts'
import { compileRules } from './compiled.ts'
import type { ExpiredAnswer, FqdnStore } from './fqdn-store.ts'
import type { FqdnPeer } from './peers.ts'
import type { Identity } from './resolved-identity.ts'
import { addressKey, identityAddress, labelFacts, labelsKey, makeIdentity } from './resolved-identity.ts'
import type { Endpoint, L4Entry, ResolvedSide } from './internal-types.ts'
import { VerdictCache } from './verdict-cache.ts'

const EMPTY: ReadonlySet<number> = new Set()
const NO_EXPIRED: { key: string; peers: ReadonlyMap<number, ExpiredAnswer> } = { key: '', peers: new Map() }
const NO_STORE = { version: -1 }

export class CompiledPolicySet {
  readonly settings: Settings
  readonly rules: readonly CompiledRule[]
  readonly fqdnPeers: FqdnPeer[] = []
  readonly problems: EngineProblem[] = []
  /** Whether any peer looks at addresses; otherwise IPs stay out of identity keys (more cache hits). */
  readonly usesAddresses: boolean
  readonly usesNamedPorts: boolean
  readonly usesNodes: boolean
  readonly verdicts = new VerdictCache<L4Entry>()

  private readonly identities = new Map<string, Identity>()
  private readonly endpoints = new Map<string, Endpoint>()
  private readonly byRef = new WeakMap<EndpointRef, { ep: Endpoint; version: number; store: object }>()
  private readonly sides = new Map<number, [ResolvedSide | undefined, ResolvedSide | undefined]>()
  private fqdnMemo: {
    store: object
    version: number
    byAddr: Map<string, ReadonlySet<number>>
    expired: Map<string, { key: string; peers: ReadonlyMap<number, ExpiredAnswer> }>
  } | null = null
  private readonly nodeLabelsByIp = new Map<string, Label[]>()
  /** Distinct prefixes CIDR-like peers compare addresses with (see `addressClass`). */
  private readonly prefixes: Prefix[] = []
  private readonly prefixKeys = new Set<string>()

  constructor(
    readonly policies: readonly Policy[],
    readonly cidrGroups: readonly CidrGroup[],
    settings: Partial<Settings> = {},
  ) {
    this.settings = { ...DEFAULT_SETTINGS, ...settings }
    this.rules = compileRules(
      policies,
      {
        settings: this.settings,
        cidrGroups,
        addFqdn: (matches, text) => {
          const index = this.fqdnPeers.length
          this.fqdnPeers.push({ index, matches, text })
          return index
        },
        problem: (message) => this.problems.push({ message, policy: '', path: '' }),
        addPrefix: (p) => {
          const k = formatPrefix(p)
          if (!this.prefixKeys.has(k)) {
            this.prefixKeys.add(k)
            this.prefixes.push(p)
          }
        },
      },
      this.problems,
    )
    let addresses = false
    let named = false
    let nodes = false
    for (const p of policies)
      for (const r of p.rules)
        for (const el of r.elements) {
          for (const peer of el.peers) {
            if (['cidr', 'cidrGroup', 'service', 'fqdn'].includes(peer.kind)) addresses = true
            if (peer.kind === 'entity' && peer.entity.toLowerCase().startsWith('world-')) addresses = true
            if (peer.kind === 'nodes') nodes = true
          }
          for (const pr of el.toPorts ?? []) for (const pp of pr.ports) if (!/^\d*$/.test(pp.port.trim())) named = true
        }
    this.usesAddresses = addresses
    this.usesNamedPorts = named
    // Known nodes matter to fromNodes peers (§5.7), and, with the host firewall, to the host
    // policy of the node a remote-node destination is (receivingHost).
    this.usesNodes = nodes || (this.settings.hostFirewall && (this.settings.nodes?.length ?? 0) > 0)
    if (this.usesNodes)
      for (const n of this.settings.nodes ?? []) {
        const p = n.ip !== undefined ? parsePrefix(n.ip) : null
        if (p) {
          const labels = Object.entries(n.labels).map(([key, value]) => ({ source: 'node', key, value }))
          this.nodeLabelsByIp.set(formatPrefix(p), labels)
        }
      }
  }

  /** The interned endpoint for a ref; memoized per ref object (and FQDN cache version). */
  endpoint(ref: EndpointRef, store: FqdnStore | undefined): Endpoint {
    const memo = this.byRef.get(ref)
    const s: { version: number } = store ?? NO_STORE
    if (memo !== undefined && memo.store === s && memo.version === s.version) return memo.ep
    const ep = this.computeEndpoint(ref, store)
    this.byRef.set(ref, { ep, store: s, version: s.version })
    return ep
  }

  private computeEndpoint(ref: EndpointRef, store: FqdnStore | undefined): Endpoint {
    const facts = labelFacts(ref.labels)
    const addr = this.usesAddresses ? identityAddress(facts, ref.ip, this.settings.cidrMatchNodes ?? false) : null
    const aKey = addressKey(addr)
    let fqdnPeers = EMPTY
    let expired = NO_EXPIRED
    if (store && this.fqdnPeers.length > 0 && facts.isWorld && addr !== null && addr.len === addr.bytes.length * 8) {
      fqdnPeers = this.fqdnPeersFor(aKey, store)
      expired = this.fqdnExpiredFor(aKey, store, fqdnPeers)
    }
    let nodeLabels: Label[] | null = null
    let nodeKey = ''
    if (this.usesNodes && facts.reserved.has('remote-node') && ref.ip !== undefined) {
      const p = parsePrefix(ref.ip)
      if (p) {
        nodeKey = formatPrefix(p)
        nodeLabels = this.nodeLabelsByIp.get(nodeKey) ?? null
        if (!nodeLabels) nodeKey = ''
      }
    }
    const fKey = fqdnPeers.size === 0 ? '' : [...fqdnPeers].sort((a, b) => a - b).join(',')
    const key = `${labelsKey(ref.labels)}|${this.addressClass(addr)}|${nodeKey}|${fKey}|${expired.key}`
    let identity = this.identities.get(key)
    if (!identity) {
      identity = makeIdentity(this.identities.size, key, ref.labels, facts, addr, nodeLabels, fqdnPeers, expired.peers)
      this.identities.set(key, identity)
      if (nodeLabels) this.nodeLabelsOf.set(identity.id, nodeLabels)
    }
    const np = this.usesNamedPorts && ref.namedPorts ? ref.namedPorts : undefined
    const epKey = `${identity.id}|${ref.isEndpoint ? 1 : 0}|${np ? namedPortsKey(np) : ''}`
    let ep = this.endpoints.get(epKey)
    if (!ep) {
      ep = { id: this.endpoints.size, identity, isEndpoint: ref.isEndpoint, namedPorts: np }
      this.endpoints.set(epKey, ep)
    }
    return ep
  }

  /**
   * What CIDR-like peers can see of an address: its family and which policy prefixes contain it
   * (cidrMatcher reads nothing else; toFQDNs and node labels have their own key parts). Addresses
   * alike in that share one identity, so e.g. every IP of an allowed /24 shares its verdicts.
   */
  private addressClass(addr: Prefix | null): string {
    if (addr === null) return ''
    let k = `${addr.family}:`
    for (let i = 0; i < this.prefixes.length; i++) if (prefixContains(this.prefixes[i], addr)) k += `${i},`
    return k
  }

  /**
   * toFQDNs peers an expired answer matched at this address and no live name matches now, with
   * the expiry (for the reason "DNS answer for … expired at …", §5.6); part of the identity key.
   */
  private fqdnExpiredFor(addrKey: string, store: FqdnStore, live: ReadonlySet<number>): { key: string; peers: ReadonlyMap<number, ExpiredAnswer> } {
    const memo = this.fqdnMemo!
    let hit = memo.expired.get(addrKey)
    if (hit === undefined) {
      const gone = store.expiredFor(addrKey)
      const peers = new Map<number, ExpiredAnswer>()
      if (gone)
        for (const f of this.fqdnPeers) {
          if (live.has(f.index)) continue
          for (const e of gone.values()) if (f.matches(e.name) && (!peers.has(f.index) || peers.get(f.index)!.at < e.at)) peers.set(f.index, e)
        }
      hit = peers.size === 0 ? NO_EXPIRED : {
        key: [...peers].map(([i, e]) => `${i}@${e.name}@${e.at}@${e.ttl}@${e.cause}@${e.graceEnd ?? ''}`).join(','),
        peers,
      }
      memo.expired.set(addrKey, hit)
    }
    return hit
  }

  private fqdnPeersFor(addrKey: string, store: FqdnStore): ReadonlySet<number> {
    if (!this.fqdnMemo || this.fqdnMemo.store !== store || this.fqdnMemo.version !== store.version)
      this.fqdnMemo = { store, version: store.version, byAddr: new Map(), expired: new Map() }
    let hit = this.fqdnMemo.byAddr.get(addrKey)
    if (hit === undefined) {
      const names = store.namesFor(addrKey)
      const out = new Set<number>()
      if (names) for (const f of this.fqdnPeers) for (const n of names) if (f.matches(n)) out.add(f.index)
      hit = out.size === 0 ? EMPTY : out
      this.fqdnMemo.byAddr.set(addrKey, hit)
    }
    return hit
  }

  /** Rules and enforcement for an identity in a direction (§2.1–2.2, §3.1–3.2), cached. */
  resolve(id: Identity, dir: Direction): ResolvedSide {
    let pair = this.sides.get(id.id)
    if (!pair) this.sides.set(id.id, (pair = [undefined, undefined]))
    const slot = dir === 'ingress' ? 0 : 1
    return (pair[slot] ??= this.computeSide(id, dir))
  }

  private readonly remoteHostIds = new Set<number>()
  private readonly nodeLabelsOf = new Map<number, readonly Label[]>()
  private readonly remoteHosts = new Map<number, Endpoint>()
  /**
   * The host endpoint that receives traffic addressed to another node. The sender records that
   * node as `remote-node`; on arrival it is that node's host, whose ingress is judged by host
   * policy when the host firewall is on (§2.1, §3.5). Its labels are the node's labels when the
   * node is known by IP (`settings.nodes`), else none: then only selectors every node satisfies
   * (`nodeSelector: {}`) select it. Null when the destination is not such a node.
   */
  receivingHost(dst: Endpoint): Endpoint | null {
    if (!this.settings.hostFirewall || dst.isEndpoint || !dst.identity.reserved.has('remote-node')) return null
    let ep = this.remoteHosts.get(dst.id)
    if (ep === undefined) {
      const known = this.nodeLabelsOf.get(dst.identity.id)
      const labels: Label[] = [{ source: 'reserved', key: 'host', value: '' }, ...(known ?? [])]
      const key = `remote-host|${labelsKey(labels)}`
      let identity = this.identities.get(key)
      if (!identity) {
        identity = makeIdentity(this.identities.size, key, labels, labelFacts(labels), null, null, EMPTY)
        this.identities.set(key, identity)
        this.remoteHostIds.add(identity.id)
      }
      const epKey = `${identity.id}|remote`
      ep = this.endpoints.get(epKey)
      if (!ep) {
        ep = { id: this.endpoints.size, identity, isEndpoint: true, namedPorts: undefined }
        this.endpoints.set(epKey, ep)
      }
      this.remoteHosts.set(dst.id, ep)
    }
    return ep
  }

  private remoteNode: Endpoint | null = null
  /** `reserved:remote-node` as a peer (the sending node's host, seen from the receiving node). */
  remoteNodePeer(): Endpoint {
    return (this.remoteNode ??= this.endpoint({ labels: [{ source: 'reserved', key: 'remote-node', value: '' }], isEndpoint: false, name: 'remote-node' }, undefined))
  }

  /** Whether a rule's subject selects this identity (§2.1, §2.2). */
  selects(r: CompiledRule, id: Identity): boolean {
    if (r.nodeSubject) {
      // Node subjects select only the local host, and only with the host firewall (§2.1).
      if (!id.isHost || !this.settings.hostFirewall) return false
      return selectorMatches(r.subject, this.hostLabels(id))
    }
    if (id.isHost) return false // endpoint subjects never select the host (§2.1)
    // A namespaced policy only sees identities of its own namespace (§2.2).
    if (r.policy.namespace !== null && id.namespace !== r.policy.namespace) return false
    return selectorMatches(r.subject, id.index)
  }

  private readonly hostIndex = new Map<number, LabelIndex>()
  /**
   * Host identity labels plus the local node's labels, for nodeSelector subjects. A host whose
   * ref carries its own `node:` labels (a drawn node, another node's host) is that node: the
   * local node's labels are not added to it.
   */
  private hostLabels(id: Identity): LabelIndex {
    if (this.remoteHostIds.has(id.id) || id.labels.some((l) => l.source === 'node')) return id.index
    const extra = Object.entries(this.settings.nodeLabels ?? {})
    if (extra.length === 0) return id.index
    let idx = this.hostIndex.get(id.id)
    if (!idx) {
      idx = new LabelIndex([...id.labels, ...extra.map(([key, value]) => ({ source: 'node', key, value }))])
      this.hostIndex.set(id.id, idx)
    }
    return idx
  }

  private readonly rulesByNs = new Map<string | undefined, readonly CompiledRule[]>()
  /**
   * Rules that can select an identity of this namespace, in policy order (a namespaced policy
   * only sees its own namespace, §2.2): resolving a side then skips other namespaces' rules.
   */
  private candidateRules(ns: string | undefined): readonly CompiledRule[] {
    let list = this.rulesByNs.get(ns)
    if (!list) this.rulesByNs.set(ns, (list = this.rules.filter((r) => r.nodeSubject || r.policy.namespace === null || (ns !== undefined && r.policy.namespace === ns))))
    return list
  }

  private computeSide(id: Identity, dir: Direction): ResolvedSide {
    const selecting: CompiledRule[] = []
    const allow: CompiledElement[] = []
    const deny: CompiledElement[] = []
    let anyDefaultDeny = false
    for (const r of this.candidateRules(id.namespace)) {
      const a = r.allow[dir]
      const d = r.deny[dir]
      if (a.length === 0 && d.length === 0) continue
      if (!this.selects(r, id)) continue
      selecting.push(r)
      allow.push(...a)
      deny.push(...d)
      // Deny entries count toward enforcement and default deny like allows (§3.2).
      if (r.defaultDeny[dir]) anyDefaultDeny = true
    }
    const mode = this.settings.enforcementMode
    if (mode === 'never') return { enforced: false, defaultDeny: false, selecting, allow, deny, note: 'never' }
    if (mode === 'always') return { enforced: true, defaultDeny: true, selecting, allow, deny, note: 'always' }
    if (id.reserved.has('init')) return { enforced: true, defaultDeny: true, selecting, allow, deny, note: 'init' }
    return { enforced: selecting.length > 0, defaultDeny: anyDefaultDeny, selecting, allow, deny, note: null }
  }
}

function namedPortsKey(np: Readonly<Record<string, NamedPort>>): string {
  return Object.keys(np)
    .sort()
    .map((k) => `${k}=${np[k].port}/${np[k].protocol}`)
    .join(',')
}
