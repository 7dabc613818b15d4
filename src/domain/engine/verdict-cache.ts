/**
 * L3/L4 verdicts per (source endpoint, destination endpoint, protocol, port, audit flags). The
 * common case packs all of it into one small integer: endpoint ids are small and dense, and the
 * few (protocol, port, audit) keys a capture uses are numbered as first seen. One Map with
 * small-integer keys keeps a cached flow at one hash lookup with no allocation (a key past V8's
 * small-integer range would be boxed and hashed as a double per flow) and one compact table,
 * which matters more than hashing once the cache outgrows the CPU caches. Keys that do not fit
 * — thousands of identities or of distinct ports — fall back to nested Maps.
 */
import type { FlowProtocol } from './api.ts'

function protoIndex(p: FlowProtocol): number {
  // A switch on constant strings compiles to pointer compares; a keyed record load is slower.
  switch (p) {
    case 'TCP': return 0
    case 'UDP': return 1
    case 'SCTP': return 2
    case 'ICMPv4': return 3
    case 'ICMPv6': return 4
    default: return 5
  }
}
/** Bound on cached verdicts; the cache is simply dropped when it fills (flows repeat, so it refills fast). */
const MAX_ENTRIES = 2_000_000

/** Packs protocol, port (or ICMP type) and two audit bits into one integer key. */
export function flowKey(protocol: FlowProtocol, port: number | undefined, audit: number): number {
  const p = port === undefined || !Number.isInteger(port) || port < 0 || port > 65535 ? 65536 : port
  return (protoIndex(protocol) * 65537 + p) * 4 + audit
}

/**
 * `flowKey(protocol, port, 0)`: the key without its audit bits, which a batch caller adds once
 * the endpoints are resolved (`flowKey(p, port, audit) === flowKeyBase(p, port) + audit`).
 */
export function flowKeyBase(protocol: FlowProtocol, port: number | undefined): number {
  return flowKey(protocol, port, 0)
}

/** Number of distinct `flowKey` values. */
const KEY_SPACE = 6 * 65537 * 4
// 12 + 12 + 7 bits: the packed key stays below 2^31, a V8 small integer on 64-bit builds.
const ID_LIMIT = 1 << 12
const SLOT_LIMIT = 1 << 7

export class VerdictCache<T = unknown> {
  /** flowKey → its number among the keys seen, for the packed key. */
  private readonly slots = new Map<number, number>()
  /**
   * flowKey → slot + 1 for packable slots, 0 otherwise: one byte load instead of a Map lookup per
   * flow. 1.5 MB, allocated on the first insert; the few keys a capture uses stay in cache.
   */
  private slotTable: Uint8Array | null = null
  private readonly packed = new Map<number, T>()
  private readonly nested = new Map<number, Map<number, Map<number, T>>>()
  /** Values by structural key (see entry-key.ts), so equal outcomes are one object. */
  private readonly byKey = new Map<string, T>()
  private readonly byIds = new Map<number, Map<number, T>>()
  private size = 0
  /** L7 results memoized on this cache's entries (see l7-memo.ts); reset with the cache. */
  l7Memoized = 0

  // Shared values (see entry-key.ts): equal outcomes are one object. Lookups and stores are
  // separate calls, so the miss path builds no closure.
  /** The value shared under two object ids (no string to build or hash). */
  sharedPair(a: number, b: number): T | undefined {
    return this.byIds.get(a)?.get(b)
  }

  sharePair(a: number, b: number, v: T): void {
    let byB = this.byIds.get(a)
    if (!byB) this.byIds.set(a, (byB = new Map()))
    byB.set(b, v)
  }

  /** The value shared under a structural key. */
  shared(key: string): T | undefined {
    return this.byKey.get(key)
  }

  share(key: string, v: T): void {
    this.byKey.set(key, v)
  }

  get(src: number, dst: number, key: number): T | undefined {
    const slot = this.slotTable === null ? 0 : this.slotTable[key]
    if (slot !== 0 && src < ID_LIMIT && dst < ID_LIMIT) return this.packed.get((src * ID_LIMIT + dst) * SLOT_LIMIT + slot - 1)
    return this.nested.get(src)?.get(dst)?.get(key)
  }

  set(src: number, dst: number, key: number, value: T): void {
    if (this.size >= MAX_ENTRIES) this.clear()
    this.size++
    let slot = this.slots.get(key)
    if (slot === undefined) {
      this.slots.set(key, (slot = this.slots.size))
      if (slot < SLOT_LIMIT) (this.slotTable ??= new Uint8Array(KEY_SPACE))[key] = slot + 1
    }
    if (src < ID_LIMIT && dst < ID_LIMIT && slot < SLOT_LIMIT) {
      this.packed.set((src * ID_LIMIT + dst) * SLOT_LIMIT + slot, value)
      return
    }
    let byDst = this.nested.get(src)
    if (!byDst) this.nested.set(src, (byDst = new Map()))
    let byKey = byDst.get(dst)
    if (!byKey) byDst.set(dst, (byKey = new Map()))
    byKey.set(key, value)
  }

  clear(): void {
    this.slots.clear()
    this.slotTable = null
    this.packed.clear()
    this.nested.clear()
    this.byKey.clear()
    this.byIds.clear()
    this.size = 0
    this.l7Memoized = 0
  }
}
