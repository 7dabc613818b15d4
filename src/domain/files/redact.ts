/**
 * Redaction for exports and share links: every IP address and every known pod name is replaced by
 * a stand-in, the same one each time it appears (so the export still reads: "pod-3 talks to
 * 192.0.2.7"), while labels and namespaces stay, because they carry the policy's meaning. IPv4
 * stand-ins come from the documentation ranges (RFC 5737), IPv6 ones from 2001:db8::/32 (RFC
 * 3849), so a redacted address can never be mistaken for a real one. A CIDR keeps its prefix length.
 */
import ipaddr from 'ipaddr.js'

export interface Redactor {
  ip(address: string): string
  pod(name: string): string
  /** Replaces every IP address, and every known pod name standing as a whole word, in free text. */
  text(value: string): string
}

const V4 = /(?<![\w.])(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?![\w]|\.\d)/g
// Candidates only: at least two colons and one hex digit; ipaddr.js decides what is an address.
const V6 = /(?<![\w:.])(?=[0-9A-Fa-f:.]*[0-9A-Fa-f])[0-9A-Fa-f]*:[0-9A-Fa-f]*:[0-9A-Fa-f:.]*(?![\w:])/g
const V4_RANGES = ['192.0.2.', '198.51.100.', '203.0.113.']

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export interface RedactorOptions {
  /** Pod names to replace in free text (from the loaded flows); each replaced as a whole word. */
  readonly podNames?: Iterable<string>
  /** Words never replaced even when a pod has that name: the namespaces and label values in use. */
  readonly keep?: Iterable<string>
}

export function createRedactor(options: RedactorOptions = {}): Redactor {
  const ips = new Map<string, string>()
  const pods = new Map<string, string>()
  let v4Count = 0
  let v6Count = 0
  const keep = new Set(options.keep ?? [])
  const known = [...new Set(options.podNames ?? [])].filter((p) => p !== '' && !keep.has(p)).sort((a, b) => b.length - a.length)
  const podPattern = known.length === 0 ? null : new RegExp(`(?<![\\w.-])(?:${known.map(escapeRegex).join('|')})(?![\\w-]|\\.\\w)`, 'g')

  const ip = (address: string): string => {
    let canonical = address
    try {
      canonical = ipaddr.parse(address).toString()
    } catch {
      // Not an address after all: a redactor only ever narrows what it shows.
    }
    const seen = ips.get(canonical)
    if (seen) return seen
    const v6 = canonical.includes(':')
    const n = v6 ? v6Count++ : v4Count++
    const stand = v6
      ? `2001:db8::${(n + 1).toString(16)}`
      : n < 254 * V4_RANGES.length
        ? `${V4_RANGES[Math.floor(n / 254)]}${(n % 254) + 1}`
        : `198.18.${Math.floor((n - 762) / 254) % 256}.${((n - 762) % 254) + 1}`
    ips.set(canonical, stand)
    return stand
  }
  const pod = (name: string): string => {
    if (keep.has(name)) return name
    const seen = pods.get(name)
    if (seen) return seen
    const stand = `pod-${pods.size + 1}`
    pods.set(name, stand)
    return stand
  }
  const text = (value: string): string => {
    let out = value.replace(V6, (m) => (ipaddr.IPv6.isValid(m) && /[0-9a-f]/i.test(m) ? ip(m) : m))
    out = out.replace(V4, (m) => ip(m))
    if (podPattern) out = out.replace(podPattern, (m) => pod(m))
    return out
  }
  return { ip, pod, text }
}

/** The identity transform, for exports without redaction (one code path either way). */
export const NO_REDACTION: Redactor = { ip: (s) => s, pod: (s) => s, text: (s) => s }
