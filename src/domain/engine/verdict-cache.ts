/**
 * L3/L4 verdicts per (source endpoint, destination endpoint, protocol, port, audit flags), as
 * nested number-keyed Maps: one lookup chain per flow, no string building on the hot path.
 */
import type { FlowProtocol } from './api.ts'

const PROTO_INDEX: Readonly<Record<FlowProtocol, number>> = { TCP: 0, UDP: 1, SCTP: 2, ICMPv4: 3, ICMPv6: 4 }
/** Bound on cached verdicts; the cache is simply dropped when it fills (flows repeat, so it refills fast). */
const MAX_ENTRIES = 2_000_000

/** Packs protocol, port (or ICMP type) and two audit bits into one integer key. */
export function flowKey(protocol: FlowProtocol, port: number | undefined, audit: number): number {
  const p = port === undefined || !Number.isInteger(port) || port < 0 || port > 65535 ? 65536 : port
  return ((PROTO_INDEX[protocol] ?? 5) * 65537 + p) * 4 + audit
}

export class VerdictCache<T = unknown> {
  private readonly bySrc = new Map<number, Map<number, Map<number, T>>>()
  private size = 0

  get(src: number, dst: number, key: number): T | undefined {
    return this.bySrc.get(src)?.get(dst)?.get(key)
  }

  set(src: number, dst: number, key: number, value: T): void {
    if (this.size >= MAX_ENTRIES) this.clear()
    let byDst = this.bySrc.get(src)
    if (!byDst) this.bySrc.set(src, (byDst = new Map()))
    let byKey = byDst.get(dst)
    if (!byKey) byDst.set(dst, (byKey = new Map()))
    byKey.set(key, value)
    this.size++
  }

  clear(): void {
    this.bySrc.clear()
    this.size = 0
  }
}
