/**
 * Checks Cilium makes when it merges rules per (peer selector, port, protocol) for an endpoint
 * (§7.6, §6.6): two L7 parsers (HTTP, Kafka, DNS, or two different `l7proto`s) on the same
 * selector and port make the policy invalid (L7ParserType.Merge; language.rst "If the type
 * differs, the policy is rejected"), and so do two different TLS contexts. An L4-only entry
 * merges with anything. Different selectors never clash (§9.10).
 *
 * Rules are compared when they certainly select the same endpoints: within one rule, and across
 * rules with the very same subject in the same namespace. The later rule of a clash is left out of
 * the model, with an error at its `rules` (or TLS) range, so it is not evaluated.
 */
import type { RawDiagnostic } from './context.ts'
import type { Peer, Policy, PortRule, Rule, SourceRange, TlsContext } from './model.ts'

interface Seen {
  readonly parser: string | null
  readonly terminating: string | null
  readonly originating: string | null
  readonly where: string
}

const PARSER_NAMES: Readonly<Record<string, string>> = { http: 'HTTP', kafka: 'Kafka', dns: 'DNS' }

function parserOf(pr: PortRule): string | null {
  if (!pr.l7) return null
  return pr.l7.kind === 'generic' ? `l7proto ${pr.l7.l7proto}` : PARSER_NAMES[pr.l7.kind]
}

/** Requirements in a stable order: equal selectors give equal keys. */
function selectorKey(reqs: readonly { source: string; key: string; operator: string; values: readonly string[] }[]): string {
  return JSON.stringify(reqs.map((r) => [r.source, r.key, r.operator, [...r.values].sort()]).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)))
}

/** One key per peer selector; `all` and an omitted peer are the same wildcard selector (§5.2). */
function peerKey(p: Peer): string {
  switch (p.kind) {
    case 'wildcard':
      return 'wildcard'
    case 'entity':
      return p.entity.toLowerCase() === 'all' ? 'wildcard' : `entity:${p.entity.toLowerCase()}`
    case 'endpoints':
    case 'nodes':
      return `${p.kind}:${selectorKey(p.selector.requirements)}`
    case 'cidr':
      return `cidr:${p.cidr}-${[...p.except].sort().join(',')}`
    case 'cidrGroup':
      return `group:${p.ref ?? selectorKey(p.selector?.requirements ?? [])}-${[...p.except].sort().join(',')}`
    case 'fqdn':
      return `fqdn:${(p.matchName ?? '').toLowerCase()}|${(p.matchPattern ?? '').toLowerCase()}`
    case 'service':
      return `svc:${p.namespace ?? ''}/${p.name ?? selectorKey(p.selector?.requirements ?? [])}`
  }
}

const tlsKey = (t: TlsContext | undefined): string | null =>
  t === undefined ? null : JSON.stringify([t.secret?.namespace ?? '', t.secret?.name ?? '', t.certificate ?? '', t.privateKey ?? '', t.trustedCA ?? ''])

function portKeys(pr: PortRule): string[] {
  const out: string[] = []
  for (const pp of pr.ports) {
    const protos = pp.protocol === 'ANY' ? ['TCP', 'UDP', 'SCTP'] : [pp.protocol]
    for (const proto of protos) out.push(`${pp.port}-${pp.endPort ?? ''}/${proto}`)
  }
  return out
}

const subjectKey = (policy: Policy, rule: Rule): string =>
  `${policy.namespace ?? '_cluster'}|${rule.subject.kind}|${selectorKey(rule.subject.selector.requirements)}`

const displayName = (p: Policy): string => (p.namespace ? `${p.namespace}/${p.name}` : p.name)
const pathText = (path: readonly (string | number)[]): string =>
  path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('')

/** Reports clashes into `sink` and returns the policies without the rejected rules. */
export function checkL7Merges(policies: readonly Policy[], sink: RawDiagnostic[]): Policy[] {
  const bySubject = new Map<string, Map<string, Seen>>()
  const rejected = new Set<Rule>()
  for (const policy of policies)
    for (const rule of policy.rules) {
      const subject = subjectKey(policy, rule)
      let seen = bySubject.get(subject)
      if (!seen) bySubject.set(subject, (seen = new Map()))
      const pending = new Map<string, Seen>()
      const clash = (message: string, at: SourceRange, path: readonly (string | number)[]): void => {
        sink.push({ severity: 'error', code: 'l7-parser-conflict', message, range: at, doc: policy.origin.doc, path })
        rejected.add(rule)
      }
      for (const el of rule.elements) {
        if (el.deny || !el.toPorts) continue
        for (const pr of el.toPorts) {
          const parser = parserOf(pr)
          const terminating = tlsKey(pr.terminatingTLS)
          const originating = tlsKey(pr.originatingTLS)
          if (parser === null && terminating === null && originating === null) continue
          const where = `${displayName(policy)} ${pathText(pr.origin.path)}`
          for (const peer of el.peers)
            for (const port of portKeys(pr)) {
              const key = `${el.direction}|${peerKey(peer)}|${port}`
              const prev = pending.get(key) ?? seen.get(key)
              const mine: Seen = { parser, terminating, originating, where }
              if (prev === undefined) {
                pending.set(key, mine)
                continue
              }
              // What the merged filter holds so far: the first parser and contexts set win.
              pending.set(key, {
                parser: prev.parser ?? parser,
                terminating: prev.terminating ?? terminating,
                originating: prev.originating ?? originating,
                where: prev.parser !== null ? prev.where : where,
              })
              const shownPort = port.replace('-/', '/')
              if (parser !== null && prev.parser !== null && parser !== prev.parser) {
                clash(
                  `${parser} and ${prev.parser} rules for the same peer on ${shownPort}: Cilium rejects the policy when L7 parsers differ for one selector and port (§7.6); the other rules are at ${prev.where}. Membrane leaves this rule out`,
                  pr.l7!.origin.range,
                  pr.l7!.origin.path,
                )
              }
              for (const [kind, a, b, ctx] of [
                ['terminatingTLS', terminating, prev.terminating, pr.terminatingTLS],
                ['originatingTLS', originating, prev.originating, pr.originatingTLS],
              ] as const)
                if (a !== null && b !== null && a !== b)
                  clash(
                    `a different ${kind} for the same peer on ${shownPort} as ${prev.where}: Cilium rejects conflicting TLS contexts for one selector and port (§6.6). Membrane leaves this rule out`,
                    ctx!.origin.range,
                    ctx!.origin.path,
                  )
            }
        }
      }
      // A rejected rule's entries do not count for later rules.
      if (!rejected.has(rule)) for (const [k, v] of pending) seen.set(k, v)
    }
  if (rejected.size === 0) return [...policies]
  return policies.map((p) => (p.rules.some((r) => rejected.has(r)) ? { ...p, rules: p.rules.filter((r) => !rejected.has(r)) } : p))
}
