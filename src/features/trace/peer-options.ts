/** The peers a person can pick in the Trace panel, derived from the graph. */
import type { GraphModel } from '../../domain/graph/index.ts'
import { entityId } from '../../domain/graph/index.ts'
import { IDENTITY_ENTITIES } from '../../domain/engine/index.ts'
import type { PeerSpec } from '../../domain/trace/index.ts'

export interface PeerOption {
  readonly value: string
  readonly label: string
  readonly spec: PeerSpec | null
}

export const IP_OPTION = 'ip'

export function peerOptions(graph: GraphModel): PeerOption[] {
  const out: PeerOption[] = []
  for (const n of graph.nodes) {
    if (n.kind === 'workload' && n.labels) {
      const namespace = n.namespace ?? 'default'
      out.push({ value: n.id, label: `${namespace}: ${n.label}`, spec: { kind: 'pod', namespace, labels: n.labels } })
    } else if (n.kind === 'fqdn') {
      // A pattern stands for the names it matches: trace one of them.
      const name = n.label.replace(/\*+/g, 'www')
      out.push({ value: n.id, label: `name ${n.label}`, spec: { kind: 'fqdn', name } })
    } else if (n.kind === 'namespace') {
      out.push({ value: n.id, label: `${n.label}: any other pod`, spec: { kind: 'pod', namespace: n.label, labels: {} } })
    }
  }
  out.sort((a, b) => a.label.localeCompare(b.label))
  for (const name of IDENTITY_ENTITIES) {
    out.push({ value: entityId(name), label: `entity ${name}`, spec: { kind: 'entity', name } })
  }
  out.push({ value: IP_OPTION, label: 'IP address…', spec: null })
  return out
}

/** The peer for a picked option, reading the IP field for the IP option. */
export function peerFor(options: readonly PeerOption[], value: string, ip: string): PeerSpec | null {
  if (value === IP_OPTION) return ip.trim() === '' ? null : { kind: 'ip', ip: ip.trim() }
  return options.find((o) => o.value === value)?.spec ?? null
}
