/**
 * Streaming evaluation for `evaluate` and `check`. Memory grows with the distinct endpoints and
 * ports (the evaluators' caches) and the DNS answers, not with the number of flows.
 *
 * Order: verdicts are those of one session over the whole input in time order (nanoseconds, then
 * input position), whatever the batch, file or worker a flow was read in: a first pass finds every
 * DNS answer (parallel/plan.ts) and each batch replays the ones that precede it
 * (parallel/batch-eval.ts, which also states the one limit: a non-zero idle-connection grace
 * period). Files are read in the order of their first timestamp (rotated exporter files), and
 * results come out in that reading order, line by line.
 *
 * With `--jobs N` the inputs are split across N threads, the main thread and N - 1 workers
 * (parallel/dispatch.ts): plain line-oriented files in byte ranges, other files (`.gz`, arrays)
 * one per task; the workers also run the first pass while the main thread parses the policies.
 * The main thread merges the parts in task order, de-duplicates across files and hands each flow
 * to the command.
 */
import type { CompiledPolicySet, EvalResult } from '../domain/engine/index.ts'
import type { FlowEndpoint } from '../domain/flows/index.ts'
import { FlowDeduper, createIngestCaches } from '../domain/flows/index.ts'
import type { ParsedArgs } from './args.ts'
import type { Summary } from './format.ts'
import type { CliIo } from './io.ts'
import { STDIN, STDIN_NAME, resolvePath } from './io.ts'
import type { FlowFileSummary, FlowPlace, LoadedPolicies, StreamedFlows } from './load.ts'
import { flowFiles } from './load.ts'
import { BatchEvaluator, exactOrder } from './parallel/batch-eval.ts'
import { ParallelRun } from './parallel/dispatch.ts'
import type { StreamOptions } from './parallel/options.ts'
import { DEFAULT_JOBS } from './parallel/options.ts'
import type { InputPlan } from './parallel/plan.ts'
import { planInputs, rawChunks } from './parallel/plan.ts'
import { policySource } from './parallel/sets.ts'
import type { FlowPart, TaskOptions, TaskSpec, TaskSummary } from './parallel/task.ts'
import { PartEncoder, PartTables, runTask } from './parallel/task.ts'
import type { EvalContext } from './setup.ts'

/** What the commands read of a flow (the fields every thread can hand over cheaply). */
export interface FlowRow {
  /** 0… in reading order, after de-duplication and the time window. */
  readonly index: number
  readonly source: FlowEndpoint
  readonly destination: FlowEndpoint
  /** The recorded verdict (FORWARDED, DROPPED, …). */
  readonly verdict: string
  /** `isReply` of the flow. */
  readonly reply: boolean
  /** `portText` of the flow. */
  readonly port: string
}

export interface StreamEvaluation extends StreamedFlows {
  /** Verdict counts under the first policy set (the draft). */
  readonly summary: Summary
  /** Every distinct endpoint seen: for expectations' name lookups. */
  readonly endpoints: ReadonlySet<FlowEndpoint>
  /** Threads that evaluated: 1 the main thread alone, N with `--jobs N` (N - 1 workers). */
  readonly threads: number
}

/** How the command was called: workers rebuild its policy sets from the same arguments. */
export interface StreamRun {
  readonly command: 'evaluate' | 'check'
  readonly args: ParsedArgs
  readonly options: StreamOptions
  /** Standard input's text, when an input of the command was read from it. */
  readonly stdin?: string
  /** `check --baseline`'s policies (the second set), which workers compile too. */
  readonly baseline?: LoadedPolicies
  /** Workers started early (`startWorkers`), before the command parsed its policies. */
  readonly pool?: ParallelRun
}

interface Sizing {
  readonly files: string[]
  readonly total: number
  readonly fromStdin: boolean
}

function sizing(io: CliIo, inputs: readonly string[]): Sizing {
  const files = flowFiles(io, inputs)
  const fromStdin = files.includes(STDIN)
  const total = fromStdin || !io.size ? 0 : files.reduce((n, f) => n + io.size!(resolvePath(io, f)), 0)
  return { files, total, fromStdin }
}

/**
 * Starts the workers a large input will use and their first pass (loading the bundle, scanning
 * the ranges for DNS answers), so that it overlaps the command's parsing of the policies;
 * undefined when the input is read on the main thread (one job, standard input, or a problem the
 * command itself will report).
 */
export function startWorkers(io: CliIo, inputs: readonly string[], run: Omit<StreamRun, 'pool'>): ParallelRun | undefined {
  // Standard input is read by the command later: its text is not known yet.
  if (io.realFiles !== true || [...run.args.values.values()].some((v) => v.includes(STDIN))) return undefined
  const jobs = run.options.jobs ?? DEFAULT_JOBS
  if (jobs <= 1) return undefined
  try {
    const s = sizing(io, inputs)
    if (s.fromStdin) return undefined
    return new ParallelRun(io, s.files, jobs, rangeBytes(s.total, jobs), { command: run.command, args: run.args, cwd: io.cwd })
  } catch {
    return undefined
  }
}

/**
 * Flows per evaluated batch, and the size of a split file's ranges: by default a quarter of each
 * worker's share (4–64 MB), enough parts to balance, few enough to stay cheap. The environment can
 * set smaller ones — the tests do, to cross batch and range boundaries on small captures; results
 * never depend on either.
 */
const batchFlows = (): number => Number(process.env.MEMBRANE_BATCH_FLOWS) || 65_536
const rangeBytes = (total: number, jobs: number): number =>
  Number(process.env.MEMBRANE_SPLIT_BYTES) || Math.round(Math.max(4e6, Math.min(64e6, total / (jobs * 4))))

/**
 * Evaluates every flow of `inputs` under each of `sets` (the draft first), calling `onFlow` with
 * the flow, its result under each set, and where it was read, in reading order.
 */
export function evaluateStream(io: CliIo, ctx: EvalContext, inputs: readonly string[], sets: readonly CompiledPolicySet[],
  onFlow: (flow: FlowRow, results: readonly EvalResult[], place: FlowPlace) => void, run?: StreamRun): StreamEvaluation {
  const { files, total, fromStdin } = sizing(io, inputs)
  const options = run?.options ?? {}
  const threadsAllowed = run !== undefined && io.realFiles === true && !fromStdin && exactOrder(sets)
  const jobs = threadsAllowed ? (run.pool?.size ?? options.jobs ?? DEFAULT_JOBS) : 1
  if (run?.pool && jobs <= 1) run.pool.close()
  if (options.jobs !== undefined && options.jobs > 1 && !threadsAllowed) {
    const why = fromStdin ? 'flows from standard input' : !exactOrder(sets) ? 'an idle-connection grace period lets connections keep DNS answers alive' : 'inputs not on disk'
    io.stderr(`note: evaluating on one thread (${why})\n`)
  }
  const taskOptions: TaskOptions = { window: { ...(options.since !== undefined && { since: options.since }),
    ...(options.until !== undefined && { until: options.until }) }, dedupe: files.length > 1, batchSize: batchFlows() }
  // The main thread's own evaluation: every task with one thread, its share with workers.
  const local = (plan: InputPlan): ((task: TaskSpec, emit: (part: FlowPart) => void) => void) => {
    const evaluator = new BatchEvaluator(sets, ctx.adapter, plan.answers)
    const encoder = new PartEncoder()
    const shared = { ...taskOptions, caches: createIngestCaches() }
    return (task, emit) => runTask(task, rawChunks(io, plan.files[task.fileIndex], task), evaluator, encoder, shared, emit)
  }
  if (jobs <= 1) {
    const plan = planInputs(io, files, 0)
    const merge = new PartMerger(io, plan, sets.length, onFlow, false)
    const run = local(plan)
    for (const task of plan.tasks) run(task, (part) => merge.add(part, 0))
    return merge.finish(1)
  }
  if (!run) throw new Error('unreachable: workers need the command line')
  const parallel = run.pool ?? new ParallelRun(io, files, jobs, rangeBytes(total, jobs),
    { command: run.command, args: run.args, cwd: io.cwd, ...(run.stdin !== undefined && { stdin: run.stdin }) })
  try {
    const plan = parallel.plan()
    const merge = new PartMerger(io, plan, sets.length, onFlow, true)
    const policies = [policySource(ctx.loaded), ...(run.baseline ? [policySource(run.baseline)] : [])]
    if (policies.length !== sets.length) throw new Error('unreachable: every policy set needs its policies for the workers')
    parallel.evaluate(plan, { answers: plan.answers, options: taskOptions, policies }, local(plan), (part, sender) => merge.add(part, sender))
    return merge.finish(jobs)
  } finally {
    parallel.close()
  }
}

/** Turns parts (in task order) into rows for the command, de-duplicating across files and reporting per file. */
class PartMerger {
  private index = 0
  private readonly summary: Summary = { allowed: 0, denied: 0, audit: 0 }
  private readonly dedupe: FlowDeduper | undefined
  private readonly endpointSet = new Set<FlowEndpoint>()
  /** With workers, endpoints arrive as copies: one per distinct content. */
  private readonly endpointByText: Map<string, FlowEndpoint> | undefined
  private readonly summaries: FlowFileSummary[] = []
  private file = -1
  private fileTotals: { flows: number; skipped: number; samples: TaskSummary['skippedSamples'][number][]; nonFlow: number;
    lost: TaskSummary['lostEvents'][number][]; gzip: boolean } | undefined
  private readonly progress: ProgressLine | undefined
  private bytes = 0

  constructor(private readonly io: CliIo, private readonly plan: InputPlan, private readonly sets: number,
    private readonly onFlow: (flow: FlowRow, results: readonly EvalResult[], place: FlowPlace) => void, copies: boolean) {
    this.dedupe = plan.files.length > 1 ? new FlowDeduper(true) : undefined
    this.endpointByText = copies ? new Map() : undefined
    this.progress = io.stderrIsTty === true ? new ProgressLine(io) : undefined
  }

  /** One table set per sender (the main thread, or each worker). */
  private readonly tables: PartTables[] = []

  add(part: FlowPart, sender: number): void {
    const task = this.plan.tasks[part.task]
    if (task.fileIndex !== this.file) this.startFile(task.fileIndex)
    const file = this.shownFile(task.fileIndex)
    const tables = (this.tables[sender] ??= new PartTables())
    tables.add(part, (e) => this.endpoint(e))
    const { endpoints, ports, verdicts, results } = tables
    const row: EvalResult[] = new Array<EvalResult>(this.sets)
    for (let j = 0; j < part.n; j++) {
      if (part.hash && this.dedupe?.seenKey(part.hash[j])) continue
      for (let s = 0; s < this.sets; s++) row[s] = results[s][part.result[s][j]]
      this.summary[row[0].verdict]++
      this.onFlow({ index: this.index++, source: endpoints[part.src[j]], destination: endpoints[part.dst[j]],
        verdict: verdicts[part.recorded[j]], reply: part.reply[j] === 1, port: ports[part.port[j]] }, row, { file, line: part.line[j] })
    }
    if (part.final && part.summary) {
      this.bytes += task.bytes
      const t = this.fileTotals!
      const s = part.summary
      t.flows += s.flows
      t.skipped += s.skipped
      for (const x of s.skippedSamples) if (t.samples.length < 20) t.samples.push(x)
      t.nonFlow += s.nonFlow
      t.lost.push(...s.lostEvents)
      t.gzip ||= s.gzip
    }
    this.progress?.show(file, this.bytes, this.plan.bytes, this.index)
  }

  finish(threads: number): StreamEvaluation {
    this.endFile()
    if (this.dedupe && this.dedupe.duplicates > 0) this.io.stderr(`${this.dedupe.duplicates} duplicate flow(s) across the files were read once\n`)
    return { files: this.summaries, flows: this.index, duplicates: this.dedupe?.duplicates ?? 0, summary: this.summary,
      endpoints: this.endpointSet, threads }
  }

  private endpoint(e: FlowEndpoint): FlowEndpoint {
    if (!this.endpointByText) {
      this.endpointSet.add(e)
      return e
    }
    const text = JSON.stringify(e)
    let known = this.endpointByText.get(text)
    if (!known) {
      this.endpointByText.set(text, (known = e))
      this.endpointSet.add(e)
    }
    return known
  }

  private shownFile(i: number): string {
    const input = this.plan.files[i].input
    return input === STDIN ? STDIN_NAME : input
  }

  private startFile(i: number): void {
    this.endFile()
    this.file = i
    this.fileTotals = { flows: 0, skipped: 0, samples: [], nonFlow: 0, lost: [], gzip: false }
  }

  /** The per-file warnings, as the single-threaded reader printed them. */
  private endFile(): void {
    const t = this.fileTotals
    if (!t) return
    this.fileTotals = undefined
    const file = this.shownFile(this.file)
    this.summaries.push({ file, flows: t.flows, skipped: t.skipped, skippedSamples: t.samples, nonFlow: t.nonFlow, lostEvents: t.lost, gzip: t.gzip })
    this.progress?.clear()
    const io = this.io
    if (t.skipped > 0) {
      const first = t.samples.slice(0, 3).map((s) => `line ${s.line}: ${s.reason}`).join('; ')
      const text = t.samples[0]?.text
      io.stderr(`${file}: skipped ${t.skipped} unreadable line(s) (${first})${text !== undefined ? `; first at line ${t.samples[0].line}: ${JSON.stringify(text.slice(0, 80))}` : ''}\n`)
    }
    if (t.lost.length > 0) {
      const lost = t.lost.reduce((n, l) => n + l.count, 0)
      io.stderr(`${file}: ${t.lost.length} lost-events record(s): Hubble dropped ${lost} event(s) before recording them; the capture has gaps\n`)
    }
    if (t.flows === 0) io.stderr(`${file}: no flows found${t.nonFlow > 0 ? ` (${t.nonFlow} non-flow events)` : ''}\n`)
  }
}

/** `file  12.3/40.0 MB  1,234,567 flows` on one terminal line, redrawn at most 10 times a second. */
class ProgressLine {
  private last = 0
  private shown = false

  constructor(private readonly io: CliIo) {}

  show(file: string, bytes: number, total: number, flows: number): void {
    const now = Date.now()
    if (now - this.last < 100) return
    this.last = now
    const mb = (n: number): string => (n / 1e6).toFixed(1)
    this.io.stderr(`\r\u001b[K${file.split(/[\\/]/).pop() ?? file}  ${mb(bytes)}/${mb(total)} MB  ${flows.toLocaleString('en-US')} flows`)
    this.shown = true
  }

  clear(): void {
    if (this.shown) this.io.stderr('\r\u001b[K')
    this.shown = false
  }
}
