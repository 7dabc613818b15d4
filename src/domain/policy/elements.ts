/** One element of ingress / ingressDeny / egress / egressDeny → RuleElement (§2.5, §5, §6). */
import type { PolicyKey } from '../graph/handles.ts'
import { elementId } from '../graph/handles.ts'
import type { Ctx } from './context.ts'
import { asMap, checkFields, field } from './fields.ts'
import type { Direction, Peer, RuleElement, YamlPath } from './model.ts'
import type { RuleScope } from './namespaces.ts'
import { parsePeers, peerFields } from './peers.ts'
import { parseIcmps, parseToPorts } from './ports.ts'
import type { YNode } from './tree.ts'

const allowedCache = new Map<string, ReadonlySet<string>>()
function allowedFields(direction: Direction, deny: boolean): ReadonlySet<string> {
  const k = `${direction}/${deny}`
  let s = allowedCache.get(k)
  if (!s) {
    const extra = deny ? ['toPorts', 'icmps'] : ['toPorts', 'icmps', 'authentication']
    // toFQDNs in a deny element gets its own error (deny-fqdn) rather than "unknown field".
    s = new Set([...peerFields(direction, deny), ...extra, ...(direction === 'egress' ? ['toFQDNs'] : [])])
    allowedCache.set(k, s)
  }
  return s
}

export function sectionName(direction: Direction, deny: boolean): string {
  return deny ? `${direction}Deny` : direction
}

/** Builds one element; undefined when it has errors (Cilium would reject it, so it is skipped). */
export function buildElement(
  node: YNode,
  direction: Direction,
  deny: boolean,
  scope: RuleScope,
  policyKey: PolicyKey,
  ctx: Ctx,
  path: YamlPath,
): RuleElement | undefined {
  const what = `an ${sectionName(direction, deny)} element`
  const map = asMap(node, ctx, path, what)
  if (!map) return undefined
  const before = ctx.errors
  checkFields(map, allowedFields(direction, deny), ctx, path, what)
  const { peers, field: peerField } = parsePeers(map, direction, deny, scope, ctx, path)
  const toPorts = parseToPorts(map, direction, deny, scope, ctx, path)
  const icmps = parseIcmps(map, ctx, path)
  if (toPorts !== null && icmps !== null) {
    // §6.4 errUnsupportedICMPWithToPorts.
    const at = map.entries.get('icmps')?.keyRange ?? map.range
    ctx.error('icmps-with-toports', 'icmps cannot be combined with toPorts in one element; use separate list items', at, [...path, 'icmps'])
  }
  const auth = field(map, 'authentication')
  if (auth !== undefined) asMap(auth, ctx, [...path, 'authentication'], 'authentication')
  if (ctx.errors > before) return undefined

  const origin = ctx.origin(map, path)
  let finalPeers: Peer[] = peers
  // §2.5: no peer field + ports/icmps → L3 wildcard (every identity, world and host included).
  if (peerField === null && (toPorts !== null || icmps !== null)) finalPeers = [{ kind: 'wildcard', origin }]
  return {
    id: elementId(policyKey, path),
    direction,
    deny,
    peers: finalPeers,
    peerField,
    toPorts,
    icmps,
    origin,
  }
}
