/**
 * The evaluator's state and commands, free of any transport: the worker wraps it, and the
 * in-thread fallback (Node, tests, browsers without workers) calls it directly. The answers come
 * from the domain (trace, replay); this keeps the compiled set and the loaded flows between calls.
 */
import { DEFAULT_AGENT_SETTINGS } from '../domain/settings/index.ts'
import { compilePolicySet, createSession, hostFirewallInForce } from '../domain/engine/index.ts'
import type { CompiledPolicySet } from '../domain/engine/index.ts'
import { parsePolicies } from '../domain/policy/parse.ts'
import { FlowAdapter, FlowEvaluator, flowVerdicts } from '../domain/replay/index.ts'
import { ingestFlows, toColumns } from '../domain/flows/index.ts'
import type { Flow, FlowColumns } from '../domain/flows/index.ts'
import type { TraceQuery } from '../domain/trace/index.ts'
import { traceConnection } from '../domain/trace/index.ts'
import { lintForWorkspace } from './lint-command.ts'
import type { FlowLintFacts } from './lint-command.ts'
import type { Answers, Command, EvaluatorSettings, LoadProgress } from './protocol.ts'
import type { EvalResult } from '../domain/engine/index.ts'
import type { LintFinding } from '../domain/lint/index.ts'
import { loadFlowFiles } from './flow-load.ts'
import { buildFlowTable } from './flow-view.ts'
import type { FlowTable } from './flow-view.ts'
import { summarizeFlows } from './flow-summary.ts'
import type { FlowView } from './flow-summary.ts'
import { FlowRowsCache, allowableRows } from './flow-query.ts'
import type { Baseline } from './flow-query.ts'
import type { LostGap } from './flow-stream.ts'
import type { ParseResult } from '../domain/policy/model.ts'
import { edgeVerdictsAnswer } from './edge-verdicts-command.ts'
import { appendLiveFlows } from './flow-live.ts'
import { expectationsAnswer } from './expectations-command.ts'
import { generateAnswer } from './generate-command.ts'
import { rolloutAnswer } from './rollout-command.ts'
import type { InventoryInput, LoadedInventory } from './inventory-command.ts'
import { clusterView } from '../domain/inventory/index.ts'
import { forCluster, inventoryPeerFacts, inventorySummary, readInventory } from './inventory-command.ts'

export class EvaluatorCore {
  private set: CompiledPolicySet = compilePolicySet([])
  /** Loaded flows, kept columnar (DESIGN.md "Evaluator"), and their verdicts for the current set. */
  private flows: { readonly list: readonly Flow[]; readonly columns: FlowColumns } | null = null
  private verdictCache: Answers['verdicts'] | null = null
  /** What lints learn from the flows (endpoints, rules used), per compiled set. */
  private factsCache: FlowLintFacts | null = null
  /** The engine's result per loaded flow (by position), kept for the flows table and detail. */
  private results: EvalResult[] = []
  /** The capture's `lost_events` records (the timeline's gaps), whichever way it was loaded. */
  private lost: readonly LostGap[] = []
  /** The table rows of the loaded flows under the current set, and the page's summary of them. */
  private table: FlowTable | null = null
  private viewCache: FlowView | null = null
  private baseline: Baseline | null = null
  private readonly tableRows = new FlowRowsCache()
  private parsed: Pick<ParseResult, 'policies' | 'cidrGroups'> = { policies: [], cidrGroups: [] }
  private edgeCache: Answers['edgeVerdicts'] | null = null
  /** The workspace text and its expectations YAML, for the rollout and expectations commands. */
  private text = ''
  private expectationsText = ''
  /** The settings of the last `setWorkspace`, so an inventory import recompiles under them. */
  private settings: EvaluatorSettings = DEFAULT_AGENT_SETTINGS
  private inventory: LoadedInventory | null = null
  /** The Cluster tab's view, for the flows and inventory it was built from. */
  private clusterCache: { readonly flows: unknown; readonly inventory: unknown; readonly view: Answers['clusterView'] } | null = null

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
      case 'flowView':
        return this.flowView() as Answers[C['type']]
      case 'flowDetail':
        return this.flowDetail(command.index) as Answers[C['type']]
      case 'flowRows':
        return this.tableRows.answer(this.flowTable(), this.baseline, command.query) as Answers[C['type']]
      case 'flowAllowable':
        return allowableRows(this.tableRows.rows(this.flowTable(), this.baseline, command.query)) as unknown as Answers[C['type']]
      case 'pinBaseline':
        return this.pinBaseline(command.pin) as Answers[C['type']]
      case 'verdictSummary':
        return this.verdicts().summary as Answers[C['type']]
      case 'loadFlowFiles':
        throw new Error('loadFlowFiles streams: call runAsync')
      case 'edgeVerdicts':
        return (this.edgeCache ??= edgeVerdictsAnswer(this.set, this.parsed)) as Answers[C['type']]
      case 'appendLiveFlows':
        return appendLiveFlows(this, command) as Answers[C['type']]
      case 'expectations':
        return expectationsAnswer(this.set, this.expectationsText, this.flows?.list ?? null,
          { adapter: this.flowAdapter(), facts: inventoryPeerFacts(this.inventory, this.settings.clusterName) }) as Answers[C['type']]
      case 'rollout':
        return this.rollout() as Answers[C['type']]
      case 'setInventory':
        return this.setInventory(command.inventory) as Answers[C['type']]
      case 'clusterView':
        return this.clusterView() as Answers[C['type']]
      case 'generate':
        return generateAnswer(this.flows?.list ?? null, this.parsed.policies, this.set.settings, command.scope) as Answers[C['type']]
    }
    throw new Error(`unknown command ${(command as { type: string }).type}`)
  }

  private setWorkspace(text: string, settings: EvaluatorSettings): Answers['setWorkspace'] {
    const parsed = parsePolicies(text)
    // The expectations are evaluated by their own command (expectations-command.ts), not compiled.
    const { hostFirewallChoice, expectations, ...agent } = settings
    this.settings = settings
    this.inventory = forCluster(this.inventory, agent.clusterName)
    this.text = text
    this.expectationsText = expectations ?? ''
    // The graph's switch: `auto` turns the host firewall on when the workspace holds host policies
    // (§2.1) or the agent settings say so; `on`/`off` override both.
    const hostFirewall = hostFirewallInForce(hostFirewallChoice, agent.hostFirewall, parsed.policies)
    // An imported inventory lends Services and nodes, as `--inventory` does on the command line.
    this.set = compilePolicySet(parsed.policies, parsed.cidrGroups, { ...agent, hostFirewall, ...this.inventory?.facts })
    this.parsed = parsed
    this.verdictCache = null
    this.factsCache = null
    this.table = null
    this.viewCache = null
    this.edgeCache = null
    return { policies: parsed.policies.length, problems: this.set.problems.length }
  }

  private loadFlows(text: string): Answers['loadFlows'] {
    const ingest = ingestFlows(text)
    this.setFlowList(ingest.flows, ingest.lostEvents.map((l) => ({ file: 'script', time: l.time, count: l.count, ...(l.source !== undefined && { source: l.source }), ...(l.nodeName !== undefined && { nodeName: l.nodeName }) })))
    this.baseline = null
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
    const results = flows ? new FlowEvaluator(createSession(this.set), this.flowAdapter()).evaluateColumns(flows.columns) : []
    this.results = results
    this.verdictCache = flowVerdicts(flows?.list ?? [], results)
    return this.verdictCache
  }

  /**
   * Flow endpoints → engine refs as `membrane evaluate` makes them: the inventory fills in labels a
   * field mask stripped and named ports (§6.2); with the host firewall on, the host is an endpoint (§2.1).
   */
  private flowAdapter(): FlowAdapter {
    return new FlowAdapter({ ...(this.inventory && { inventory: this.inventory.index }), hostFirewall: this.set.settings.hostFirewall })
  }

  private lint(text: string): Answers['lint'] {
    return { text, findings: this.lintFindings(text) }
  }

  private lintFindings(text: string): LintFinding[] {
    return lintForWorkspace(text, this.flowFacts(), this.inventory?.result.inventory)
  }

  /** Workloads and namespaces of the capture merged with the inventory's (domain/inventory cluster-view.ts). */
  private clusterView(): Answers['clusterView'] {
    const c = this.clusterCache
    if (c && c.flows === this.flows && c.inventory === this.inventory) return c.view
    const view = clusterView(this.flows?.list ?? [], this.inventory?.result.inventory)
    this.clusterCache = { flows: this.flows, inventory: this.inventory, view }
    return view
  }

  /** Imports (or, with null, forgets) the cluster inventory and recompiles the workspace with it. */
  private setInventory(inventory: InventoryInput | null): Answers['setInventory'] {
    this.inventory = inventory && readInventory(inventory, this.settings.clusterName)
    this.setWorkspace(this.text, this.settings)
    return this.inventory && inventorySummary(this.inventory)
  }

  /** Flow facts for the lints under the current policies (null without flows). */
  private flowFacts(): FlowLintFacts | null {
    const flows = this.flows
    if (!flows) return null
    // The verdicts of the loaded flows are computed once per edit; the lints reuse them.
    this.verdicts()
    this.factsCache ??= { flows: flows.list, results: this.results }
    return this.factsCache
  }

  /** Replaces the loaded flows (a finished or partial streamed load, or a text) and their gaps. */
  setFlowList(list: readonly Flow[] | null, lostEvents: readonly LostGap[] = []): void {
    this.flows = list ? { list, columns: toColumns(list) } : null
    this.lost = list ? lostEvents : []
    this.verdictCache = null
    this.table = null
    this.viewCache = null
    this.factsCache = null
  }

  /** The loaded flows as they are, so a cancelled load can put them back. */
  flowList(): readonly Flow[] | null {
    return this.flows?.list ?? null
  }

  lostEvents(): readonly LostGap[] {
    return this.lost
  }

  /** A new capture starts without a baseline (its positions name other flows). */
  clearBaseline(): void {
    this.baseline = null
    this.viewCache = null
  }

  /** The streamed load of several files: see flow-load.ts. */
  runAsync(
    command: Extract<Command, { type: 'loadFlowFiles' }>,
    onProgress: (p: LoadProgress) => void,
    isCancelled: () => boolean,
  ): Promise<Answers['loadFlowFiles']> {
    return loadFlowFiles(this, command.files, onProgress, isCancelled)
  }

  /** Summary counts under the current draft (the streamed load reports them as it goes). */
  summary(): Answers['verdicts']['summary'] {
    return this.verdicts().summary
  }

  private flowTable(): FlowTable {
    this.verdicts()
    this.table ??= buildFlowTable(this.flows?.list ?? [], this.results)
    return this.table
  }

  private flowView(): Answers['flowView'] {
    this.viewCache ??= summarizeFlows(this.flowTable(), this.lost, this.baseline)
    return this.viewCache
  }

  /** Pins the draft's verdicts now as the breakage diff's baseline (or unpins it). */
  private pinBaseline(pin: boolean): Answers['pinBaseline'] {
    this.baseline = pin ? new Map(this.flowTable().rows.map((r) => [r.index, r.verdict])) : null
    this.viewCache = null
    return { pinned: pin }
  }

  private flowDetail(index: number): Answers['flowDetail'] {
    const table = this.flowTable()
    const flow = this.flows?.list[index]
    const result = this.results[index]
    const row = table.rows[index]?.index === index ? table.rows[index] : table.rows.find((r) => r.index === index)
    return flow && result && row ? { flow, result, row } : null
  }

  private rollout(): Answers['rollout'] {
    const flows = this.flows?.list ?? null
    if (flows) this.verdicts()
    return rolloutAnswer(this.set, this.parsed, flows, flows ? this.results : [], this.lintFindings(this.text), this.expectationsText, this.flowAdapter())
  }

  /** The Trace panel's question: an imported inventory lends a pod like the one asked about its address and named ports. */
  private trace(query: TraceQuery): Answers['trace'] {
    const { result, notes, lines } = traceConnection(this.set, query, inventoryPeerFacts(this.inventory, this.settings.clusterName))
    return { result, notes, lines }
  }
}
