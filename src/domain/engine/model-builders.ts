/** Builders of policy-model objects for tests that bypass YAML (raw api.Rule-style cases). */
import { elementId, policyKey } from '../graph/handles.ts'
import type { Selector } from '../labels/selector.ts'
import { selectorFrom } from '../labels/selector.ts'
import type { Direction, Origin, Peer, Policy, PortRule, Protocol, Rule, RuleElement } from '../policy/model.ts'

export const origin = (...path: (string | number)[]): Origin => ({ doc: 0, path, range: { start: 0, end: 0 } })

export const sel = (labels: Record<string, string> = {}): Selector => selectorFrom(labels)

export const peer = {
  endpoints: (labels: Record<string, string> = {}): Peer => ({ kind: 'endpoints', selector: sel(labels), origin: origin() }),
  entity: (entity: string): Peer => ({ kind: 'entity', entity, origin: origin() }),
  cidr: (cidr: string, except: string[] = []): Peer => ({ kind: 'cidr', cidr, except, origin: origin() }),
  wildcard: (): Peer => ({ kind: 'wildcard', origin: origin() }),
}

export const ports = (...specs: string[]): PortRule[] => [
  {
    ports: specs.map((s) => {
      const [range, protocol = 'TCP'] = s.split('/')
      const [port, end] = range.split('-')
      return { port, ...(end !== undefined && { endPort: Number(end) }), protocol: protocol as Protocol, origin: origin() }
    }),
    origin: origin(),
  },
]

export interface ElementSpec {
  readonly dir: Direction
  readonly deny?: boolean
  readonly peers: readonly Peer[]
  readonly toPorts?: readonly PortRule[] | null
}

let counter = 0
/** Built elements belong to no parsed policy; this key only keeps their ids in the id format. */
const BUILT = policyKey('CiliumClusterwideNetworkPolicy', null, 'built')

export function element(spec: ElementSpec, path: (string | number)[] = []): RuleElement {
  return {
    id: elementId(BUILT, ['element', counter++]),
    direction: spec.dir,
    deny: spec.deny ?? false,
    peers: spec.peers,
    peerField: spec.peers.length ? 'x' : null,
    toPorts: spec.toPorts ?? null,
    icmps: null,
    origin: origin(...path),
  }
}

/** A raw rule: its subject and peers are used as given (no namespace pinning), like Cilium unit tests. */
export function rawPolicy(
  name: string,
  subject: Record<string, string>,
  elements: readonly ElementSpec[],
  defaultDeny = { ingress: true, egress: true },
): Policy {
  const idx = { ingress: 0, egress: 0, ingressDeny: 0, egressDeny: 0 }
  const rule: Rule = {
    subject: { kind: 'endpoints', selector: sel(subject) },
    subjectOrigin: origin('spec', 'endpointSelector'),
    elements: elements.map((e) => {
      const field = `${e.dir}${e.deny ? 'Deny' : ''}` as keyof typeof idx
      return element(e, ['spec', field, idx[field]++])
    }),
    defaultDeny,
    origin: origin('spec'),
  }
  return {
    key: policyKey('CiliumClusterwideNetworkPolicy', null, name),
    kind: 'CiliumClusterwideNetworkPolicy',
    name,
    namespace: null,
    rules: [rule],
    origin: origin(),
  }
}
