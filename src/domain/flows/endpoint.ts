/**
 * Hubble `Endpoint` → interned `FlowEndpoint`. A capture has a few hundred distinct peers but
 * up to millions of flows, so parsed labels, label lists and whole endpoints are cached per
 * parser: memory stays flat and ingest skips re-parsing the same label strings.
 */
import type { Label } from '../labels/label.ts'
import { NAMESPACE_KEY, parseLabel } from '../labels/label.ts'
import type { FlowEndpoint, Workload } from './flow.ts'
import type { JsonObject } from './json.ts'
import { isObject, num, objList, str, strList } from './json.ts'
import { detached, objectEnd } from './json-text.ts'

/** Reserved identity numbers (hubble-flows.md §5, cilium-semantics §1.4). */
const RESERVED_BY_NUMBER: ReadonlyMap<number, string> = new Map([
  [1, 'host'], [2, 'world'], [3, 'unmanaged'], [4, 'health'], [5, 'init'], [6, 'remote-node'],
  [7, 'kube-apiserver'], [8, 'ingress'], [9, 'world-ipv4'], [10, 'world-ipv6'], [11, 'encrypted-overlay'],
])

/** When several reserved labels appear (host + kube-apiserver…), the most specific names the peer. */
const RESERVED_PRIORITY = ['host', 'kube-apiserver', 'remote-node', 'health', 'init', 'ingress', 'unmanaged',
  'world-ipv4', 'world-ipv6', 'world', 'unknown']

/** Reserved identities that are real Cilium endpoints selectable by endpoint selectors. */
const ENDPOINT_ENTITIES: ReadonlySet<string> = new Set(['health', 'init', 'ingress'])

/** Identities at or above 2^24 are node-local CIDR/FQDN identities (§5). */
const LOCAL_IDENTITY_MIN = 1 << 24

/**
 * Caps keep a pathological file (millions of distinct IPs or pods) from growing the caches
 * without bound: past the cap a cache is cleared and refills, so memory stays flat and only the
 * speed drops (to about that of parsing every endpoint). Real captures have a few hundred
 * distinct peers and never reach it.
 */
const MAX_CACHE = 200_000

/**
 * Distinct endpoint texts kept at once. Each entry holds its text (~0.3–1 KB, detached from the
 * line) and the parsed object, so 20,000 stay around 20–40 MB at worst, while a capture of a
 * whole cluster has a few hundred to a few thousand distinct texts.
 */
const MAX_TEXTS = 20_000

/** One distinct endpoint object text, parsed once (`EndpointInterner.textAt`). */
export interface EndpointText {
  readonly text: string
  readonly raw: JsonObject
  /** The endpoints built from this text by IP (sides without names or service: nearly all). */
  readonly byIp: Map<string | undefined, FlowEndpoint>
  /** The last of them handed out. */
  last: FlowEndpoint | undefined
}

/**
 * FNV-1a over the first 24 characters of `s[start, end)` (the endpoint ID and identity), every
 * 32nd after them and the last 16 (where pod names differ), plus the length: cheap, and texts
 * that collide are told apart by comparing them.
 */
function sampleHash(s: string, start: number, end: number): number {
  let h = 0x811c9dc5 ^ (end - start)
  const head = Math.min(end, start + 24)
  for (let i = start; i < head; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  for (let i = head; i < end; i += 32) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  for (let i = Math.max(head, end - 16); i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h >>> 0
}

export class EndpointInterner {
  private readonly labelCache = new Map<string, Label>()
  private readonly listCache = new Map<string, readonly Label[]>()
  private readonly endpoints = new Map<string, FlowEndpoint>()
  private readonly empty: readonly Label[] = Object.freeze([])
  /** Raw endpoint JSON texts by `sampleHash`: Hubble lines repeat the same endpoint text. */
  private readonly texts = new Map<number, EndpointText[]>()
  private textCount = 0
  private byTextSize = 0
  /** Where the text `textAt` last found ends in its line. */
  textEnd = 0

  /**
   * The endpoint object whose JSON text starts at `start` of `line` (the `{` of a `"source":{…}`),
   * parsed once per distinct text, and where it ends (`textEnd`). Undefined when no valid object
   * starts there. A cached text found at `start` is that object whole: a JSON object ends at its
   * own closing brace, so no longer valid value can start with it.
   */
  textAt(line: string, start: number): EndpointText | undefined {
    // Most endpoint objects hold no nested object, so they end at the first `}`: tried first, and
    // only when that text is not a known one is the end found by walking the structure.
    const first = line.indexOf('}', start) + 1
    if (first === 0) return undefined
    const known = this.cached(line, start, first)
    if (known !== undefined) {
      this.textEnd = first
      return known
    }
    const end = objectEnd(line, start)
    if (end < 0) return undefined
    const t = (end !== first ? this.cached(line, start, end) : undefined) ?? this.parse(line, start, end)
    if (t !== undefined) this.textEnd = end
    return t
  }

  /** The endpoint for one side given as its text (`textAt`), with the flow's IP, names and service. */
  fromText(t: EndpointText, ip: string | undefined, names: string[] | undefined, service: JsonObject | undefined): FlowEndpoint {
    if (names !== undefined || service !== undefined) return this.endpoint(t.raw, ip, names, service)
    // A pod keeps its IP: the last one is compared before the map is hashed.
    if (t.last !== undefined && t.last.ip === ip) return t.last
    let ep = t.byIp.get(ip)
    if (ep === undefined) {
      ep = this.endpoint(t.raw, ip, undefined, undefined)
      this.byTextSize++
      t.byIp.set(ip, ep)
    }
    t.last = ep
    return ep
  }

  /** The kept entry for the text `line[start, end)`, if any. */
  private cached(line: string, start: number, end: number): EndpointText | undefined {
    // Looked up by a hash of sampled characters, then compared in full: hashing the whole text (a
    // Map keyed by it) costs more per flow than parsing the rest of the line.
    const bucket = this.texts.get(sampleHash(line, start, end))
    if (bucket === undefined) return undefined
    // A cut and `===` compare as memory; character by character in place is several times slower.
    const text = line.slice(start, end)
    for (let i = 0; i < bucket.length; i++) if (bucket[i].text === text) return bucket[i]
    return undefined
  }

  /** Parses and keeps the new text `line[start, end)`; undefined when it is not a JSON object. */
  private parse(line: string, start: number, end: number): EndpointText | undefined {
    const text = line.slice(start, end)
    let raw: unknown
    try {
      raw = JSON.parse(text)
    } catch {
      return undefined
    }
    if (!isObject(raw)) return undefined
    if (this.textCount >= MAX_TEXTS || this.byTextSize >= MAX_CACHE) {
      this.texts.clear()
      this.textCount = 0
      this.byTextSize = 0
    }
    const t: EndpointText = { text: detached(text), raw, byIp: new Map(), last: undefined }
    const h = sampleHash(line, start, end)
    const bucket = this.texts.get(h)
    if (bucket === undefined) this.texts.set(h, [t])
    else bucket.push(t)
    this.textCount++
    return t
  }

  /** Builds (or reuses) the endpoint for one side of a flow. */
  endpoint(raw: JsonObject | undefined, ip: string | undefined, names: string[] | undefined,
    service: JsonObject | undefined): FlowEndpoint {
    const e = raw ?? {}
    const rawLabels = strList(e, 'labels')
    const identity = num(e, 'identity') ?? 0
    const endpointId = num(e, 'ID', 'id')
    const namespaceField = str(e, 'namespace')
    const podName = str(e, 'pod_name', 'podName')
    const clusterName = str(e, 'cluster_name', 'clusterName')
    const rawWorkloads = objList(e, 'workloads')
    const svcName = service ? str(service, 'name') : undefined
    const svcNs = service ? str(service, 'namespace') : undefined
    const labelsKey = rawLabels ? rawLabels.join('\u0001') : ''
    const wlKey = rawWorkloads ? rawWorkloads.map((w) => `${str(w, 'kind') ?? ''}/${str(w, 'name') ?? ''}`).join(',') : ''
    const key = `${identity}|${endpointId ?? ''}|${namespaceField ?? ''}|${podName ?? ''}|${clusterName ?? ''}|${ip ?? ''}|${
      names ? names.join(',') : ''}|${svcNs ?? ''}/${svcName ?? ''}|${wlKey}|${labelsKey}`
    const cached = this.endpoints.get(key)
    if (cached) return cached

    const labels = rawLabels ? this.labelList(labelsKey, rawLabels) : this.empty
    const reserved = reservedName(labels, identity)
    let namespace = namespaceField
    if (namespace === undefined) namespace = labels.find((l) => l.key === NAMESPACE_KEY && l.source === 'k8s')?.value
    // A reserved identity never lives in a namespace, even when Hubble attached one (pitfall 5).
    if (reserved !== undefined) namespace = undefined
    const ep: FlowEndpoint = {
      identity,
      labels,
      ...(namespace !== undefined && { namespace }),
      ...(podName !== undefined && { podName }),
      ...(endpointId !== undefined && { endpointId }),
      ...(clusterName !== undefined && { clusterName }),
      ...(rawWorkloads && { workloads: rawWorkloads.map(toWorkload) }),
      ...(ip !== undefined && { ip }),
      ...(names && { names }),
      ...(svcName !== undefined && { service: { name: svcName, ...(svcNs !== undefined && { namespace: svcNs }) } }),
      ...(reserved !== undefined && { reserved }),
      isEndpoint: isCiliumEndpoint(reserved, identity, labels, namespace, podName, endpointId),
    }
    Object.freeze(ep)
    if (this.endpoints.size >= MAX_CACHE) this.endpoints.clear()
    this.endpoints.set(key, ep)
    return ep
  }

  private labelList(key: string, raw: string[]): readonly Label[] {
    const cached = this.listCache.get(key)
    if (cached) return cached
    const list = Object.freeze(raw.map((r) => this.label(r)))
    if (this.listCache.size >= MAX_CACHE) this.listCache.clear()
    this.listCache.set(key, list)
    return list
  }

  private label(raw: string): Label {
    let l = this.labelCache.get(raw)
    if (!l) {
      l = Object.freeze(parseLabel(raw))
      if (this.labelCache.size >= MAX_CACHE) this.labelCache.clear()
      this.labelCache.set(raw, l)
    }
    return l
  }
}

function toWorkload(w: JsonObject): Workload {
  return { name: str(w, 'name') ?? '', kind: str(w, 'kind') ?? '' }
}

function reservedName(labels: readonly Label[], identity: number): string | undefined {
  let best: string | undefined
  let bestRank = Infinity
  for (const l of labels) {
    if (l.source !== 'reserved') continue
    const rank = RESERVED_PRIORITY.indexOf(l.key)
    const r = rank < 0 ? RESERVED_PRIORITY.length : rank
    if (r < bestRank) {
      best = l.key
      bestRank = r
    }
  }
  return best ?? RESERVED_BY_NUMBER.get(identity)
}

function isCiliumEndpoint(reserved: string | undefined, identity: number, labels: readonly Label[],
  namespace: string | undefined, podName: string | undefined, endpointId: number | undefined): boolean {
  if (reserved !== undefined) return ENDPOINT_ENTITIES.has(reserved)
  if (identity >= LOCAL_IDENTITY_MIN) return false
  for (const l of labels) if (l.source === 'cidr' || l.source === 'fqdn' || l.source === 'cidrgroup') return false
  if (identity > 0) return true
  // Identity masked out or unknown: only trust pod-shaped evidence (pitfall 6, field masks).
  return namespace !== undefined || podName !== undefined || endpointId !== undefined
}
