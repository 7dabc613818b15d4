/**
 * The evaluator's state and commands, free of any transport: the worker wraps it, and the
 * in-thread fallback (Node, tests, browsers without workers) calls it directly. The answers come
 * from the domain (trace, replay); this keeps the compiled set and the loaded flows between calls.
 */
import { compilePolicySet, createSession, hostFirewallOn } from '../domain/engine/index.ts'
import type { CompiledPolicySet } from '../domain/engine/index.ts'
import { parsePolicies } from '../domain/policy/parse.ts'
import { FlowAdapter, FlowEvaluator, flowVerdicts } from '../domain/replay/index.ts'
import { ingestFlows, toColumns } from '../domain/flows/index.ts'
import type { Flow, FlowColumns } from '../domain/flows/index.ts'
import type { TraceQuery } from '../domain/trace/index.ts'
import { traceConnection } from '../domain/trace/index.ts'
import type { ParseResult } from '../domain/policy/model.ts'
import { edgeVerdictsAnswer } from './edge-verdicts-command.ts'
import type { Answers, Command, EvaluatorSettings } from './protocol.ts'

export class EvaluatorCore {
  private set: CompiledPolicySet = compilePolicySet([])
  /** Loaded flows, kept columnar (DESIGN.md "Evaluator"), and their verdicts for the current set. */
  private flows: { readonly list: readonly Flow[]; readonly columns: FlowColumns } | null = null
  private verdictCache: Answers['verdicts'] | null = null
  private parsed: Pick<ParseResult, 'policies' | 'cidrGroups'> = { policies: [], cidrGroups: [] }
  private edgeCache: Answers['edgeVerdicts'] | null = null

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
      case 'edgeVerdicts':
        return (this.edgeCache ??= edgeVerdictsAnswer(this.set, this.parsed)) as Answers[C['type']]
    }
    throw new Error(`unknown command ${(command as { type: string }).type}`)
  }

  private setWorkspace(text: string, settings: EvaluatorSettings): Answers['setWorkspace'] {
    const parsed = parsePolicies(text)
    this.set = compilePolicySet(parsed.policies, parsed.cidrGroups, {
      auditMode: settings.auditMode,
      enforcementMode: settings.enforcementMode,
      hostFirewall: hostFirewallOn(settings.hostFirewall ?? 'auto', parsed.policies),
    })
    this.parsed = parsed
    this.verdictCache = null
    this.edgeCache = null
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
    const flows = this.flows
    const results = flows ? new FlowEvaluator(createSession(this.set), new FlowAdapter()).evaluateColumns(flows.columns) : []
    this.verdictCache = flowVerdicts(flows?.list ?? [], results)
    return this.verdictCache
  }

  /** The Trace panel's question: the panel knows no inventory, so no peer facts. */
  private trace(query: TraceQuery): Answers['trace'] {
    const { result, notes, lines } = traceConnection(this.set, query)
    return { result, notes, lines }
  }
}
