/** CIDR validation/normalization (§5.3): bare IPs widen to /32 or /128, host bits are masked. */
import ipaddr from 'ipaddr.js'

/** Canonical `network/bits`, or undefined when `raw` is not an IP or CIDR Go's netip would accept. */
export function normalizeCidr(raw: string): string | undefined {
  if (raw.includes('%')) return undefined // zones never appear in policy CIDRs
  const slash = raw.indexOf('/')
  try {
    if (slash < 0) {
      if (ipaddr.IPv4.isValidFourPartDecimal(raw)) return `${ipaddr.IPv4.parse(raw).toString()}/32`
      if (!raw.includes(':') || !ipaddr.IPv6.isValid(raw)) return undefined
      return `${ipaddr.IPv6.parse(raw).toString()}/128`
    }
    const bitsText = raw.slice(slash + 1)
    if (!/^\d{1,3}$/.test(bitsText)) return undefined
    const bits = Number(bitsText)
    const addr = raw.slice(0, slash)
    if (ipaddr.IPv4.isValidFourPartDecimal(addr)) {
      if (bits > 32) return undefined
      return `${ipaddr.IPv4.networkAddressFromCIDR(raw).toString()}/${bits}`
    }
    if (addr.includes(':') && ipaddr.IPv6.isValid(addr)) {
      if (bits > 128) return undefined
      return `${ipaddr.IPv6.networkAddressFromCIDR(raw).toString()}/${bits}`
    }
  } catch {
    // ipaddr throws on inputs its validators let through; treat as invalid.
  }
  return undefined
}
