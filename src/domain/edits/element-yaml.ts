/** The YAML a careful engineer writes for one rule element (CNP/CCNP §5, KNP §8). */
import type { Direction, PolicyKind } from '../policy/model.ts'
import type { L7Spec, PortSpec } from './gestures.ts'
import type { NodeRef } from './nodes.ts'
import { displayName } from './nodes.ts'
import type { YValue } from './render.ts'

type Obj = { [key: string]: YValue }
export type Built = { readonly value: Obj } | { readonly error: string }

export interface PolicyCtx {
  readonly kind: PolicyKind
  readonly namespace: string | null
}

const NS_LABEL = 'k8s:io.kubernetes.pod.namespace'

/** Drops keys whose value is undefined, keeping key order. */
function compact(o: Record<string, YValue | undefined>): Obj {
  const out: Obj = {}
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v
  return out
}

/** Peer field + list for a Cilium element (§5.1: exactly one peer kind per element). */
function ciliumPeer(ctx: PolicyCtx, peer: NodeRef, direction: Direction, deny: boolean): Built {
  const pre = direction === 'ingress' ? 'from' : 'to'
  // §2.4: in a CNP a peer selector is pinned to the policy's namespace unless it names one; in a
  // CCNP it means any namespace. So the namespace key is written only when it is needed.
  const needsNs = (ns: string): boolean => ctx.kind !== 'CiliumNetworkPolicy' || ns !== ctx.namespace
  switch (peer.kind) {
    case 'workload': {
      const labels: Obj = needsNs(peer.namespace) ? { [NS_LABEL]: peer.namespace } : {}
      Object.assign(labels, peer.labels)
      return { value: { [`${pre}Endpoints`]: [{ matchLabels: labels }] } }
    }
    case 'namespace':
      return { value: { [`${pre}Endpoints`]: [needsNs(peer.namespace) ? { matchLabels: { [NS_LABEL]: peer.namespace } } : {}] } }
    case 'entity':
      return { value: { [`${pre}Entities`]: [peer.name] } }
    case 'cidr':
      return { value: { [`${pre}CIDR`]: [peer.cidr] } }
    case 'cidrGroup':
      return { value: { [`${pre}CIDRSet`]: [{ cidrGroupRef: peer.name }] } }
    case 'nodes':
      return { value: { [`${pre}Nodes`]: [{ matchLabels: { ...peer.labels } }] } }
    case 'fqdn':
      if (direction === 'ingress') {
        return { error: `${peer.name} cannot be a source: Cilium has no ingress FQDN rule (toFQDNs only exists on egress, §5.6). Allow its CIDR with fromCIDR instead.` }
      }
      if (deny) {
        return { error: `${peer.name} cannot be denied by name: egressDeny has no toFQDNs (§4.1). Deny its CIDR, or allow only the names you want.` }
      }
      return { value: { toFQDNs: [peer.name.includes('*') ? { matchPattern: peer.name } : { matchName: peer.name }] } }
  }
}

function portValue(p: PortSpec): Obj {
  return compact({ port: p.port, endPort: p.endPort, protocol: p.protocol ?? 'TCP' })
}

/** `toPorts` for ports + L7 (§6, §7.1); undefined when there are no ports (an L3-only rule). */
function toPorts(ports: readonly PortSpec[], l7: L7Spec | undefined, direction: Direction): { value?: YValue } | { error: string } {
  const kinds = l7 ? (['http', 'kafka', 'dns'] as const).filter((k) => (l7[k]?.length ?? 0) > 0) : []
  if (kinds.length > 1) return { error: 'one toPorts entry takes one kind of L7 rule (§7.1); connect twice for different ports' }
  if (ports.length === 0) {
    return kinds.length > 0 ? { error: 'L7 rules need a port (§7.1): add the port they apply to' } : {}
  }
  const kind = kinds[0]
  if (kind !== undefined) {
    if (kind === 'dns' && direction === 'ingress') return { error: 'DNS rules only exist on egress (§7.1)' }
    for (const p of ports) {
      const proto = p.protocol ?? 'TCP'
      if (p.port === '0') return { error: 'L7 rules cannot apply to port 0 (all ports, §7.1)' }
      if (kind !== 'dns' && proto !== 'TCP') return { error: `${kind} rules only apply to TCP ports (§7.1), not ${proto}` }
      if (kind === 'dns' && p.endPort !== undefined) return { error: 'DNS rules cannot use a port range (§6.1)' }
    }
  }
  const entry: Obj = { ports: ports.map(portValue) }
  if (kind !== undefined && l7) entry.rules = { [kind]: (l7[kind] ?? []).map((r) => compact({ ...r }) as YValue) }
  return { value: [entry] }
}

/** One ingress/egress (deny) element of a CNP or CCNP. */
export function ciliumElement(ctx: PolicyCtx, peer: NodeRef, direction: Direction, deny: boolean, ports: readonly PortSpec[], l7?: L7Spec): Built {
  const p = ciliumPeer(ctx, peer, direction, deny)
  if ('error' in p) return p
  const tp = toPorts(ports, deny ? undefined : l7, direction)
  if ('error' in tp) return tp
  return { value: compact({ ...p.value, toPorts: tp.value }) }
}

/** One KNP rule (§8): podSelector / namespaceSelector / ipBlock peers, numeric ports as numbers. */
export function knpElement(ctx: PolicyCtx, peer: NodeRef, direction: Direction, ports: readonly PortSpec[]): Built {
  let p: Obj
  switch (peer.kind) {
    case 'workload':
      p = { podSelector: { matchLabels: { ...peer.labels } } }
      if (peer.namespace !== ctx.namespace) p = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': peer.namespace } }, ...p }
      break
    case 'namespace':
      p = peer.namespace === ctx.namespace ? { podSelector: {} } : { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': peer.namespace } } }
      break
    case 'cidr':
      p = { ipBlock: { cidr: peer.cidr } }
      break
    default:
      return { error: `a Kubernetes NetworkPolicy cannot name ${displayName(peer)} (§8: pods, namespaces and ipBlocks only); use a CiliumNetworkPolicy` }
  }
  const knpPorts = ports.map((x) => compact({ port: /^\d+$/.test(x.port) ? Number(x.port) : x.port, endPort: x.endPort, protocol: x.protocol ?? 'TCP' }))
  const out: Obj = { [direction === 'ingress' ? 'from' : 'to']: [p] }
  if (knpPorts.length > 0) out.ports = knpPorts
  return { value: out }
}

/** Egress to kube-dns through the DNS proxy, so toFQDNs can learn IPs (§5.6). */
export function dnsElement(): Obj {
  return {
    toEndpoints: [{ matchLabels: { [NS_LABEL]: 'kube-system', 'k8s-app': 'kube-dns' } }],
    toPorts: [
      {
        ports: [
          { port: '53', protocol: 'UDP' },
          { port: '53', protocol: 'TCP' },
        ],
        rules: { dns: [{ matchPattern: '*' }] },
      },
    ],
  }
}

/** The subject selector of a new policy: the workload's labels, or every pod of the namespace. */
export function subjectSelector(subject: NodeRef): Obj {
  return subject.kind === 'workload' ? { matchLabels: { ...subject.labels } } : {}
}
