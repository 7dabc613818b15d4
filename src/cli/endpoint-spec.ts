/**
 * Endpoint and port arguments of `trace` and of expectations:
 * `ns/pod`, `ns:k=v,k2=v2`, `entity:world`, `ip:1.2.3.4`; ports `8080/TCP`, `53/UDP`, `8/ICMPv4`.
 */
import type { EndpointRef, FlowProtocol } from '../domain/engine/index.ts'
import { IDENTITY_ENTITIES, refFromEntity, refFromIp } from '../domain/engine/index.ts'
import type { FlowEndpoint } from '../domain/flows/index.ts'
import type { InventoryIndex, InventoryPod } from '../domain/inventory/index.ts'
import { podIdentityLabels } from '../domain/inventory/index.ts'
import { CliError } from './io.ts'

export interface SpecContext {
  readonly inventory?: InventoryIndex
  readonly pods?: readonly InventoryPod[]
  /** Pods seen in flows, `ns/pod` → endpoint, when flows were loaded. */
  readonly observed?: ReadonlyMap<string, FlowEndpoint>
  readonly clusterName?: string
  readonly hostFirewall?: boolean
  /** Turns an observed flow endpoint into an engine ref (the flow adapter). */
  readonly fromFlowEndpoint?: (e: FlowEndpoint) => EndpointRef
}

const SPEC_HELP = "use ns/pod, ns:key=value[,key=value], entity:<name> or ip:<address>"

export function parseEndpointSpec(spec: string, ctx: SpecContext): EndpointRef {
  if (spec.startsWith('entity:')) {
    const name = spec.slice('entity:'.length)
    const ref = refFromEntity(name, name === 'host' ? { isEndpoint: ctx.hostFirewall === true } : {})
    if (!ref) throw new CliError(`unknown entity '${name}'; known: ${IDENTITY_ENTITIES.join(', ')}`)
    return ref
  }
  if (spec.startsWith('ip:')) {
    const ip = spec.slice(3)
    const pod = ctx.inventory?.podByIp.get(ip)
    if (pod) return podToRef(pod, ctx)
    if (!/^[0-9a-fA-F:.]+$/.test(ip)) throw new CliError(`not an IP address: '${ip}'`)
    return refFromIp(ip)
  }
  const slash = spec.indexOf('/')
  const colon = spec.indexOf(':')
  if (slash > 0 && (colon < 0 || slash < colon)) {
    const key = spec
    const pod = ctx.inventory?.podByName.get(key)
    if (pod) return podToRef(pod, ctx)
    const seen = ctx.observed?.get(key)
    if (seen && ctx.fromFlowEndpoint) return ctx.fromFlowEndpoint(seen)
    throw new CliError(`unknown pod '${spec}': not in the inventory${ctx.observed ? ' nor in the flows' : ''} (give --inventory, or ${SPEC_HELP})`)
  }
  if (colon > 0) {
    const namespace = spec.slice(0, colon)
    const labels = Object.fromEntries(spec.slice(colon + 1).split(',').filter((p) => p !== '').map((pair) => {
      const eq = pair.indexOf('=')
      if (eq <= 0) throw new CliError(`bad label '${pair}' in '${spec}': expected key=value`)
      return [pair.slice(0, eq).replace(/^k8s:/, ''), pair.slice(eq + 1)]
    }))
    const nsLabels = ctx.inventory?.namespaceLabels.get(namespace)
    const match = ctx.pods?.find((p) => p.namespace === namespace && Object.entries(labels).every(([k, v]) => p.labels[k] === v))
    return {
      labels: podIdentityLabels({ namespace, labels, namespaceLabels: nsLabels, clusterName: ctx.clusterName,
        ...(match?.serviceAccount !== undefined && { serviceAccount: match.serviceAccount }) }),
      isEndpoint: true,
      name: spec,
      ...(match && match.ips[0] !== undefined && { ip: match.ips[0] }),
      ...(match && Object.keys(match.namedPorts).length > 0 && { namedPorts: match.namedPorts }),
    }
  }
  throw new CliError(`cannot read endpoint '${spec}': ${SPEC_HELP}`)
}

function podToRef(pod: InventoryPod, ctx: SpecContext): EndpointRef {
  return {
    labels: pod.identityLabels,
    isEndpoint: pod.hostNetwork ? ctx.hostFirewall === true : true,
    name: `${pod.namespace}/${pod.name}`,
    ...(pod.ips[0] !== undefined && { ip: pod.ips[0] }),
    ...(Object.keys(pod.namedPorts).length > 0 && { namedPorts: pod.namedPorts }),
  }
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
