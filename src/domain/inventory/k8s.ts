/** Kubernetes objects (as plain JSON values) → inventory entries. Lenient: bad fields are skipped. */
import type { InventoryNamespace, InventoryNode, InventoryService, LabelMap, NamedContainerPort, PodOwner, ServicePort } from './model.ts'

type Obj = { readonly [key: string]: unknown }

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

const own = (o: Obj, k: string): unknown => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined)
const objAt = (o: Obj, k: string): Obj => {
  const v = own(o, k)
  return isObj(v) ? v : {}
}
const strAt = (o: Obj, k: string): string | undefined => {
  const v = own(o, k)
  return typeof v === 'string' && v !== '' ? v : undefined
}
const listAt = (o: Obj, k: string): Obj[] => {
  const v = own(o, k)
  return Array.isArray(v) ? v.filter(isObj) : []
}

/** String-valued entries only; `Object.fromEntries` defines keys, so `__proto__` stays data. */
export function labelMap(v: unknown): LabelMap {
  if (!isObj(v)) return {}
  return Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean')
    .map(([k, x]) => [k, String(x)]))
}

export function protocolOf(v: unknown): 'TCP' | 'UDP' | 'SCTP' {
  const p = typeof v === 'string' ? v.toUpperCase() : 'TCP'
  return p === 'UDP' || p === 'SCTP' ? p : 'TCP'
}

export const metaOf = (o: Obj): { name?: string; namespace?: string; labels: LabelMap } => {
  const m = objAt(o, 'metadata')
  return { name: strAt(m, 'name'), namespace: strAt(m, 'namespace'), labels: labelMap(own(m, 'labels')) }
}

export function toNamespace(o: Obj): InventoryNamespace | undefined {
  const m = metaOf(o)
  return m.name ? { name: m.name, labels: m.labels } : undefined
}

export interface RawPod {
  readonly namespace: string
  readonly name: string
  readonly labels: LabelMap
  readonly serviceAccount?: string
  readonly nodeName?: string
  readonly ips: string[]
  readonly hostNetwork: boolean
  readonly namedPorts: Record<string, NamedContainerPort>
  readonly owner?: PodOwner
}

/**
 * The workload a pod belongs to, named as Hubble's `workloads` names it: the controlling owner,
 * a ReplicaSet stood for by its Deployment (the ReplicaSet is `<deployment>-<pod-template-hash>`).
 */
function ownerOf(o: Obj, labels: Readonly<Record<string, string>>): PodOwner | undefined {
  const refs = listAt(objAt(o, 'metadata'), 'ownerReferences')
  const ref = refs.find((r) => own(r, 'controller') === true) ?? refs[0]
  if (!ref) return undefined
  const kind = strAt(ref, 'kind')
  const name = strAt(ref, 'name')
  if (!kind || !name) return undefined
  const hash = labels['pod-template-hash']
  if (kind === 'ReplicaSet' && hash && name.endsWith(`-${hash}`)) return { kind: 'Deployment', name: name.slice(0, -hash.length - 1) }
  return { kind, name }
}

export function toPod(o: Obj): RawPod | undefined {
  const m = metaOf(o)
  if (!m.name) return undefined
  const spec = objAt(o, 'spec')
  const status = objAt(o, 'status')
  const ips = listAt(status, 'podIPs').map((x) => strAt(x, 'ip')).filter((x): x is string => x !== undefined)
  const single = strAt(status, 'podIP')
  if (ips.length === 0 && single) ips.push(single)
  const namedPorts: Record<string, NamedContainerPort> = Object.create(null) as Record<string, NamedContainerPort>
  for (const c of [...listAt(spec, 'initContainers'), ...listAt(spec, 'containers')]) {
    for (const p of listAt(c, 'ports')) {
      const name = strAt(p, 'name')
      const port = own(p, 'containerPort')
      if (name && typeof port === 'number' && port > 0 && port < 65536) {
        namedPorts[name.toLowerCase()] = { port, protocol: protocolOf(own(p, 'protocol')) }
      }
    }
  }
  return {
    namespace: m.namespace ?? 'default',
    name: m.name,
    labels: m.labels,
    serviceAccount: strAt(spec, 'serviceAccountName') ?? strAt(spec, 'serviceAccount'),
    nodeName: strAt(spec, 'nodeName'),
    ips,
    hostNetwork: own(spec, 'hostNetwork') === true,
    namedPorts: { ...namedPorts },
    ...withOwner(ownerOf(o, m.labels)),
  }
}

const withOwner = (owner: PodOwner | undefined): { owner?: PodOwner } => (owner ? { owner } : {})

export function toService(o: Obj): InventoryService | undefined {
  const m = metaOf(o)
  if (!m.name) return undefined
  const spec = objAt(o, 'spec')
  const selector = own(spec, 'selector')
  const ports: ServicePort[] = []
  for (const p of listAt(spec, 'ports')) {
    const port = own(p, 'port')
    if (typeof port !== 'number') continue
    const name = strAt(p, 'name')
    const target = own(p, 'targetPort')
    ports.push({
      ...(name !== undefined && { name }),
      port,
      protocol: protocolOf(own(p, 'protocol')),
      ...((typeof target === 'number' || (typeof target === 'string' && target !== '')) && { targetPort: target }),
    })
  }
  const clusterIPs = (Array.isArray(own(spec, 'clusterIPs')) ? (own(spec, 'clusterIPs') as unknown[]) : [own(spec, 'clusterIP')])
    .filter((x): x is string => typeof x === 'string' && x !== '' && x !== 'None')
  return {
    namespace: m.namespace ?? 'default',
    name: m.name,
    labels: m.labels,
    selector: isObj(selector) && Object.keys(selector).length > 0 ? labelMap(selector) : null,
    ports,
    clusterIPs,
  }
}

export function toNode(o: Obj): InventoryNode | undefined {
  const m = metaOf(o)
  if (!m.name) return undefined
  const addresses = listAt(objAt(o, 'status'), 'addresses')
    .map((a) => ({ type: strAt(a, 'type') ?? '', address: strAt(a, 'address') ?? '' }))
    .filter((a) => a.address !== '')
  return { name: m.name, labels: m.labels, addresses }
}
