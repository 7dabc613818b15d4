/**
 * The evaluator's state and commands, free of any transport: the worker wraps it, and the
 * in-thread fallback (Node, tests, browsers without workers) calls it directly. The answers come
 * from the domain (trace, replay); this keeps the compiled set and the loaded flows between calls.
 */
import { compilePolicySet, createSession } from '../domain/engine/index.ts'
import type { CompiledPolicySet } from '../domain/engine/index.ts'
import { parsePolicies } from '../domain/policy/parse.ts'
import { FlowAdapter, FlowEvaluator, flowVerdicts } from '../domain/replay/index.ts'
import { ingestFlows, toColumns } from '../domain/flows/index.ts'
import type { Flow, FlowColumns } from '../domain/flows/index.ts'
import type { TraceQuery } from '../domain/trace/index.ts'
import { traceConnection } from '../domain/trace/index.ts'
import type { Answers, Command, EvaluatorSettings } from './protocol.ts'
import { lintForWorkspace } from './lint-command.ts'
import type { FlowLintFacts } from './lint-command.ts'

export class EvaluatorCore {
  private set: CompiledPolicySet = compilePolicySet([])
  /** Loaded flows, kept columnar (DESIGN.md "Evaluator"), and their verdicts for the current set. */
  private flows: { readonly list: readonly Flow[]; readonly columns: FlowColumns } | null = null
  private verdictCache: Answers['verdicts'] | null = null
  /** What lints learn from the flows (endpoints, rules used), per compiled set. */
  private factsCache: FlowLintFacts | null = null

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
      case 'lint':
        return this.lint(command.text) as Answers[C['type']]
    }
    throw new Error(`unknown command ${(command as { type: string }).type}`)
  }

  private setWorkspace(text: string, settings: EvaluatorSettings): Answers['setWorkspace'] {
    const parsed = parsePolicies(text)
    // The agent settings are a slice of the engine's Settings, so they go in as they are.
    this.set = compilePolicySet(parsed.policies, parsed.cidrGroups, settings)
    this.verdictCache = null
    this.factsCache = null
    return { policies: parsed.policies.length, problems: this.set.problems.length }
  }

  private loadFlows(text: string): Answers['loadFlows'] {
    const ingest = ingestFlows(text)
    this.flows = { list: ingest.flows, columns: toColumns(ingest.flows) }
    this.verdictCache = null
    this.factsCache = null
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

  private lint(text: string): Answers['lint'] {
    return { text, findings: lintForWorkspace(text, this.flowFacts()) }
  }

  /** Flow facts for the lints under the current policies (null without flows). */
  private flowFacts(): FlowLintFacts | null {
    const flows = this.flows
    if (!flows) return null
    this.factsCache ??= { flows: flows.list, results: new FlowEvaluator(createSession(this.set), new FlowAdapter()).evaluateColumns(flows.columns) }
    return this.factsCache
  }

  /** The Trace panel's question: the panel knows no inventory, so no peer facts. */
  private trace(query: TraceQuery): Answers['trace'] {
    const { result, notes, lines } = traceConnection(this.set, query)
    return { result, notes, lines }
  }
}
