/**
 * The text of an expectation's ends and port, as `membrane trace` and expectations write them:
 * `ns/pod`, `ns:k=v,k2=v2`, `entity:world`, `ip:1.2.3.4`, `fqdn:api.example.com`; ports
 * `8080/TCP`, `53/UDP`, `8/ICMPv4`; HTTP `GET /path`. What a peer stands for is `domain/trace`'s.
 */
import type { FlowProtocol } from '../engine/index.ts'
import { IDENTITY_ENTITIES, refFromEntity } from '../engine/index.ts'
import { normalizeCidr } from '../policy/cidr.ts'
import type { PeerSpec } from '../trace/index.ts'

/** Text that is not an endpoint, port or request (a usage error in the CLI, a marker in the page). */
export class SpecError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SpecError'
  }
}

export const SPEC_HELP = 'use ns/pod, ns:key=value[,key=value], entity:<name>, ip:<address> or fqdn:<name>'

/** The peer an endpoint text names; throws `SpecError` for text it cannot read. */
export function parsePeerSpec(spec: string): PeerSpec {
  if (spec.startsWith('entity:')) {
    const name = spec.slice('entity:'.length)
    if (!refFromEntity(name)) throw new SpecError(`unknown entity '${name}'; known: ${IDENTITY_ENTITIES.join(', ')}`)
    return { kind: 'entity', name }
  }
  if (spec.startsWith('ip:')) {
    const ip = spec.slice(3)
    // Four decimal octets or IPv6, as Go's netip takes them: 999.1.1.1 and 10.1.1.1.1 are refused, not taken as world.
    if (ip.includes('/') || normalizeCidr(ip) === undefined) throw new SpecError(`not an IP address: '${ip}' (e.g. ip:10.0.0.1 or ip:fd00::1)`)
    return { kind: 'ip', ip }
  }
  if (spec.startsWith('fqdn:')) {
    const name = spec.slice('fqdn:'.length)
    // A name, not a matchPattern: the trace resolves one name, as a pod would.
    if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.?$/.test(name)) throw new SpecError(`not a DNS name: '${name}' (e.g. fqdn:api.example.com)`)
    return { kind: 'fqdn', name }
  }
  const slash = spec.indexOf('/')
  const colon = spec.indexOf(':')
  if (slash > 0 && (colon < 0 || slash < colon)) return { kind: 'named-pod', namespace: spec.slice(0, slash), name: spec.slice(slash + 1) }
  if (colon > 0) {
    const labels = Object.fromEntries(spec.slice(colon + 1).split(',').filter((p) => p !== '').map((pair) => {
      const eq = pair.indexOf('=')
      if (eq <= 0) throw new SpecError(`bad label '${pair}' in '${spec}': expected key=value`)
      return [pair.slice(0, eq).replace(/^k8s:/, ''), pair.slice(eq + 1)]
    }))
    return { kind: 'pod', namespace: spec.slice(0, colon), labels }
  }
  throw new SpecError(`cannot read endpoint '${spec}': ${SPEC_HELP}`)
}

export interface PortSpec {
  readonly protocol: FlowProtocol
  readonly port?: number
  readonly icmpType?: number
}

export function parsePortSpec(spec: string): PortSpec {
  const m = /^(\d{1,5})(?:\/([A-Za-z0-9]+))?$/.exec(spec.trim())
  if (!m) throw new SpecError(`cannot read port '${spec}': use 8080/TCP, 53/UDP, 8/ICMPv4`)
  const n = Number(m[1])
  const proto = (m[2] ?? 'TCP').toUpperCase()
  if (proto === 'ICMPV4' || proto === 'ICMP') return { protocol: 'ICMPv4', icmpType: n }
  if (proto === 'ICMPV6') return { protocol: 'ICMPv6', icmpType: n }
  if (proto !== 'TCP' && proto !== 'UDP' && proto !== 'SCTP') throw new SpecError(`unknown protocol '${m[2]}' in '${spec}': TCP, UDP, SCTP, ICMPv4 or ICMPv6`)
  if (n < 1 || n > 65535) throw new SpecError(`port out of range in '${spec}'`)
  return { protocol: proto, port: n }
}

/** `GET /path` (method optional: `/path` means GET). */
export function parseHttpSpec(spec: string): { method: string; path: string } {
  const parts = spec.trim().split(/\s+/)
  if (parts.length === 1 && parts[0].startsWith('/')) return { method: 'GET', path: parts[0] }
  if (parts.length === 2 && parts[1].startsWith('/')) return { method: parts[0].toUpperCase(), path: parts[1] }
  throw new SpecError(`cannot read HTTP request '${spec}': use 'GET /path'`)
}
