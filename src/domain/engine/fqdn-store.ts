/**
 * The node-wide FQDN cache: names learned from proxied DNS answers → addresses (§5.6), with the
 * agent's expiry rules. Each endpoint keeps its own DNS cache (per-endpoint limits apply there);
 * toFQDNs selectors see the union over the node's endpoints, so an address stays usable while
 * any endpoint still holds it.
 *
 * Expiry follows the agent (`pkg/fqdn/dnscache/dnscache.go`): an answer lives for its TTL, raised
 * to `tofqdns-min-ttl`; a name keeps at most `tofqdns-endpoint-max-ip-per-hostname` addresses per
 * endpoint, and the ones expiring soonest fall out (cleanupOverLimitEntries sorts by expiration).
 * After expiry an address whose connection from that endpoint was active stays alive for
 * `tofqdns-idle-connection-grace-period` after the last activity (the conntrack GC marks it alive
 * with that offset). Times are epoch milliseconds; without times nothing ever expires.
 */
import type { FqdnCache } from './api.ts'
import { formatPrefix, parsePrefix } from './cidr.ts'
import { normalizeDnsName } from './dns-pattern.ts'

export interface FqdnTiming {
  /** `tofqdns-min-ttl`, seconds. */
  readonly minTtl: number
  /** `tofqdns-idle-connection-grace-period`, seconds. */
  readonly grace: number
  /** `tofqdns-endpoint-max-ip-per-hostname`; 0: no cap. */
  readonly maxIps: number
}

/** Why a (name, address) pair stopped feeding toFQDNs. */
export interface ExpiredAnswer {
  /** Normalized name (trailing dot). */
  readonly name: string
  /** When it expired or fell out (ms). */
  readonly at: number
  /** The TTL in force, seconds (after `tofqdns-min-ttl`). */
  readonly ttl: number
  readonly cause: 'ttl' | 'cap'
  /** With a grace period: when the idle grace after the last connection ran out (ms). */
  readonly graceEnd?: number
  /** The cap in force, for `cause: 'cap'`. */
  readonly cap?: number
}

const clock = (ms: number): string => new Date(ms).toISOString().slice(11, 19)
const shown = (name: string): string => (name.endsWith('.') ? name.slice(0, -1) : name)

/** "DNS answer for api.example.com expired at 10:41:07 (TTL 30 s)" and its grace/cap variants (UTC). */
export function expiryText(e: ExpiredAnswer): string {
  if (e.cause === 'cap')
    return `DNS answer for ${shown(e.name)} fell out${Number.isFinite(e.at) ? ` at ${clock(e.at)}` : ''}: more than ${e.cap} addresses for that name (tofqdns-endpoint-max-ip-per-hostname), the soonest-expiring go first`
  const grace = e.graceEnd !== undefined ? `; the idle-connection grace period ended at ${clock(e.graceEnd)}` : ''
  return `DNS answer for ${shown(e.name)} expired at ${clock(e.at)} (TTL ${e.ttl} s)${grace}`
}

interface Entry {
  readonly client: string
  readonly name: string
  readonly addr: string
  expiresAt: number
  ttl: number
  /** Last connection activity from the client to the address (ms); -Infinity when none. */
  lastUsed: number
  /** Learning order, to break expiry ties (the older falls out first). */
  seq: number
}

/** A binary min-heap of (time, entry) with lazy deletion: stale items are skipped when popped. */
class DeadlineHeap {
  private readonly items: { t: number; e: Entry }[] = []
  get top(): number {
    return this.items.length === 0 ? Infinity : this.items[0].t
  }
  push(t: number, e: Entry): void {
    const a = this.items
    a.push({ t, e })
    let i = a.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (a[p].t <= a[i].t) break
      ;[a[p], a[i]] = [a[i], a[p]]
      i = p
    }
  }
  pop(): { t: number; e: Entry } | undefined {
    const a = this.items
    if (a.length === 0) return undefined
    const top = a[0]
    const last = a.pop()!
    if (a.length > 0) {
      a[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < a.length && a[l].t < a[m].t) m = l
        if (r < a.length && a[r].t < a[m].t) m = r
        if (m === i) break
        ;[a[m], a[i]] = [a[i], a[m]]
        i = m
      }
    }
    return top
  }
}

export class FqdnStore implements FqdnCache {
  /** client → name → address key → entry. */
  private readonly clients = new Map<string, Map<string, Map<string, Entry>>>()
  /** `name\0addr` → how many clients hold the pair. */
  private readonly holders = new Map<string, number>()
  private readonly byName = new Map<string, Set<string>>()
  private readonly byAddr = new Map<string, Set<string>>()
  private readonly expired = new Map<string, Map<string, ExpiredAnswer>>()
  private readonly heap = new DeadlineHeap()
  private v = 0
  private seq = 0

  constructor(readonly timing: FqdnTiming = { minTtl: 0, grace: 0, maxIps: 0 }) {}

  get names(): ReadonlyMap<string, ReadonlySet<string>> {
    return this.byName
  }

  /** Bumped whenever the (name, address) pairs toFQDNs can see change. */
  get version(): number {
    return this.v
  }

  /** The earliest time (ms) an entry may stop being usable; Infinity when none can. */
  get deadline(): number {
    return this.heap.top
  }

  /**
   * Records an answer for `client` (an endpoint key; one shared cache when absent) at `time` with
   * `ttl` seconds; returns true when it taught anything new.
   */
  learn(query: string, ips: readonly string[], opts: { client?: string; time?: number; ttl?: number } = {}): boolean {
    const name = normalizeDnsName(query)
    const client = opts.client ?? ''
    const ttl = opts.ttl !== undefined && Number.isFinite(opts.ttl) ? Math.max(opts.ttl, this.timing.minTtl) : undefined
    const time = opts.time !== undefined && Number.isFinite(opts.time) ? opts.time : undefined
    const expiresAt = ttl !== undefined && time !== undefined ? time + ttl * 1000 : Infinity
    let names = this.clients.get(client)
    if (!names) this.clients.set(client, (names = new Map()))
    let addrs = names.get(name)
    if (!addrs) names.set(name, (addrs = new Map()))
    let changed = false
    for (const ip of ips) {
      const p = parsePrefix(ip)
      if (!p || p.len !== p.bytes.length * 8) continue
      const addr = formatPrefix(p)
      const old = addrs.get(addr)
      if (old) {
        // A newer answer extends the entry; an older expiry never shortens it (DNSCache.Update).
        if (expiresAt > old.expiresAt) {
          old.expiresAt = expiresAt
          old.ttl = ttl ?? old.ttl
          if (expiresAt !== Infinity) this.heap.push(this.deathTime(old), old)
        }
        continue
      }
      const e: Entry = { client, name, addr, expiresAt, ttl: ttl ?? 0, lastUsed: -Infinity, seq: this.seq++ }
      addrs.set(addr, e)
      if (expiresAt !== Infinity) this.heap.push(expiresAt, e)
      if (this.hold(name, addr)) changed = true
    }
    if (this.timing.maxIps > 0 && addrs.size > this.timing.maxIps) {
      const over = [...addrs.values()].sort((a, b) => a.expiresAt - b.expiresAt || a.seq - b.seq)
      for (const e of over.slice(0, addrs.size - this.timing.maxIps)) {
        addrs.delete(e.addr)
        if (this.release(e, { name, at: time ?? e.expiresAt, ttl: e.ttl, cause: 'cap', cap: this.timing.maxIps })) changed = true
      }
    }
    if (changed) this.v++
    return changed
  }

  /** Connection activity from `client` to an address at `time` keeps expired answers alive for the grace period. */
  touch(client: string, addrKey: string, time: number): void {
    const names = this.clients.get(client)
    if (!names) return
    for (const addrs of names.values()) {
      const e = addrs.get(addrKey)
      if (e && time > e.lastUsed) e.lastUsed = time
    }
  }

  /** Drops every entry no longer usable at `time`. */
  advance(time: number): void {
    let changed = false
    while (this.heap.top <= time) {
      const { e } = this.heap.pop()!
      const addrs = this.clients.get(e.client)?.get(e.name)
      if (addrs?.get(e.addr) !== e) continue // already gone
      const death = this.deathTime(e)
      if (death > time) {
        this.heap.push(death, e) // re-learned or used since it was queued
        continue
      }
      addrs.delete(e.addr)
      const graceEnd = this.timing.grace > 0 && e.lastUsed + this.timing.grace * 1000 > e.expiresAt ? e.lastUsed + this.timing.grace * 1000 : undefined
      if (this.release(e, { name: e.name, at: e.expiresAt, ttl: e.ttl, cause: 'ttl', ...(graceEnd !== undefined && { graceEnd }) })) changed = true
    }
    if (changed) this.v++
  }

  /** Names resolving to an address key (`formatPrefix` of a full-length prefix). */
  namesFor(addrKey: string): ReadonlySet<string> | undefined {
    return this.byAddr.get(addrKey)
  }

  /** Names whose answers for this address expired or fell out, and how; absent when none. */
  expiredFor(addrKey: string): ReadonlyMap<string, ExpiredAnswer> | undefined {
    return this.expired.get(addrKey)
  }

  /** The first time the entry is no longer usable: after expiry and the idle grace after its last use. */
  private deathTime(e: Entry): number {
    const graceEnd = e.lastUsed + this.timing.grace * 1000
    // Alive while t < expiresAt, or t <= graceEnd after a connection (hence the +1 ms).
    return Math.max(e.expiresAt, e.lastUsed === -Infinity ? -Infinity : graceEnd + 1)
  }

  /** Counts a client holding (name, addr); true when the pair became visible. */
  private hold(name: string, addr: string): boolean {
    const k = `${name}\u0000${addr}`
    const n = this.holders.get(k) ?? 0
    this.holders.set(k, n + 1)
    this.expired.get(addr)?.delete(name)
    if (n > 0) return false
    let a = this.byName.get(name)
    if (!a) this.byName.set(name, (a = new Set()))
    a.add(addr)
    let ns = this.byAddr.get(addr)
    if (!ns) this.byAddr.set(addr, (ns = new Set()))
    ns.add(name)
    return true
  }

  /** A client let go of (name, addr); true when no client holds it any more (then `why` is kept). */
  private release(e: Entry, why: ExpiredAnswer): boolean {
    const k = `${e.name}\u0000${e.addr}`
    const n = (this.holders.get(k) ?? 1) - 1
    if (n > 0) {
      this.holders.set(k, n)
      return false
    }
    this.holders.delete(k)
    this.byName.get(e.name)?.delete(e.addr)
    if (this.byName.get(e.name)?.size === 0) this.byName.delete(e.name)
    this.byAddr.get(e.addr)?.delete(e.name)
    if (this.byAddr.get(e.addr)?.size === 0) this.byAddr.delete(e.addr)
    let x = this.expired.get(e.addr)
    if (!x) this.expired.set(e.addr, (x = new Map()))
    x.set(e.name, why)
    return true
  }
}
