/**
 * The `generate` command: allow policies drafted from the loaded flows (domain/generate) for a
 * namespace, a workload or everything, prepared for review before insertion: each policy's YAML
 * with the flows each rule covers, and names that do not clash with the workspace's policies.
 */
import type { Settings } from '../domain/engine/index.ts'
import type { Flow } from '../domain/flows/index.ts'
import type { DraftPolicy, DraftRule } from '../domain/generate/index.ts'
import { draftYaml, generatePolicies } from '../domain/generate/index.ts'
import type { Policy } from '../domain/policy/model.ts'

export interface GenerateScope {
  readonly namespace?: string
  readonly workload?: string
}

export interface DraftRuleView {
  readonly direction: 'ingress' | 'egress'
  /** `from frontend, world on TCP/8080`. */
  readonly summary: string
  readonly count: number
  /** The first covered flows, as `src → dst proto`. */
  readonly flows: readonly string[]
}

export interface DraftPolicyView {
  readonly namespace: string
  readonly name: string
  readonly workload: string
  /** This policy's manifest as it will be inserted (with its `covers` comments). */
  readonly yaml: string
  readonly rules: readonly DraftRuleView[]
}

export interface GenerateAnswer {
  readonly scope: GenerateScope
  readonly policies: readonly DraftPolicyView[]
  /** All of them as one multi-document YAML, with the header note, ready to append. */
  readonly yaml: string
  readonly considered: number
  readonly uncovered: readonly { readonly index: number; readonly reason: string }[]
  /** What a capture cannot show (the draft's own header note). */
  readonly note: string
}

const SHOWN = 8

function peerText(rule: DraftRule): string {
  return rule.peers.map((p) => (p.kind === 'endpoints' ? `${p.namespace}:${Object.entries(p.labels).map(([k, v]) => `${k}=${v}`).join(',')}` : p.kind === 'entity' ? p.entity : p.kind === 'cidr' ? p.cidr : p.name)).join(', ')
}

function portText(rule: DraftRule): string {
  if (rule.ports.length === 0) return 'all ports'
  return rule.ports.map((p) => (p.kind === 'port' ? `${p.protocol}/${p.port}` : `ICMP${p.family === 'IPv6' ? 'v6' : 'v4'} ${p.type}`)).join(', ')
}

/** Names taken in a namespace by the workspace: a draft called the same gets a `-2`, `-3`… suffix. */
function freeNames(policies: readonly DraftPolicy[], existing: readonly Policy[]): DraftPolicy[] {
  const taken = new Set(existing.map((p) => `${p.namespace ?? ''}/${p.name}`))
  return policies.map((p) => {
    let name = p.name
    for (let i = 2; taken.has(`${p.namespace}/${name}`); i++) name = `${p.name.slice(0, 58)}-${i}`
    taken.add(`${p.namespace}/${name}`)
    return name === p.name ? p : { ...p, name }
  })
}

export function generateAnswer(flows: readonly Flow[] | null, existing: readonly Policy[], settings: Partial<Settings>, scope: GenerateScope): GenerateAnswer {
  const list = flows ?? []
  const result = generatePolicies(list, { ...scope, settings })
  const policies = freeNames(result.policies, existing)
  const header = { considered: result.considered, uncovered: result.uncovered.length, scope: scope.workload ?? scope.namespace ?? 'all namespaces' }
  const yaml = draftYaml(policies, header)
  const byIndex = new Map(list.map((f) => [f.index, f]))
  const rowText = (index: number): string => {
    const f = byIndex.get(index)
    if (!f) return `#${index}`
    const l4 = f.l4 ? (f.l4.destinationPort !== undefined ? ` ${f.l4.protocol}/${f.l4.destinationPort}` : ` ${f.l4.protocol}`) : ''
    const name = (e: Flow['source']): string => (e.podName ? `${e.namespace ?? ''}/${e.podName}` : e.names?.[0]?.replace(/\.$/, '') ?? e.reserved ?? e.ip ?? '?')
    return `#${index} ${name(f.source)} → ${name(f.destination)}${l4}`
  }
  // Each policy's own document, with the same covers comments as the whole text.
  const docs = policies.map((p) => draftYaml([p], { ...header, considered: 0 }).replace(/^(#.*\n)+\n?/, ''))
  return {
    scope,
    policies: policies.map((p, i) => ({
      namespace: p.namespace, name: p.name, workload: p.workload, yaml: docs[i],
      rules: [...p.ingress, ...p.egress].map((r) => ({
        direction: r.direction,
        summary: `${r.direction === 'ingress' ? 'from' : 'to'} ${peerText(r)} on ${portText(r)}${r.dnsProxy ? ' (DNS proxy, for toFQDNs)' : ''}`,
        count: r.flows.length,
        flows: r.flows.slice(0, SHOWN).map(rowText),
      })),
    })),
    yaml,
    considered: result.considered,
    uncovered: result.uncovered,
    note: 'Traffic absent from the capture (batch jobs, failover paths, monthly reports, rare retries) is absent from this draft: review it, and run it in audit mode before enforcing.',
  }
}
