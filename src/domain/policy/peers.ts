/** Peer fields of a rule element → Peer[] (§5), with the one-peer-kind rule (§5.1). */
import type { Ctx } from './context.ts'
import { normalizeCidr } from './cidr.ts'
import { asMap, asSeq, asString, checkFields, field, fieldSet, stringList } from './fields.ts'
import type { Direction, Peer, YamlPath } from './model.ts'
import type { RuleScope } from './namespaces.ts'
import { scopePeerSelector } from './namespaces.ts'
import { parseSelector } from './selectors.ts'
import type { YMap, YNode } from './tree.ts'

/** Entities accepted by the CRD enum (§5.2). */
export const ENTITIES: readonly string[] = [
  'all', 'world', 'cluster', 'host', 'remote-node', 'kube-apiserver', 'health', 'init', 'ingress', 'unmanaged', 'none',
]
const ENTITY_SET: ReadonlySet<string> = new Set(ENTITIES)

const INGRESS_PEERS = ['fromEndpoints', 'fromCIDR', 'fromCIDRSet', 'fromEntities', 'fromGroups', 'fromNodes']
const EGRESS_PEERS = ['toEndpoints', 'toCIDR', 'toCIDRSet', 'toEntities', 'toServices', 'toGroups', 'toNodes']

/** Peer fields allowed for an element kind (deny elements have no toFQDNs, §4.1). */
export function peerFields(direction: Direction, deny: boolean): string[] {
  if (direction === 'ingress') return [...INGRESS_PEERS, 'fromRequires']
  return deny ? [...EGRESS_PEERS, 'toRequires'] : [...EGRESS_PEERS, 'toRequires', 'toFQDNs']
}

export interface PeerResult {
  readonly peers: Peer[]
  /** The single peer field written, or null when none was. */
  readonly field: string | null
  /** Some field was present but is not evaluated (groups), so no wildcard applies either. */
}

/** Reads the element's peer fields. Reports mixing (§5.1) and removed fields; returns the peers. */
export function parsePeers(el: YMap, direction: Direction, deny: boolean, scope: RuleScope, ctx: Ctx, path: YamlPath): PeerResult {
  const requires = direction === 'ingress' ? 'fromRequires' : 'toRequires'
  const req = el.entries.get(requires)
  if (req) {
    // Removed in 1.19 and re-added with MaxItems=0, so the API server rejects it.
    ctx.error('requires-removed', `${requires} was removed in Cilium 1.19; express the requirement in each selector instead`, req.keyRange, [...path, requires])
  }
  const l3 = (direction === 'ingress' ? INGRESS_PEERS : [...EGRESS_PEERS, 'toFQDNs']).filter((f) => field(el, f) !== undefined)
  if (l3.length > 1) {
    const second = el.entries.get(l3[1])
    const at = second ? second.keyRange : el.range
    ctx.error('mixed-peers', `combining ${l3[0]} and ${l3[1]} in one rule element is not supported by Cilium; put them in separate list items`, at, [...path, l3[1]])
    return { peers: [], field: l3[0] }
  }
  if (l3.length === 0) return { peers: [], field: null }
  const name = l3[0]
  const node = field(el, name) as YNode
  const p = [...path, name]
  if (name === 'toFQDNs' && deny) {
    ctx.error('deny-fqdn', 'deny rules do not support toFQDNs', el.entries.get(name)?.keyRange ?? node, p)
    return { peers: [], field: name }
  }
  return { peers: readPeers(name, node, scope, ctx, p), field: name }
}

function readPeers(name: string, node: YNode, scope: RuleScope, ctx: Ctx, p: YamlPath): Peer[] {
  const out: Peer[] = []
  switch (name) {
    case 'fromEndpoints':
    case 'toEndpoints':
      asSeq(node, ctx, p, name)?.items.forEach((item, i) => {
        const sel = parseSelector(item, ctx, [...p, i], `each ${name} entry`)
        if (sel) out.push({ kind: 'endpoints', selector: scopePeerSelector(sel, scope), origin: ctx.origin(item, [...p, i]) })
      })
      break
    case 'fromNodes':
    case 'toNodes':
      asSeq(node, ctx, p, name)?.items.forEach((item, i) => {
        const sel = parseSelector(item, ctx, [...p, i], `each ${name} entry`)
        if (sel) out.push({ kind: 'nodes', selector: sel, origin: ctx.origin(item, [...p, i]) })
      })
      break
    case 'fromEntities':
    case 'toEntities':
      for (const { value, node: n, index } of stringList(node, ctx, p, name)) {
        if (value === 'world-ipv4' || value === 'world-ipv6') {
          ctx.error('entity-not-allowed', `entity ${value} is not accepted by the CiliumNetworkPolicy CRD; use world`, n, [...p, index])
        } else if (!ENTITY_SET.has(value)) {
          ctx.error('unknown-entity', `unknown entity "${value}"; expected one of ${ENTITIES.join(', ')}`, n, [...p, index])
        } else out.push({ kind: 'entity', entity: value, origin: ctx.origin(n, [...p, index]) })
      }
      break
    case 'fromCIDR':
    case 'toCIDR':
      for (const { value, node: n, index } of stringList(node, ctx, p, name)) {
        const cidr = normalizeCidr(value)
        if (cidr === undefined) ctx.error('invalid-cidr', `"${value}" is not a valid IP address or CIDR`, n, [...p, index])
        else out.push({ kind: 'cidr', cidr, except: [], origin: ctx.origin(n, [...p, index]) })
      }
      break
    case 'fromCIDRSet':
    case 'toCIDRSet':
      asSeq(node, ctx, p, name)?.items.forEach((item, i) => {
        const peer = cidrRule(item, ctx, [...p, i])
        if (peer) out.push(peer)
      })
      break
    case 'toFQDNs':
      asSeq(node, ctx, p, name)?.items.forEach((item, i) => {
        const m = nameOrPattern(item, ctx, [...p, i], 'a toFQDNs entry')
        if (m) out.push({ kind: 'fqdn', ...m, origin: ctx.origin(item, [...p, i]) })
      })
      break
    case 'toServices':
      asSeq(node, ctx, p, name)?.items.forEach((item, i) => {
        const peer = service(item, ctx, [...p, i])
        if (peer) out.push(peer)
      })
      break
    case 'fromGroups':
    case 'toGroups':
      // §5.8: cloud groups become CIDRs only inside a cluster with the provider integration.
      ctx.warn('groups-not-evaluated', `${name} (cloud provider groups) cannot be evaluated offline; this element selects nothing here`, node, p)
      break
  }
  return out
}

const CIDR_RULE_FIELDS = fieldSet('cidr', 'cidrGroupRef', 'cidrGroupSelector', 'except')

function cidrRule(node: YNode, ctx: Ctx, p: YamlPath): Peer | undefined {
  const map = asMap(node, ctx, p, 'a CIDRSet entry')
  if (!map) return undefined
  checkFields(map, CIDR_RULE_FIELDS, ctx, p, 'a CIDRSet entry')
  const except: string[] = []
  for (const { value, node: n, index } of stringList(field(map, 'except'), ctx, [...p, 'except'], 'except')) {
    const c = normalizeCidr(value)
    if (c === undefined) ctx.error('invalid-cidr', `"${value}" is not a valid CIDR`, n, [...p, 'except', index])
    else except.push(c)
  }
  const present = ['cidr', 'cidrGroupRef', 'cidrGroupSelector'].filter((k) => field(map, k) !== undefined)
  if (present.length !== 1) {
    const msg = present.length === 0 ? 'a CIDRSet entry needs one of cidr, cidrGroupRef or cidrGroupSelector' : `a CIDRSet entry takes exactly one of ${present.join(', ')}`
    ctx.error('cidr-rule', msg, node, p)
    return undefined
  }
  const origin = ctx.origin(node, p)
  if (present[0] === 'cidr') {
    const raw = asString(field(map, 'cidr'), ctx, [...p, 'cidr'], 'cidr')
    if (raw === undefined) return undefined
    const cidr = normalizeCidr(raw)
    if (cidr === undefined) {
      ctx.error('invalid-cidr', `"${raw}" is not a valid CIDR`, field(map, 'cidr') as YNode, [...p, 'cidr'])
      return undefined
    }
    return { kind: 'cidr', cidr, except, origin }
  }
  if (present[0] === 'cidrGroupRef') {
    const ref = asString(field(map, 'cidrGroupRef'), ctx, [...p, 'cidrGroupRef'], 'cidrGroupRef')
    return ref === undefined ? undefined : { kind: 'cidrGroup', ref, except, origin }
  }
  const selector = parseSelector(field(map, 'cidrGroupSelector'), ctx, [...p, 'cidrGroupSelector'], 'cidrGroupSelector')
  return selector ? { kind: 'cidrGroup', selector, except, origin } : undefined
}

const NAME_OR_PATTERN = fieldSet('matchName', 'matchPattern')
// The CRD patterns for FQDN selectors and DNS rules (§7.5 allowed characters).
const NAME_RE = /^([-a-zA-Z0-9_]+[.]?)+$/
const PATTERN_RE = /^([-a-zA-Z0-9_*]+[.]?)+$/

/** A {matchName | matchPattern} object (toFQDNs and DNS L7 rules): exactly one of the two. */
export function nameOrPattern(node: YNode, ctx: Ctx, p: YamlPath, what: string): { matchName?: string; matchPattern?: string } | undefined {
  const map = asMap(node, ctx, p, what)
  if (!map) return undefined
  checkFields(map, NAME_OR_PATTERN, ctx, p, what)
  const matchName = asString(field(map, 'matchName'), ctx, [...p, 'matchName'], 'matchName')
  const matchPattern = asString(field(map, 'matchPattern'), ctx, [...p, 'matchPattern'], 'matchPattern')
  if ((matchName === undefined) === (matchPattern === undefined)) {
    ctx.error('fqdn-selector', `${what} needs exactly one of matchName or matchPattern`, node, p)
    return undefined
  }
  if (matchName !== undefined) {
    if (matchName.length > 255 || !NAME_RE.test(matchName)) {
      ctx.error('invalid-fqdn', `"${matchName}" is not a valid DNS name (letters, digits, '-', '_' and '.')`, field(map, 'matchName') as YNode, [...p, 'matchName'])
      return undefined
    }
    return { matchName }
  }
  if (matchPattern !== undefined && (matchPattern.length > 255 || !PATTERN_RE.test(matchPattern))) {
    ctx.error('invalid-fqdn', `"${matchPattern}" is not a valid DNS pattern (letters, digits, '-', '_', '*' and '.')`, field(map, 'matchPattern') as YNode, [...p, 'matchPattern'])
    return undefined
  }
  return { matchPattern }
}

const SERVICE_FIELDS = fieldSet('k8sService', 'k8sServiceSelector')
const SERVICE_REF_FIELDS = fieldSet('serviceName', 'namespace')
const SERVICE_SEL_FIELDS = fieldSet('selector', 'namespace')

function service(node: YNode, ctx: Ctx, p: YamlPath): Peer | undefined {
  const map = asMap(node, ctx, p, 'a toServices entry')
  if (!map) return undefined
  checkFields(map, SERVICE_FIELDS, ctx, p, 'a toServices entry')
  const origin = ctx.origin(node, p)
  const ref = asMap(field(map, 'k8sService'), ctx, [...p, 'k8sService'], 'k8sService')
  const sel = asMap(field(map, 'k8sServiceSelector'), ctx, [...p, 'k8sServiceSelector'], 'k8sServiceSelector')
  if ((ref === undefined) === (sel === undefined)) {
    ctx.error('service-peer', 'a toServices entry needs exactly one of k8sService or k8sServiceSelector', node, p)
    return undefined
  }
  if (ref) {
    const rp = [...p, 'k8sService']
    checkFields(ref, SERVICE_REF_FIELDS, ctx, rp, 'k8sService')
    const name = asString(field(ref, 'serviceName'), ctx, [...rp, 'serviceName'], 'serviceName')
    const namespace = asString(field(ref, 'namespace'), ctx, [...rp, 'namespace'], 'namespace')
    return { kind: 'service', ...(name !== undefined && { name }), ...(namespace !== undefined && { namespace }), origin }
  }
  const sp = [...p, 'k8sServiceSelector']
  checkFields(sel as YMap, SERVICE_SEL_FIELDS, ctx, sp, 'k8sServiceSelector')
  const namespace = asString(field(sel as YMap, 'namespace'), ctx, [...sp, 'namespace'], 'namespace')
  // §5.5: service label selectors ignore the label source.
  const selector = parseSelector(field(sel as YMap, 'selector'), ctx, [...sp, 'selector'], 'selector')
  if (!selector) {
    ctx.error('service-peer', 'k8sServiceSelector needs a selector', sel as YMap, sp)
    return undefined
  }
  return { kind: 'service', selector, ...(namespace !== undefined && { namespace }), origin }
}
