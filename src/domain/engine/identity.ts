/**
 * Builders for the `EndpointRef`s the engine evaluates: from Hubble-style label strings, entity
 * names, IPs, and pod metadata (§1.3, §1.4).
 */
import type { Label } from '../labels/label.ts'
import {
  CLUSTER_KEY,
  NAMESPACE_KEY,
  NAMESPACE_LABELS_PREFIX,
  SERVICE_ACCOUNT_KEY,
  parseLabel,
} from '../labels/label.ts'
import type { EndpointRef, NamedPort } from './api.ts'
import { formatPrefix, parsePrefix } from './cidr.ts'
import { isIdentityLabel } from '../labels/identity-filter.ts'

const reserved = (key: string): Label => ({ source: 'reserved', key, value: '' })

/** Reserved identity labels per entity name (§1.4). `cluster`, `all` and `none` are not identities. */
const ENTITY_LABELS: Readonly<Record<string, readonly Label[]>> = {
  host: [reserved('host')],
  world: [reserved('world')],
  'world-ipv4': [reserved('world-ipv4')],
  'world-ipv6': [reserved('world-ipv6')],
  unmanaged: [reserved('unmanaged')],
  health: [reserved('health')],
  init: [reserved('init')],
  'remote-node': [reserved('remote-node')],
  // Identity 7: an in-cluster apiserver not on this node carries remote-node too (§1.4).
  'kube-apiserver': [reserved('kube-apiserver'), reserved('remote-node')],
  ingress: [reserved('ingress')],
}

/** Reserved identities that are Cilium endpoints with their own policy. */
const ENDPOINT_RESERVED = new Set(['host', 'health', 'init'])

function guessIsEndpoint(labels: readonly Label[]): boolean {
  return labels.some(
    (l) =>
      (l.source === 'k8s' && l.key === NAMESPACE_KEY) || (l.source === 'reserved' && ENDPOINT_RESERVED.has(l.key)),
  )
}

export interface RefOptions {
  readonly ip?: string
  readonly isEndpoint?: boolean
  readonly auditMode?: boolean
  readonly namedPorts?: Readonly<Record<string, NamedPort>>
  readonly name?: string
}

function withOptions(labels: Label[], opts: RefOptions, fallbackEndpoint: boolean): EndpointRef {
  const ref: {
    labels: Label[]
    isEndpoint: boolean
    ip?: string
    auditMode?: boolean
    namedPorts?: Readonly<Record<string, NamedPort>>
    name?: string
  } = { labels, isEndpoint: opts.isEndpoint ?? fallbackEndpoint }
  if (opts.ip !== undefined) ref.ip = opts.ip
  if (opts.auditMode !== undefined) ref.auditMode = opts.auditMode
  if (opts.namedPorts !== undefined) ref.namedPorts = opts.namedPorts
  if (opts.name !== undefined) ref.name = opts.name
  return ref
}

/**
 * From label strings as Hubble prints them (`k8s:app=x`, `reserved:world`, `cidr:1.2.3.4/32`).
 * `isEndpoint` defaults to: a pod (namespace label), host, health or init.
 */
export function refFromLabelStrings(labels: readonly string[], opts: RefOptions = {}): EndpointRef {
  const parsed = labels.map((s) => parseLabel(s, 'unspec'))
  return withOptions(parsed, opts, guessIsEndpoint(parsed))
}

/** Names accepted by `refFromEntity`. */
export const IDENTITY_ENTITIES: readonly string[] = Object.keys(ENTITY_LABELS)

/** The reserved identity for an entity name, or undefined for `all`, `cluster`, `none` or unknown. */
export function refFromEntity(entity: string, opts: RefOptions = {}): EndpointRef | undefined {
  const labels = ENTITY_LABELS[entity.toLowerCase()]
  if (!labels) return undefined
  const all = [...labels]
  if (opts.ip !== undefined && all.some((l) => l.key.startsWith('world'))) all.push(...cidrLabels(opts.ip))
  return withOptions(all, { name: entity, ...opts }, ENDPOINT_RESERVED.has(entity.toLowerCase()))
}

function cidrLabels(ip: string): Label[] {
  const p = parsePrefix(ip)
  if (!p) return []
  // IPv6 CIDR label keys use '-' for ':' (§1.2).
  const key = p.family === 6 ? formatPrefix(p).replaceAll(':', '-') : formatPrefix(p)
  return [{ source: 'cidr', key, value: '' }]
}

/** An address outside the cluster: `reserved:world` plus its `cidr:` label (§1.4). */
export function refFromIp(ip: string, opts: RefOptions = {}): EndpointRef {
  return withOptions([reserved('world'), ...cidrLabels(ip)], { name: ip, ...opts, ip }, false)
}

/** The local host (node) identity; an endpoint only when the host firewall is on (§2.1). */
export function hostRef(opts: RefOptions = {}): EndpointRef {
  return withOptions([reserved('host')], { name: 'host', ...opts }, true)
}

export interface PodSpec extends RefOptions {
  readonly namespace: string
  readonly labels?: Readonly<Record<string, string>>
  readonly namespaceLabels?: Readonly<Record<string, string>>
  readonly serviceAccount?: string
  /** Cluster name; Cilium's default is `default`. */
  readonly cluster?: string
}

/** A pod's identity labels, all with source k8s (§1.3). */
export function podLabels(spec: PodSpec): Label[] {
  const k8s = (key: string, value: string): Label => ({ source: 'k8s', key, value })
  const out: Label[] = []
  for (const [k, v] of Object.entries(spec.labels ?? {})) if (isIdentityLabel(k)) out.push(k8s(k, v))
  const nsLabels: Record<string, string> = { 'kubernetes.io/metadata.name': spec.namespace, ...spec.namespaceLabels }
  for (const [k, v] of Object.entries(nsLabels)) out.push(k8s(NAMESPACE_LABELS_PREFIX + k, v))
  out.push(k8s(NAMESPACE_KEY, spec.namespace))
  if (spec.serviceAccount) out.push(k8s(SERVICE_ACCOUNT_KEY, spec.serviceAccount))
  out.push(k8s(CLUSTER_KEY, spec.cluster ?? 'default'))
  return out
}

/** A pod endpoint (§1.3). */
export function podRef(spec: PodSpec): EndpointRef {
  return withOptions(podLabels(spec), spec, true)
}
