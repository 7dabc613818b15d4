/**
 * The evaluator's state and commands, free of any transport: the worker wraps it, and the
 * in-thread fallback (Node, tests, browsers without workers) calls it directly.
 */
import {
  compilePolicySet,
  createSession,
  explain,
  podRef,
  refFromEntity,
  refFromIp,
} from '../domain/engine/index.ts'
import type { CompiledPolicySet, EndpointRef, EvalRequest } from '../domain/engine/index.ts'
import { parsePolicies } from '../domain/policy/parse.ts'
import { FlowAdapter, FlowEvaluator } from '../domain/evaluation/index.ts'
import { ingestFlows, toColumns } from '../domain/flows/index.ts'
import type { Flow, FlowColumns } from '../domain/flows/index.ts'
import type { Answers, Command, EvaluatorSettings, FlowVerdict, PeerSpec, TraceQuery, VerdictSummary } from './protocol.ts'

export class EvaluatorCore {
  private set: CompiledPolicySet = compilePolicySet([])
  /** Loaded flows, kept columnar (DESIGN.md "Evaluator"), and their verdicts for the current set. */
  private flows: { readonly list: readonly Flow[]; readonly columns: FlowColumns } | null = null
  private verdictCache: { summary: VerdictSummary; flows: FlowVerdict[] } | null = null

  run<C extends Command>(command: C): Answers[C['type']] {
    switch (command.type) {
      case 'setWorkspace':
        return this.setWorkspace(command.text, command.settings) as Answers[C['type']]
      case 'trace':
        return this.trace(command.query) as Answers[C['type']]
      case 'loadFlows':
        return this.loadFlows(command.text) as Answers[C['type']]
      case 'verdicts':
        return this.verdicts() as Answers[C['type']]
    }
    throw new Error(`unknown command ${(command as { type: string }).type}`)
  }

  private setWorkspace(text: string, settings: EvaluatorSettings): Answers['setWorkspace'] {
    const parsed = parsePolicies(text)
    this.set = compilePolicySet(parsed.policies, parsed.cidrGroups, {
      auditMode: settings.auditMode,
      enforcementMode: settings.enforcementMode,
    })
    this.verdictCache = null
    return { policies: parsed.policies.length, problems: this.set.problems.length }
  }

  private loadFlows(text: string): Answers['loadFlows'] {
    const ingest = ingestFlows(text)
    this.flows = { list: ingest.flows, columns: toColumns(ingest.flows) }
    this.verdictCache = null
    return {
      flows: ingest.flows.length,
      skipped: ingest.skipped,
      skippedSamples: ingest.skippedSamples.slice(0, 20),
      nonFlow: ingest.nonFlow,
      summary: this.verdicts().summary,
    }
  }

  /** Verdicts of the loaded flows under the current policies, computed once per edit. */
  private verdicts(): Answers['verdicts'] {
    if (this.verdictCache) return this.verdictCache
    const summary = { allowed: 0, denied: 0, audit: 0 }
    const out: FlowVerdict[] = []
    if (this.flows) {
      const { list, columns } = this.flows
      const results = new FlowEvaluator(createSession(this.set), new FlowAdapter()).evaluateColumns(columns)
      for (let i = 0; i < results.length; i++) {
        const verdict = results[i].verdict
        summary[verdict]++
        const recorded = list[i].verdict
        out.push(recorded === undefined ? { index: i, verdict } : { index: i, verdict, recorded })
      }
    }
    this.verdictCache = { summary, flows: out }
    return this.verdictCache
  }

  private trace(query: TraceQuery): Answers['trace'] {
    const session = createSession(this.set)
    const source = endpointRef(query.from)
    const notes: string[] = []
    if (query.to.kind === 'fqdn') {
      // toFQDNs matches only addresses the DNS proxy saw being resolved for a name (§5.6): resolve
      // the name for this source the way its pod would, then trace to that address.
      const learned = session.learnDns(source, query.to.name, [RESOLVED_IP])
      notes.push(
        learned
          ? `${query.to.name} was resolved through Cilium's DNS proxy (as ${RESOLVED_IP}), so toFQDNs rules can match it.`
          : `${query.to.name} was NOT resolved through Cilium's DNS proxy for this source: no egress DNS rule covers its DNS traffic, so toFQDNs rules cannot match (the most common toFQDNs mistake).`,
      )
    }
    const request: EvalRequest = {
      source,
      destination: endpointRef(query.to),
      protocol: query.protocol,
      ...(query.port === undefined ? {} : { port: query.port }),
      ...(query.icmpType === undefined ? {} : { icmpType: query.icmpType }),
      ...(query.http || query.dns
        ? {
            l7: {
              ...(query.http ? { http: query.http } : {}),
              ...(query.dns ? { dns: { query: query.dns } } : {}),
            },
          }
        : {}),
    }
    const result = session.evaluate(request)
    return { result, notes, lines: [...notes, ...explain(result, { set: this.set, request })] }
  }
}

/** Builds the engine's view of a picked peer; throws a plain message for input it cannot use. */
export function endpointRef(peer: PeerSpec): EndpointRef {
  switch (peer.kind) {
    case 'pod':
      return podRef({ namespace: peer.namespace, labels: peer.labels, name: describePeer(peer) })
    case 'entity': {
      const ref = refFromEntity(peer.name)
      if (!ref) throw new Error(`unknown entity "${peer.name}"`)
      return ref
    }
    case 'ip':
      return refFromIp(peer.ip, { name: peer.ip })
    case 'fqdn':
      return refFromIp(RESOLVED_IP, { name: peer.name })
  }
}

/** The address a traced DNS name stands for (a documentation range: never a real peer). */
export const RESOLVED_IP = '198.51.100.77'

export function describePeer(peer: PeerSpec): string {
  switch (peer.kind) {
    case 'pod': {
      const labels = Object.entries(peer.labels).map(([k, v]) => `${k}=${v}`).join(',')
      return labels ? `${peer.namespace}/{${labels}}` : `${peer.namespace}/(any pod)`
    }
    case 'entity':
      return peer.name
    case 'ip':
      return peer.ip
    case 'fqdn':
      return peer.name
  }
}
