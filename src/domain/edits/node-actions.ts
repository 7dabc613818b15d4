/** Context-menu actions on a namespace / workload node: the policies engineers write most. */
import { entityId, fqdnId, parseNodeRef, scopedName, workloadId } from '../graph/handles.ts'
import type { ParseResult } from '../policy/model.ts'
import { planConnect } from './connect.ts'
import type { Planned } from './connect.ts'
import { dnsElement, subjectSelector } from './element-yaml.ts'
import type { NodeActionGesture } from './gestures.ts'
import type { EndpointRef } from './nodes.ts'
import { displayName, enforces, isEndpoint, rulesSelecting, shortName, slug, uniqueName } from './nodes.ts'
import type { Style, YValue } from './render.ts'
import { DEFAULT_STYLE } from './render.ts'
import { appendDocument, appendItems, setKey } from './splice.ts'
import type { EditBuilder } from './text-edits.ts'
import type { Workspace } from './workspace.ts'
import { WriteError, describeWrite, dnsCovered, findTarget, firstRuleWarning, writeSide } from './writer.ts'

function subjectOf(id: string): EndpointRef {
  const n = parseNodeRef(id)
  if (!n || !isEndpoint(n)) throw new WriteError(`${id} is not a workload or namespace; only pods have policies`)
  return n
}

function styleFor(ws: Workspace, parse: ParseResult): Style {
  const last = parse.policies[parse.policies.length - 1]
  return last ? ws.style(last.origin.doc) : DEFAULT_STYLE
}

function newCnp(ws: Workspace, b: EditBuilder, parse: ParseResult, ns: string, base: string, spec: { readonly [key: string]: YValue }, comment: string[]): string {
  const name = uniqueName(parse, ns, base)
  const doc = { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name, namespace: ns }, spec }
  appendDocument(ws, b, doc, styleFor(ws, parse), comment)
  return scopedName(ns, name)
}

/** Plans one node action. */
export function planNodeAction(ws: Workspace, b: EditBuilder, parse: ParseResult, g: NodeActionGesture): Planned {
  switch (g.type) {
    case 'isolateNamespace': {
      // §2.4: in a CNP `fromEndpoints: [{}]` means every pod of the policy's own namespace.
      const p = newCnp(ws, b, parse, g.namespace, 'ns-isolation', { endpointSelector: {}, ingress: [{ fromEndpoints: [{}] }] }, [
        `Only pods of ${g.namespace} may connect to pods of ${g.namespace}; all other ingress is denied.`,
      ])
      return { description: `Isolate namespace ${g.namespace}: new policy ${p}` }
    }
    case 'defaultDeny':
      return defaultDeny(ws, b, parse, subjectOf(g.subject), g.direction)
    case 'allowDns': {
      const subject = subjectOf(g.subject)
      const by = dnsCovered(parse, subject, 'example.com')
      if (by !== null) throw new WriteError(`${displayName(subject)} may already query kube-dns through the DNS proxy (${by})`)
      const w = writeSide(ws, b, parse, {
        subject, direction: 'egress', deny: false, mode: 'cnp', newName: `allow-${slug(shortName(subject))}-dns`,
        ...(g.policyKey !== undefined && { policyKey: g.policyKey }),
        build: () => [{ value: dnsElement() }],
      }, new Set())
      const warning = firstRuleWarning(parse, subject, 'egress')
      return { description: `Allow DNS for ${displayName(subject)}: ${describeWrite(w, subject, 'egress')}`, ...(warning !== undefined && { warning }) }
    }
    case 'allowFqdn': {
      const ports = g.ports ?? [{ port: '443', protocol: 'TCP' as const }]
      return planConnect(ws, b, parse, { type: 'connect', from: g.subject, to: fqdnId(g.name), ports, action: 'allow', placement: 'egress', ...(g.policyKey !== undefined && { policyKey: g.policyKey }) })
    }
    case 'denyMetadata': {
      const subject = subjectOf(g.subject)
      const base = subject.kind === 'namespace' ? 'deny-metadata-endpoint' : `deny-metadata-endpoint-${slug(shortName(subject))}`
      const spec = {
        endpointSelector: subjectSelector(subject),
        // §3.2: a deny-only policy would otherwise switch egress into allowlist mode.
        enableDefaultDeny: { egress: false },
        egressDeny: [{ toCIDR: ['169.254.169.254/32'] }],
      }
      const p = newCnp(ws, b, parse, subject.namespace, base, spec, [
        'Block the cloud metadata endpoint: it hands out node credentials to any pod that asks.',
        'enableDefaultDeny.egress=false: this deny-only policy must not put egress into allowlist mode.',
      ])
      return { description: `Deny the metadata endpoint for ${displayName(subject)}: new policy ${p}` }
    }
    case 'allowScrapeFromMonitoring':
      return planConnect(ws, b, parse, {
        type: 'connect', from: workloadId('monitoring', { app: 'prometheus' }), to: g.subject, ports: [{ port: g.port, protocol: 'TCP' }], action: 'allow', placement: 'ingress',
        ...(g.policyKey !== undefined && { policyKey: g.policyKey }),
      })
    case 'allowKubeApiserver':
      return planConnect(ws, b, parse, {
        type: 'connect', from: g.subject, to: entityId('kube-apiserver'), action: 'allow', placement: 'egress',
        ports: [{ port: '443', protocol: 'TCP' }, { port: '6443', protocol: 'TCP' }],
        ...(g.policyKey !== undefined && { policyKey: g.policyKey }),
      })
  }
}

/** §3.2 / §2.5: an element with neither peers nor ports (`- {}`) turns default deny on and allows nothing. */
function defaultDeny(ws: Workspace, b: EditBuilder, parse: ParseResult, subject: EndpointRef, direction: 'ingress' | 'egress'): Planned {
  const already = rulesSelecting(parse, subject).find((r) => enforces(r.rule, direction))
  if (already) {
    const p = already.policy
    throw new WriteError(`${displayName(subject)} is already default-deny on ${direction} (policy ${scopedName(p.namespace, p.name)})`)
  }
  const target = findTarget(parse, subject, 'cnp')
  if (target) {
    const { policy, rule } = target
    const t = { ws, b, doc: policy.origin.doc }
    const where = scopedName(policy.namespace, policy.name)
    if (!rule.defaultDeny[direction]) {
      // It opted out; turning the switch back on is the smallest change (plus `{}` if it has no rules there).
      setKey(t, [...rule.origin.path, 'enableDefaultDeny'], direction, true)
      if (!rule.elements.some((e) => e.direction === direction)) appendItems(t, [...rule.origin.path, direction], [{}])
      return { description: `Default deny ${direction} for ${displayName(subject)}: enableDefaultDeny.${direction}=true in ${where}` }
    }
    appendItems(t, [...rule.origin.path, direction], [{}])
    return { description: `Default deny ${direction} for ${displayName(subject)}: empty ${direction} rule in ${where}` }
  }
  const base = subject.kind === 'namespace' ? `default-deny-${direction}` : `${slug(shortName(subject))}-default-deny-${direction}`
  const p = newCnp(ws, b, parse, subject.namespace, base, { endpointSelector: subjectSelector(subject), [direction]: [{}] }, [])
  return { description: `Default deny ${direction} for ${displayName(subject)}: new policy ${p}` }
}
