/** Kubernetes NetworkPolicy → Policy, the way Cilium translates it (§8). */
import type { PolicyKey } from '../graph/handles.ts'
import { elementId } from '../graph/handles.ts'
import { NAMESPACE_LABELS_PREFIX } from '../labels/label.ts'
import type { Ctx } from './context.ts'
import { normalizeCidr } from './cidr.ts'
import { asMap, asSeq, asString, checkFields, field, fieldSet, stringList } from './fields.ts'
import type { Direction, Peer, Policy, PortProtocol, PortRule, RuleElement, YamlPath } from './model.ts'
import { NS_EXISTS, nsIn } from './namespaces.ts'
import { KNP_PORTS, parsePortProtocol } from './ports.ts'
import { parseSelector } from './selectors.ts'
import type { YMap, YNode } from './tree.ts'

export const KNP_OBJECT_FIELDS = fieldSet('apiVersion', 'kind', 'metadata', 'spec', 'status')
const SPEC_FIELDS = fieldSet('podSelector', 'ingress', 'egress', 'policyTypes')
const INGRESS_FIELDS = fieldSet('from', 'ports')
const EGRESS_FIELDS = fieldSet('to', 'ports')
const PEER_FIELDS = fieldSet('podSelector', 'namespaceSelector', 'ipBlock')
const IPBLOCK_FIELDS = fieldSet('cidr', 'except')

export function normalizeKnp(obj: YMap, key: PolicyKey, name: string, ns: string, ctx: Ctx, path: YamlPath): Policy | undefined {
  checkFields(obj, KNP_OBJECT_FIELDS, ctx, path, 'NetworkPolicy')
  const sp = [...path, 'spec']
  const spec = asMap(field(obj, 'spec'), ctx, sp, 'spec')
  if (!spec) {
    if (field(obj, 'spec') === undefined) ctx.error('missing-spec', 'NetworkPolicy needs a spec', obj, path)
    return undefined
  }
  checkFields(spec, SPEC_FIELDS, ctx, sp, 'a NetworkPolicy spec')
  const podSelNode = field(spec, 'podSelector')
  if (podSelNode === undefined) ctx.warn('missing-pod-selector', 'podSelector is required; use {} to select every pod in the namespace', spec, sp)
  const before = ctx.errors
  // §8.1: podSelector keys become k8s: keys, pinned to the policy's namespace.
  const podSel = parseSelector(podSelNode ?? { t: 'map', entries: new Map(), range: spec.range }, ctx, [...sp, 'podSelector'], 'podSelector', { defaultSource: 'k8s' })
  if (!podSel || ctx.errors > before) return undefined
  const subject = { kind: 'endpoints' as const, selector: { requirements: [...podSel.requirements, nsIn(ns)] } }

  const types = new Set<string>()
  for (const t of stringList(field(spec, 'policyTypes'), ctx, [...sp, 'policyTypes'], 'policyTypes')) {
    if (t.value !== 'Ingress' && t.value !== 'Egress') ctx.error('policy-types', `policyTypes entries must be Ingress or Egress (got ${t.value})`, t.node, [...sp, 'policyTypes', t.index])
    else types.add(t.value)
  }
  const elements: RuleElement[] = []
  const counts = { ingress: 0, egress: 0 }
  for (const direction of ['ingress', 'egress'] as const) {
    asSeq(field(spec, direction), ctx, [...sp, direction], direction)?.items.forEach((item, i) => {
      counts[direction]++
      const el = knpElement(item, direction, key, ns, ctx, [...sp, direction, i])
      if (el) elements.push(el)
    })
  }
  // §8.5: policyTypes without rules become bare (deny-all) elements.
  const typesNode = field(spec, 'policyTypes')
  const typePath = (t: string): YamlPath => {
    const idx = typesNode?.t === 'seq' ? typesNode.items.findIndex((n) => n.t === 'scalar' && n.value === t) : -1
    return idx >= 0 ? [...sp, 'policyTypes', idx] : typesNode ? [...sp, 'policyTypes'] : sp
  }
  const bare = (direction: Direction, p: YamlPath, at: YNode): RuleElement => ({
    id: elementId(key, p), direction, deny: false, peers: [], peerField: null, toPorts: null, icmps: null, origin: ctx.origin(at, p),
  })
  const nodeAt = (p: YamlPath): YNode => (typesNode?.t === 'seq' && typeof p[p.length - 1] === 'number' ? typesNode.items[p[p.length - 1] as number] : (typesNode ?? spec))
  if (counts.ingress === 0 && (types.has('Ingress') || !types.has('Egress'))) {
    const p = typePath('Ingress')
    elements.push(bare('ingress', p, nodeAt(p)))
  }
  if (counts.egress === 0 && types.has('Egress')) {
    const p = typePath('Egress')
    elements.push(bare('egress', p, nodeAt(p)))
  }
  const rule = {
    subject,
    subjectOrigin: ctx.origin(podSelNode ?? spec, podSelNode ? [...sp, 'podSelector'] : sp),
    elements,
    defaultDeny: { ingress: true, egress: true }, // §3.2: KNP entries are always default-deny.
    origin: ctx.origin(spec, sp),
  }
  return { key, kind: 'NetworkPolicy', name, namespace: ns, rules: [rule], origin: ctx.origin(obj, path) }
}

function knpElement(node: YNode, direction: Direction, key: PolicyKey, ns: string, ctx: Ctx, path: YamlPath): RuleElement | undefined {
  const what = `a NetworkPolicy ${direction} rule`
  const map = asMap(node, ctx, path, what)
  // `- {}` and `- ` (null) both mean "from/to everything".
  const el: YMap = map ?? { t: 'map', entries: new Map(), range: node.range }
  if (!map && !(node.t === 'scalar' && node.value === null)) return undefined
  const before = ctx.errors
  checkFields(el, direction === 'ingress' ? INGRESS_FIELDS : EGRESS_FIELDS, ctx, path, what)
  const peerField = direction === 'ingress' ? 'from' : 'to'
  const origin = ctx.origin(node, path)
  const peersSeq = asSeq(field(el, peerField), ctx, [...path, peerField], peerField)
  let peers: Peer[] = []
  if (!peersSeq || peersSeq.items.length === 0) peers = [{ kind: 'wildcard', origin }] // §8.3
  else peersSeq.items.forEach((item, i) => peers.push(...knpPeer(item, ns, ctx, [...path, peerField, i])))

  let toPorts: PortRule[] | null = null
  const portsSeq = asSeq(field(el, 'ports'), ctx, [...path, 'ports'], 'ports')
  if (portsSeq && portsSeq.items.length > 0) {
    const ports: PortProtocol[] = []
    portsSeq.items.forEach((item, j) => {
      const pp = parsePortProtocol(item, ctx, [...path, 'ports', j], KNP_PORTS)
      if (pp) ports.push(pp)
    })
    // §8.3: the ports apply to every peer of the rule — one PortRule holding them all.
    toPorts = [{ ports, origin: ctx.origin(portsSeq, [...path, 'ports']) }]
  }
  if (ctx.errors > before) return undefined
  return {
    id: elementId(key, path),
    direction,
    deny: false,
    peers,
    peerField: field(el, peerField) !== undefined ? peerField : null,
    toPorts,
    icmps: null,
    origin,
  }
}

/** §8.2: one NetworkPolicyPeer → endpoint selector and/or CIDR peer. */
function knpPeer(node: YNode, ns: string, ctx: Ctx, p: YamlPath): Peer[] {
  const map = asMap(node, ctx, p, 'a NetworkPolicy peer')
  if (!map) return []
  checkFields(map, PEER_FIELDS, ctx, p, 'a NetworkPolicy peer')
  const podNode = field(map, 'podSelector')
  const nsNode = field(map, 'namespaceSelector')
  const ipNode = field(map, 'ipBlock')
  const out: Peer[] = []
  if (ipNode !== undefined && (podNode !== undefined || nsNode !== undefined)) {
    ctx.error('knp-peer', 'a NetworkPolicy peer takes ipBlock or selectors, not both; use separate peers', ipNode, [...p, 'ipBlock'])
    return []
  }
  if (podNode !== undefined || nsNode !== undefined) {
    const pod = podNode !== undefined ? parseSelector(podNode, ctx, [...p, 'podSelector'], 'podSelector', { defaultSource: 'k8s' }) : { requirements: [] }
    const nsSel = nsNode !== undefined
      ? parseSelector(nsNode, ctx, [...p, 'namespaceSelector'], 'namespaceSelector', { defaultSource: 'k8s', mapKey: (k) => NAMESPACE_LABELS_PREFIX + k })
      : undefined
    if (!pod || (nsNode !== undefined && !nsSel)) return []
    const nsReqs = nsSel === undefined ? [nsIn(ns)] : nsSel.requirements.length === 0 ? [NS_EXISTS] : nsSel.requirements
    out.push({ kind: 'endpoints', selector: { requirements: [...pod.requirements, ...nsReqs] }, origin: ctx.origin(node, p) })
  }
  if (ipNode !== undefined) {
    const ip = asMap(ipNode, ctx, [...p, 'ipBlock'], 'ipBlock')
    if (!ip) return out
    const ipp = [...p, 'ipBlock']
    checkFields(ip, IPBLOCK_FIELDS, ctx, ipp, 'ipBlock')
    const raw = asString(field(ip, 'cidr'), ctx, [...ipp, 'cidr'], 'cidr')
    const cidr = raw === undefined ? undefined : normalizeCidr(raw)
    if (raw === undefined) ctx.error('invalid-cidr', 'ipBlock needs a cidr', ip, ipp)
    else if (cidr === undefined) ctx.error('invalid-cidr', `"${raw}" is not a valid CIDR`, field(ip, 'cidr') as YNode, [...ipp, 'cidr'])
    const except: string[] = []
    for (const e of stringList(field(ip, 'except'), ctx, [...ipp, 'except'], 'except')) {
      const c = normalizeCidr(e.value)
      if (c === undefined) ctx.error('invalid-cidr', `"${e.value}" is not a valid CIDR`, e.node, [...ipp, 'except', e.index])
      else except.push(c)
    }
    if (cidr !== undefined) out.push({ kind: 'cidr', cidr, except, origin: ctx.origin(ipNode, ipp) })
  }
  return out
}
