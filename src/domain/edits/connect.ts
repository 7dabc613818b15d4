/** `connect`: an arrow from A to B becomes an ingress rule on B and/or an egress rule on A. */
import { parseNodeRef } from '../graph/handles.ts'
import type { Direction, ParseResult } from '../policy/model.ts'
import type { Built } from './element-yaml.ts'
import { ciliumElement, dnsElement, knpElement } from './element-yaml.ts'
import type { ConnectGesture, PortSpec } from './gestures.ts'
import { checkHostSide, hostFirstRuleWarning, writeHostSide } from './host-policy.ts'
import type { NodeRef, SubjectRef } from './nodes.ts'
import { displayName, hostRuleIsExactly, isEndpoint, ruleIsExactly, shortName, slug } from './nodes.ts'
import type { EditBuilder } from './text-edits.ts'
import type { Workspace } from './workspace.ts'
import { WriteError, describeWrite, dnsCovered, firstRuleWarning, sectionOf, writeSide } from './writer.ts'

export interface Planned {
  readonly description: string
  readonly warning?: string
}

function portsText(ports: readonly PortSpec[]): string {
  if (ports.length === 0) return 'any port'
  return ports.map((p) => `${p.protocol ?? 'TCP'}/${p.port}${p.endPort !== undefined ? `-${p.endPort}` : ''}`).join(', ')
}

function mustParse(id: string): NodeRef {
  const n = parseNodeRef(id)
  if (!n) throw new WriteError(`${id} does not name one workload, namespace, node set, entity, CIDR or FQDN; edit its rule in the text`)
  return n
}

/** Plans the edits of a connect gesture (all against the original text). */
export function planConnect(ws: Workspace, b: EditBuilder, parse: ParseResult, g: ConnectGesture): Planned {
  const from = mustParse(g.from)
  const to = mustParse(g.to)
  const deny = g.action === 'deny'
  const placement = g.placement ?? 'ingress'
  const mode = g.mode ?? 'cnp'
  if (from.kind === 'fqdn') {
    throw new WriteError(`${from.name} cannot be a source: Cilium has no ingress FQDN rule (toFQDNs only exists on egress, §5.6). Allow its CIDR with fromCIDR instead.`)
  }
  if (to.kind === 'fqdn' && deny) {
    throw new WriteError(`${to.name} cannot be denied by name: egressDeny has no toFQDNs (§4.1). Deny its CIDR, or allow only the names you want.`)
  }
  const hasL7 = g.l7 !== undefined && Object.values(g.l7).some((rows) => (rows?.length ?? 0) > 0)
  if (hasL7 && mode === 'knp') throw new WriteError('a Kubernetes NetworkPolicy has no L7 rules; use a CiliumNetworkPolicy')

  const sides: { subject: SubjectRef; peer: NodeRef; direction: Direction }[] = []
  const want = (direction: Direction, subject: NodeRef, peer: NodeRef): void => {
    if (isEndpoint(subject)) sides.push({ subject, peer, direction })
    else if (subject.kind === 'nodes') {
      // §2.1: nodes are subjects of host policies (CCNP nodeSelector); refuse what those cannot say.
      checkHostSide(subject, peer, direction, mode, deny ? undefined : g.l7)
      sides.push({ subject, peer, direction })
    } else if (placement !== 'both') {
      const other = direction === 'ingress' ? 'egress' : 'ingress'
      throw new WriteError(`${displayName(subject)} is not a pod or node, so it has no ${direction} policy; write the rule as ${other} on ${displayName(peer)}`)
    }
  }
  if (placement !== 'egress') want('ingress', to, from)
  if (placement !== 'ingress') want('egress', from, to)
  if (sides.length === 0) throw new WriteError(`neither ${displayName(from)} nor ${displayName(to)} is a pod or node; nothing can enforce this rule`)

  const base = `${deny ? 'deny' : 'allow'}-${slug(shortName(from))}-to-${slug(shortName(to))}`
  const taken = new Set<string>()
  const done: string[] = []
  const warnings: string[] = []
  let addedDns = false
  for (const side of sides) {
    const sameNsPair = sides.length === 2 && 'namespace' in from && 'namespace' in to && from.namespace === to.namespace
    const newName = side.direction === 'egress' && sameNsPair ? `${base}-egress` : base
    const policyKey = g.policyKey !== undefined && (sides.length === 1 || matchesKey(parse, side.subject, g.policyKey)) ? g.policyKey : undefined
    const subject = side.subject
    const withDns = (el: Built): Built[] => {
      // §5.6: toFQDNs learns IPs only from DNS answers seen by the DNS proxy.
      if (side.peer.kind === 'fqdn' && dnsCovered(parse, subject, side.peer.name) === null) {
        addedDns = true
        return [{ value: dnsElement() }, el]
      }
      return [el]
    }
    const common = { direction: side.direction, deny, ...(policyKey !== undefined && { policyKey }) }
    const written =
      subject.kind === 'nodes'
        ? // A CCNP has no namespace of its own, so pod peers always name theirs (§2.4).
          writeHostSide(ws, b, parse, { ...common, subject, build: () => withDns(ciliumElement({ kind: 'CiliumClusterwideNetworkPolicy', namespace: null }, side.peer, side.direction, deny, g.ports, g.l7)) }, taken)
        : writeSide(ws, b, parse, {
            ...common,
            subject,
            mode,
            newName,
            build: (ctx) =>
              withDns(ctx.kind === 'NetworkPolicy' ? knpElement(ctx, side.peer, side.direction, g.ports) : ciliumElement(ctx, side.peer, side.direction, deny, g.ports, g.l7)),
          }, taken)
    done.push(describeWrite(written, subject, sectionOf(side.direction, deny)))
    const first = subject.kind === 'nodes' ? hostFirstRuleWarning(parse, subject, side.direction) : firstRuleWarning(parse, subject, side.direction)
    if (first !== undefined) warnings.push(first)
  }
  if (deny && hasL7) warnings.push('deny rules take no L7 rules (§4.1); the L7 part was left out')
  const verb = deny ? 'Deny' : 'Allow'
  const dns = addedDns ? ' (+ DNS to kube-dns through the DNS proxy, which toFQDNs needs)' : ''
  return {
    description: `${verb} ${displayName(from)} → ${displayName(to)} on ${portsText(g.ports)}: ${done.join('; ')}${dns}`,
    ...(warnings.length > 0 && { warning: warnings.join('; ') }),
  }
}

/** With placement `both`, policyKey applies to the side whose subject that policy selects exactly. */
function matchesKey(parse: ParseResult, subject: SubjectRef, key: string): boolean {
  const p = parse.policies.find((x) => x.key === key)
  return p !== undefined && p.rules.some((r) => (subject.kind === 'nodes' ? hostRuleIsExactly(r, subject) : ruleIsExactly(p, r, subject)))
}
