/**
 * IP prefixes for CIDR peers (§5.3). Parsing goes through ipaddr.js; containment is a plain
 * byte comparison so that a compiled peer costs no allocation per check.
 */
import ipaddr from 'ipaddr.js'

export interface Prefix {
  readonly family: 4 | 6
  readonly bytes: readonly number[]
  readonly len: number
}

/** Parses an address or `addr/len`; IPv4-mapped IPv6 becomes IPv4. Returns null when invalid. */
export function parsePrefix(text: string): Prefix | null {
  const raw = text.trim()
  try {
    const slash = raw.indexOf('/')
    if (slash < 0) {
      if (!ipaddr.isValid(raw)) return null
      const addr = ipaddr.process(raw)
      const bytes = addr.toByteArray()
      return { family: addr.kind() === 'ipv4' ? 4 : 6, bytes, len: bytes.length * 8 }
    }
    if (!ipaddr.isValidCIDR(raw)) return null
    const [addr, len] = ipaddr.parseCIDR(raw)
    const bytes = addr.toByteArray()
    return { family: addr.kind() === 'ipv4' ? 4 : 6, bytes, len }
  } catch {
    return null
  }
}

/**
 * Parses the key of a `cidr:` identity label. IPv6 label keys use `-` instead of `:` (§1.2).
 */
export function parseCidrLabelKey(key: string): Prefix | null {
  const direct = parsePrefix(key)
  if (direct) return direct
  return key.includes('-') ? parsePrefix(key.replaceAll('-', ':')) : null
}

/** Whether prefix `inner` lies entirely inside `outer` (same family, longer-or-equal, same bits). */
export function prefixContains(outer: Prefix, inner: Prefix): boolean {
  if (outer.family !== inner.family || inner.len < outer.len) return false
  const full = outer.len >> 3
  for (let i = 0; i < full; i++) if (outer.bytes[i] !== inner.bytes[i]) return false
  const rest = outer.len & 7
  if (rest === 0) return true
  const mask = (0xff << (8 - rest)) & 0xff
  return (outer.bytes[full] & mask) === (inner.bytes[full] & mask)
}

export function formatPrefix(p: Prefix): string {
  const addr = ipaddr.fromByteArray([...p.bytes])
  const text = p.family === 6 ? (addr as ipaddr.IPv6).toRFC5952String() : addr.toString()
  return `${text}/${p.len}`
}

/** True for `0.0.0.0/0` and `::/0`: Cilium turns these into the family's world label (§5.3). */
export function isAllOfFamily(p: Prefix): boolean {
  return p.len === 0
}
