/** L4 matching of `toPorts` and `icmps` (§6). */
import type { IcmpField, PortProtocol, PortRule } from '../policy/model.ts'
import type { FlowProtocol, NamedPort } from './api.ts'
import { icmpTypeNumber } from './icmp.ts'

/** A port spec ready for matching: a numeric range or a named port. */
export interface CompiledPort {
  readonly src: PortProtocol
  /** Protocols it covers; ANY is TCP+UDP+SCTP, never ICMP (§6.3). */
  readonly protocols: ReadonlySet<FlowProtocol>
  readonly lo: number
  readonly hi: number
  /** Lowercased IANA name, resolved against the destination's named ports (§6.2). */
  readonly name: string | null
  readonly invalid: boolean
}

const ANY_L4: ReadonlySet<FlowProtocol> = new Set(['TCP', 'UDP', 'SCTP'])

export function compilePort(p: PortProtocol): CompiledPort {
  const protocols: ReadonlySet<FlowProtocol> = p.protocol === 'ANY' ? ANY_L4 : new Set([p.protocol])
  const raw = p.port.trim()
  if (raw === '' ) return { src: p, protocols, lo: 0, hi: 65535, name: null, invalid: false }
  if (/^\d+$/.test(raw)) {
    const lo = Number(raw)
    if (lo > 65535) return { src: p, protocols, lo: 0, hi: -1, name: null, invalid: true }
    // "0" means every port of the protocol; endPort <= port means a single port (§6.1).
    if (lo === 0) return { src: p, protocols, lo: 0, hi: 65535, name: null, invalid: false }
    const hi = p.endPort !== undefined && p.endPort > lo ? Math.min(p.endPort, 65535) : lo
    return { src: p, protocols, lo, hi, name: null, invalid: false }
  }
  return { src: p, protocols, lo: 0, hi: -1, name: raw.toLowerCase(), invalid: false }
}

/** Whether a port spec admits (protocol, port) towards a destination with these named ports. */
export function portMatches(
  c: CompiledPort,
  protocol: FlowProtocol,
  port: number | undefined,
  namedPorts: Readonly<Record<string, NamedPort>> | undefined,
): boolean {
  if (!c.protocols.has(protocol)) return false
  if (c.name !== null) {
    // An unresolvable name, or one bound to another protocol, allows nothing (§6.2).
    const np = namedPorts && Object.hasOwn(namedPorts, c.name) ? namedPorts[c.name] : undefined
    return np !== undefined && np.protocol === protocol && np.port === port
  }
  if (c.lo === 0 && c.hi === 65535) return true
  return port !== undefined && port >= c.lo && port <= c.hi
}

export interface CompiledPortRule {
  readonly src: PortRule
  readonly ports: readonly CompiledPort[]
}

export function compilePortRule(pr: PortRule): CompiledPortRule {
  return { src: pr, ports: pr.ports.map(compilePort) }
}

/**
 * A toPorts entry with an empty `ports` list is taken as every TCP/UDP/SCTP port: the entry
 * still carries its L7 rules, and ICMP stays excluded as for ANY (§6.3).
 */
export function portRuleMatches(
  c: CompiledPortRule,
  protocol: FlowProtocol,
  port: number | undefined,
  namedPorts: Readonly<Record<string, NamedPort>> | undefined,
): boolean {
  // A toPorts entry that lists no ports contributes no port to the policy (Cilium merges one
  // filter per listed port), so it allows nothing; an element without toPorts is the L3-only case.
  if (c.ports.length === 0) return false
  for (const p of c.ports) if (portMatches(p, protocol, port, namedPorts)) return true
  return false
}

export interface CompiledIcmp {
  readonly src: IcmpField
  readonly protocol: FlowProtocol
  /** null when the name is unknown: the field never matches. */
  readonly type: number | null
}

export function compileIcmp(f: IcmpField): CompiledIcmp {
  return { src: f, protocol: f.family === 'IPv6' ? 'ICMPv6' : 'ICMPv4', type: icmpTypeNumber(f.family, f.type) }
}

/** ICMP code is not matched, only the type (§6.4). */
export function icmpMatches(c: CompiledIcmp, protocol: FlowProtocol, icmpType: number | undefined): boolean {
  return c.protocol === protocol && c.type !== null && c.type === icmpType
}
