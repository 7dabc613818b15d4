/** toPorts / icmps of Cilium rule elements (§6) and the L7 placement rules (§7.1, §2.1). */
import type { Ctx } from './context.ts'
import { asInt, asMap, asSeq, asString, checkFields, field, fieldSet, stringList } from './fields.ts'
import { parseL7 } from './l7.ts'
import type { Direction, IcmpField, L7Rules, ListenerRef, PortProtocol, PortRule, Protocol, TlsContext, YamlPath } from './model.ts'
import type { RuleScope } from './namespaces.ts'
import type { SourceRange } from './model.ts'
import type { YMap, YNode } from './tree.ts'
import { describe } from './tree.ts'

const PORT_RULE_FIELDS = fieldSet('ports', 'rules', 'serverNames', 'terminatingTLS', 'originatingTLS', 'listener')
const PORT_FIELDS = fieldSet('port', 'endPort', 'protocol')
const TLS_FIELDS = fieldSet('secret', 'certificate', 'privateKey', 'trustedCA')
const SECRET_FIELDS = fieldSet('namespace', 'name')
const LISTENER_FIELDS = fieldSet('envoyConfig', 'name', 'priority')
const ENVOY_CONFIG_FIELDS = fieldSet('kind', 'name')
const ENVOY_CONFIG_KINDS: ReadonlySet<string> = new Set(['CiliumEnvoyConfig', 'CiliumClusterwideEnvoyConfig'])
const ICMP_RULE_FIELDS = fieldSet('fields')
const ICMP_FIELD_FIELDS = fieldSet('family', 'type')
const PROTOCOLS: ReadonlySet<string> = new Set(['TCP', 'UDP', 'SCTP', 'ANY'])
const MAX_PORTS = 40 // §6.1 maxPorts / maxICMPFields
const NAMED_PORT_RE = /^(?=.*[a-zA-Z])[a-zA-Z0-9](-?[a-zA-Z0-9])*$/

/** How a port value is interpreted: Cilium wants strings (with a default protocol of ANY), KNP takes int-or-string. */
export interface PortDialect {
  readonly defaultProtocol: Protocol
  readonly numbersAllowed: boolean
  /** KNP: a missing port means "0", every port (§8.4). Cilium rejects an empty port (§6.1). */
  readonly missingPortIsZero: boolean
}
export const CILIUM_PORTS: PortDialect = { defaultProtocol: 'ANY', numbersAllowed: false, missingPortIsZero: false }
export const KNP_PORTS: PortDialect = { defaultProtocol: 'TCP', numbersAllowed: true, missingPortIsZero: true }

/** One {port, endPort, protocol}; undefined (with an error) when invalid. */
export function parsePortProtocol(node: YNode, ctx: Ctx, p: YamlPath, d: PortDialect): PortProtocol | undefined {
  const map = asMap(node, ctx, p, 'a ports entry')
  if (!map) return undefined
  checkFields(map, PORT_FIELDS, ctx, p, 'a ports entry')
  const before = ctx.errors
  const portNode = field(map, 'port')
  let port: string | undefined
  if (portNode === undefined) {
    if (d.missingPortIsZero) port = '0'
    else ctx.error('invalid-port', 'port is required (use "0" for every port)', map, p)
  } else if (portNode.t === 'scalar' && typeof portNode.value === 'number') {
    if (!d.numbersAllowed) ctx.warn('port-not-string', `port should be a quoted string ("${portNode.value}"); the API server rejects numbers here`, portNode, [...p, 'port'])
    port = String(portNode.value)
  } else if (portNode.t === 'scalar' && typeof portNode.value === 'string') port = portNode.value
  else ctx.error('wrong-type', `port must be a string (got ${describe(portNode)})`, portNode, [...p, 'port'])

  let named = false
  if (port !== undefined && portNode !== undefined) {
    if (/^\d+$/.test(port)) {
      if (port.length > 5 || Number(port) > 65535) ctx.error('invalid-port', `port ${port} is out of range (0–65535)`, portNode, [...p, 'port'])
      else port = String(Number(port))
    } else if (port === '' || port.length > 15 || !NAMED_PORT_RE.test(port)) {
      ctx.error('invalid-port', `"${port}" is not a port number or a valid port name`, portNode, [...p, 'port'])
    } else {
      named = true
      port = port.toLowerCase() // §6.1: named ports are lowercased.
    }
  }

  const protoText = asString(field(map, 'protocol'), ctx, [...p, 'protocol'], 'protocol')
  if (protoText !== undefined && !PROTOCOLS.has(protoText)) {
    ctx.error('invalid-protocol', `protocol must be one of TCP, UDP, SCTP, ANY (got ${protoText})`, field(map, 'protocol') as YNode, [...p, 'protocol'])
  }
  const endPort = asInt(field(map, 'endPort'), ctx, [...p, 'endPort'], 'endPort')
  if (endPort !== undefined && (endPort < 0 || endPort > 65535)) {
    ctx.error('invalid-port', `endPort ${endPort} is out of range (0–65535)`, field(map, 'endPort') as YNode, [...p, 'endPort'])
  }
  if (ctx.errors > before || port === undefined) return undefined
  const protocol = (protoText ?? d.defaultProtocol) as Protocol
  // §6.1: endPort is ignored for named ports; endPort ≤ port means a single port.
  const useEnd = endPort !== undefined && !named && endPort > Number(port)
  return { port, ...(useEnd && { endPort }), protocol, origin: ctx.origin(node, p) }
}

/** toPorts of a Cilium element; `null` when absent or empty (no port restriction). */
export function parseToPorts(el: YMap, direction: Direction, deny: boolean, scope: RuleScope, ctx: Ctx, path: YamlPath): PortRule[] | null {
  const p = [...path, 'toPorts']
  const seq = asSeq(field(el, 'toPorts'), ctx, p, 'toPorts')
  if (!seq || seq.items.length === 0) return null
  const out: PortRule[] = []
  seq.items.forEach((item, i) => {
    const r = portRule(item, direction, deny, scope, ctx, [...p, i])
    if (r) out.push(r)
  })
  return out
}

function portRule(node: YNode, direction: Direction, deny: boolean, scope: RuleScope, ctx: Ctx, p: YamlPath): PortRule | undefined {
  const map = asMap(node, ctx, p, 'a toPorts entry')
  if (!map) return undefined
  if (deny) {
    // §4.1: PortDenyRule has only `ports`.
    for (const k of ['rules', 'serverNames', 'terminatingTLS', 'originatingTLS', 'listener']) {
      const e = map.entries.get(k)
      if (e) ctx.error('deny-l7', `deny rules only take ports; "${k}" (L7/TLS) is not supported in ${direction}Deny`, e.keyRange, [...p, k])
    }
    checkFields(map, PORT_RULE_FIELDS, ctx, p, 'a toPorts entry')
  } else checkFields(map, PORT_RULE_FIELDS, ctx, p, 'a toPorts entry')

  const ports: PortProtocol[] = []
  const portsSeq = asSeq(field(map, 'ports'), ctx, [...p, 'ports'], 'ports')
  if (portsSeq && portsSeq.items.length > MAX_PORTS) ctx.error('too-many-ports', `at most ${MAX_PORTS} ports per toPorts entry`, portsSeq, [...p, 'ports'])
  portsSeq?.items.forEach((item, j) => {
    const pp = parsePortProtocol(item, ctx, [...p, 'ports', j], CILIUM_PORTS)
    if (pp) ports.push(pp)
  })
  const l7 = deny ? undefined : parseL7(field(map, 'rules'), ctx, [...p, 'rules'])
  if (l7) checkL7Placement(l7, ports, direction, scope, ctx, p)
  if (deny) return { ports, origin: ctx.origin(node, p) }
  const serverNames = stringList(field(map, 'serverNames'), ctx, [...p, 'serverNames'], 'serverNames').map((s) => s.value)
  const terminatingTLS = tlsContext(map, 'terminatingTLS', ctx, p)
  const originatingTLS = tlsContext(map, 'originatingTLS', ctx, p)
  const listener = listenerRef(map, ctx, p)
  const at = (k: string): YNode | SourceRange => map.entries.get(k)?.keyRange ?? map
  // §6.6 (PortRule.sanitize): serverNames with L7 rules need TLS termination to see the requests.
  if (serverNames.length > 0 && l7 && !terminatingTLS)
    ctx.error('server-names-l7', 'serverNames together with L7 rules need terminatingTLS: the proxy must terminate TLS to read the requests', at('serverNames'), [...p, 'serverNames'])
  if (listener && direction === 'ingress')
    ctx.error('listener-ingress', 'listener is only supported on egress', at('listener'), [...p, 'listener'])
  if (listener && l7)
    ctx.error('listener-l7', 'listener cannot be combined with L7 rules: the listener\'s own filters handle the traffic', at('listener'), [...p, 'listener'])
  return {
    ports,
    ...(l7 && { l7 }),
    ...(serverNames.length > 0 && { serverNames }),
    ...(terminatingTLS && { terminatingTLS }),
    ...(originatingTLS && { originatingTLS }),
    ...(listener && { listener }),
    origin: ctx.origin(node, p),
  }
}

/** `terminatingTLS` / `originatingTLS` (§6.6). */
function tlsContext(map: YMap, key: 'terminatingTLS' | 'originatingTLS', ctx: Ctx, p: YamlPath): TlsContext | undefined {
  const tp = [...p, key]
  const m = asMap(field(map, key), ctx, tp, key)
  if (!m) return undefined
  checkFields(m, TLS_FIELDS, ctx, tp, key)
  const before = ctx.errors
  const sm = asMap(field(m, 'secret'), ctx, [...tp, 'secret'], 'secret')
  let secret: TlsContext['secret']
  if (sm) {
    checkFields(sm, SECRET_FIELDS, ctx, [...tp, 'secret'], 'secret')
    const name = asString(field(sm, 'name'), ctx, [...tp, 'secret', 'name'], 'secret name')
    const namespace = asString(field(sm, 'namespace'), ctx, [...tp, 'secret', 'namespace'], 'secret namespace')
    if (name === undefined || name === '') ctx.error('tls-secret', `${key}.secret needs a name`, sm, [...tp, 'secret'])
    else secret = { name, ...(namespace !== undefined && namespace !== '' && { namespace }) }
  }
  const files: Record<string, string> = {}
  for (const f of ['certificate', 'privateKey', 'trustedCA'] as const) {
    const v = asString(field(m, f), ctx, [...tp, f], f)
    if (v !== undefined && v !== '') files[f] = v
  }
  if (ctx.errors > before) return undefined
  return { ...(secret && { secret }), ...files, origin: ctx.origin(m, tp) }
}

/** `listener` (§6.6): `envoyConfig {kind, name}` and the listener `name`. */
function listenerRef(map: YMap, ctx: Ctx, p: YamlPath): ListenerRef | undefined {
  const lp = [...p, 'listener']
  const m = asMap(field(map, 'listener'), ctx, lp, 'listener')
  if (!m) return undefined
  checkFields(m, LISTENER_FIELDS, ctx, lp, 'listener')
  const before = ctx.errors
  const em = asMap(field(m, 'envoyConfig'), ctx, [...lp, 'envoyConfig'], 'envoyConfig')
  if (em) checkFields(em, ENVOY_CONFIG_FIELDS, ctx, [...lp, 'envoyConfig'], 'envoyConfig')
  const kind = em ? asString(field(em, 'kind'), ctx, [...lp, 'envoyConfig', 'kind'], 'envoyConfig kind') : undefined
  const cecName = em ? asString(field(em, 'name'), ctx, [...lp, 'envoyConfig', 'name'], 'envoyConfig name') : undefined
  const name = asString(field(m, 'name'), ctx, [...lp, 'name'], 'listener name')
  const priority = asInt(field(m, 'priority'), ctx, [...lp, 'priority'], 'listener priority')
  if (kind !== undefined && !ENVOY_CONFIG_KINDS.has(kind))
    ctx.error('listener', `envoyConfig kind must be CiliumEnvoyConfig or CiliumClusterwideEnvoyConfig (got ${kind})`, field(em!, 'kind') as YNode, [...lp, 'envoyConfig', 'kind'])
  if (cecName === undefined || cecName === '') ctx.error('listener', 'listener needs envoyConfig with the name of a CiliumEnvoyConfig', em ?? m, [...lp, 'envoyConfig'])
  if (name === undefined || name === '') ctx.error('listener', 'listener needs the name of a listener in that CiliumEnvoyConfig', m, [...lp, 'name'])
  if (priority !== undefined && (priority < 1 || priority > 100))
    ctx.error('listener', `listener priority must be 1–100 (got ${priority})`, field(m, 'priority') as YNode, [...lp, 'priority'])
  if (ctx.errors > before || cecName === undefined || name === undefined) return undefined
  return {
    envoyConfig: { name: cecName, ...(kind !== undefined && { kind }) },
    name,
    ...(priority !== undefined && { priority }),
    origin: ctx.origin(m, lp),
  }
}

/** §7.1 and §2.1: where L7 rules may appear. */
function checkL7Placement(l7: L7Rules, ports: readonly PortProtocol[], direction: Direction, scope: RuleScope, ctx: Ctx, p: YamlPath): void {
  const at = l7.origin.range
  const rp = [...p, 'rules']
  if (scope.subjectKind === 'nodes' && direction === 'ingress') {
    ctx.error('l7-host-ingress', 'L7 rules are not supported on host (nodeSelector) ingress', at, rp)
    return
  }
  if (l7.kind === 'dns') {
    if (direction === 'ingress') ctx.error('dns-on-ingress', 'DNS rules apply to egress only', at, rp)
    if (ports.length === 0) ctx.error('dns-no-port', 'DNS rules need a port (usually "53")', at, rp)
  } else if (scope.subjectKind === 'nodes') {
    ctx.warn('host-l7', 'host policies support only DNS L7 rules; Cilium will not enforce these', at, rp)
  }
  for (const pp of ports) {
    const pos = pp.origin.range
    if (pp.port === '0') ctx.error('l7-port-zero', 'L7 rules cannot apply to port 0 (all ports); name a port', pos, pp.origin.path)
    if (l7.kind === 'dns') {
      if (pp.protocol === 'SCTP') ctx.error('l7-protocol', 'DNS rules apply only to UDP, TCP or ANY ports', pos, pp.origin.path)
      if (pp.endPort !== undefined) ctx.error('dns-port-range', 'DNS rules cannot use a port range (endPort)', pos, pp.origin.path)
    } else if (pp.protocol !== 'TCP') {
      ctx.error('l7-protocol', `${l7.kind === 'generic' ? 'L7' : l7.kind.toUpperCase()} rules apply only to TCP ports (this port is ${pp.protocol})`, pos, pp.origin.path)
    }
  }
}

/** icmps → flat IcmpField list; `null` when absent. */
export function parseIcmps(el: YMap, ctx: Ctx, path: YamlPath): IcmpField[] | null {
  const p = [...path, 'icmps']
  const seq = asSeq(field(el, 'icmps'), ctx, p, 'icmps')
  if (!seq || seq.items.length === 0) return null
  const out: IcmpField[] = []
  seq.items.forEach((item, i) => {
    const rp = [...p, i]
    const rule = asMap(item, ctx, rp, 'an icmps entry')
    if (!rule) return
    checkFields(rule, ICMP_RULE_FIELDS, ctx, rp, 'an icmps entry')
    const fields = asSeq(field(rule, 'fields'), ctx, [...rp, 'fields'], 'fields')
    if (fields && fields.items.length > MAX_PORTS) ctx.error('too-many-ports', `at most ${MAX_PORTS} ICMP fields per entry`, fields, [...rp, 'fields'])
    fields?.items.forEach((f, j) => {
      const fp = [...rp, 'fields', j]
      const fm = asMap(f, ctx, fp, 'an ICMP field')
      if (!fm) return
      checkFields(fm, ICMP_FIELD_FIELDS, ctx, fp, 'an ICMP field')
      const family = asString(field(fm, 'family'), ctx, [...fp, 'family'], 'family') ?? 'IPv4'
      if (family !== 'IPv4' && family !== 'IPv6') {
        ctx.error('icmp-family', `ICMP family must be IPv4 or IPv6 (got ${family})`, field(fm, 'family') as YNode, [...fp, 'family'])
        return
      }
      const typeNode = field(fm, 'type')
      let type: number | string | undefined
      if (typeNode?.t === 'scalar' && typeof typeNode.value === 'number') type = typeNode.value
      else if (typeNode?.t === 'scalar' && typeof typeNode.value === 'string') type = /^\d+$/.test(typeNode.value) ? Number(typeNode.value) : typeNode.value
      if (type === undefined || (typeof type === 'number' && (!Number.isInteger(type) || type < 0 || type > 255)) || type === '') {
        ctx.error('icmp-type', 'ICMP type must be a number 0–255 or a type name such as EchoRequest', typeNode ?? fm, [...fp, 'type'])
        return
      }
      out.push({ family, type, origin: ctx.origin(f, fp) })
    })
  })
  return out
}
