/**
 * Endpoint and port arguments of `trace` and of expectations:
 * `ns/pod`, `ns:k=v,k2=v2`, `entity:world`, `ip:1.2.3.4`, `fqdn:api.example.com`; ports `8080/TCP`,
 * `53/UDP`, `8/ICMPv4`. The syntax is read here; what a peer stands for is the domain's
 * (`domain/trace`), the same as in the Trace panel.
 */
import type { EndpointRef, FlowProtocol } from '../domain/engine/index.ts'
import { IDENTITY_ENTITIES, refFromEntity } from '../domain/engine/index.ts'
import type { FlowEndpoint } from '../domain/flows/index.ts'
import type { PeerFacts, PeerSpec } from '../domain/trace/index.ts'
import { PeerError, peerRef } from '../domain/trace/index.ts'
import { normalizeCidr } from '../domain/policy/cidr.ts'
import { CliError } from './io.ts'

/** What the CLI knows beyond the policies (`--inventory`, `--flows`, `--cluster-name`). */
export type SpecContext = PeerFacts

const SPEC_HELP = "use ns/pod, ns:key=value[,key=value], entity:<name>, ip:<address> or fqdn:<name>"

/** The peer an argument names; throws a usage error for text it cannot read. */
export function parsePeerSpec(spec: string): PeerSpec {
  if (spec.startsWith('entity:')) {
    const name = spec.slice('entity:'.length)
    if (!refFromEntity(name)) throw new CliError(`unknown entity '${name}'; known: ${IDENTITY_ENTITIES.join(', ')}`)
    return { kind: 'entity', name }
  }
  if (spec.startsWith('ip:')) {
    const ip = spec.slice(3)
    // Four decimal octets or IPv6, as Go's netip takes them: 999.1.1.1 and 10.1.1.1.1 are refused, not taken as world.
    if (ip.includes('/') || normalizeCidr(ip) === undefined) throw new CliError(`not an IP address: '${ip}' (e.g. ip:10.0.0.1 or ip:fd00::1)`)
    return { kind: 'ip', ip }
  }
  if (spec.startsWith('fqdn:')) {
    const name = spec.slice('fqdn:'.length)
    // A name, not a matchPattern: the trace resolves one name, as a pod would.
    if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.?$/.test(name)) throw new CliError(`not a DNS name: '${name}' (e.g. fqdn:api.example.com)`)
    return { kind: 'fqdn', name }
  }
  const slash = spec.indexOf('/')
  const colon = spec.indexOf(':')
  if (slash > 0 && (colon < 0 || slash < colon)) return { kind: 'named-pod', namespace: spec.slice(0, slash), name: spec.slice(slash + 1) }
  if (colon > 0) {
    const labels = Object.fromEntries(spec.slice(colon + 1).split(',').filter((p) => p !== '').map((pair) => {
      const eq = pair.indexOf('=')
      if (eq <= 0) throw new CliError(`bad label '${pair}' in '${spec}': expected key=value`)
      return [pair.slice(0, eq).replace(/^k8s:/, ''), pair.slice(eq + 1)]
    }))
    return { kind: 'pod', namespace: spec.slice(0, colon), labels }
  }
  throw new CliError(`cannot read endpoint '${spec}': ${SPEC_HELP}`)
}

/**
 * Runs `f`, which resolves peers, turning a peer nobody knows into a usage error (exit 2) with
 * the CLI's hint.
 */
export function withPeerErrors<T>(f: () => T): T {
  try {
    return f()
  } catch (e) {
    if (e instanceof PeerError) throw new CliError(`${e.message} (give --inventory, or ${SPEC_HELP})`)
    throw e
  }
}

/** The engine ref for an argument (expectations); a DNS name needs `trace`, which resolves it. */
export function parseEndpointSpec(spec: string, ctx: SpecContext): EndpointRef {
  const peer = parsePeerSpec(spec)
  if (peer.kind === 'fqdn') throw new CliError(`'${spec}': a DNS name is resolved by its source's DNS rules; use membrane trace --to ${spec}`)
  return withPeerErrors(() => peerRef(peer, ctx))
}

export interface PortSpec {
  readonly protocol: FlowProtocol
  readonly port?: number
  readonly icmpType?: number
}

export function parsePortSpec(spec: string): PortSpec {
  const m = /^(\d{1,5})(?:\/([A-Za-z0-9]+))?$/.exec(spec.trim())
  if (!m) throw new CliError(`cannot read port '${spec}': use 8080/TCP, 53/UDP, 8/ICMPv4`)
  const n = Number(m[1])
  const proto = (m[2] ?? 'TCP').toUpperCase()
  if (proto === 'ICMPV4' || proto === 'ICMP') return { protocol: 'ICMPv4', icmpType: n }
  if (proto === 'ICMPV6') return { protocol: 'ICMPv6', icmpType: n }
  if (proto !== 'TCP' && proto !== 'UDP' && proto !== 'SCTP') throw new CliError(`unknown protocol '${m[2]}' in '${spec}': TCP, UDP, SCTP, ICMPv4 or ICMPv6`)
  if (n < 1 || n > 65535) throw new CliError(`port out of range in '${spec}'`)
  return { protocol: proto, port: n }
}

/** `GET /path` (method optional: `/path` means GET). */
export function parseHttpSpec(spec: string): { method: string; path: string } {
  const parts = spec.trim().split(/\s+/)
  if (parts.length === 1 && parts[0].startsWith('/')) return { method: 'GET', path: parts[0] }
  if (parts.length === 2 && parts[1].startsWith('/')) return { method: parts[0].toUpperCase(), path: parts[1] }
  throw new CliError(`cannot read HTTP request '${spec}': use 'GET /path'`)
}

/** Observed pods from flows, `ns/pod` → endpoint, for specs without an inventory. */
export function observedPods(endpoints: Iterable<FlowEndpoint>): Map<string, FlowEndpoint> {
  const out = new Map<string, FlowEndpoint>()
  for (const e of endpoints) if (e.namespace && e.podName && e.isEndpoint) out.set(`${e.namespace}/${e.podName}`, e)
  return out
}
