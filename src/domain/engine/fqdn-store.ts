/** The node-wide FQDN cache: names learned from proxied DNS answers → addresses (§5.6). */
import type { FqdnCache } from './api.ts'
import { formatPrefix, parsePrefix } from './cidr.ts'
import { normalizeDnsName } from './dns-pattern.ts'

export class FqdnStore implements FqdnCache {
  private readonly byName = new Map<string, Set<string>>()
  private readonly byAddr = new Map<string, Set<string>>()
  private v = 0

  get names(): ReadonlyMap<string, ReadonlySet<string>> {
    return this.byName
  }

  get version(): number {
    return this.v
  }

  /** Records an answer; returns true when it taught anything new. TTLs are not modelled. */
  learn(query: string, ips: readonly string[]): boolean {
    const name = normalizeDnsName(query)
    let changed = false
    for (const ip of ips) {
      const p = parsePrefix(ip)
      if (!p || p.len !== p.bytes.length * 8) continue
      const key = formatPrefix(p)
      let addrs = this.byName.get(name)
      if (!addrs) this.byName.set(name, (addrs = new Set()))
      if (addrs.has(key)) continue
      addrs.add(key)
      let names = this.byAddr.get(key)
      if (!names) this.byAddr.set(key, (names = new Set()))
      names.add(name)
      changed = true
    }
    if (changed) this.v++
    return changed
  }

  /** Names resolving to an address key (`formatPrefix` of a full-length prefix). */
  namesFor(addrKey: string): ReadonlySet<string> | undefined {
    return this.byAddr.get(addrKey)
  }
}
