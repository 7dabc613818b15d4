/**
 * One unit of streamed evaluation: a whole flows file, or a byte range of a large line-oriented
 * one, parsed and evaluated batch by batch (batch-eval.ts). The same code runs in the main thread
 * (`--jobs 1`, standard input) and in worker threads; what leaves it is a `FlowPart`: the few
 * fields the reports read, as typed arrays plus small tables of the distinct endpoints, ports
 * and results (evaluators return the same result object for the same connection, so the tables
 * stay small), cheap to send between threads.
 */
import type { EvalResult } from '../../domain/engine/index.ts'
import type { Flow, FlowEndpoint, IngestCaches, LostEvents, SkippedSample } from '../../domain/flows/index.ts'
import { createFlowIngest, flowHash, isReply } from '../../domain/flows/index.ts'
import { portText } from '../format.ts'
import type { BatchEvaluator, FlowKey } from './batch-eval.ts'
import { keyOf } from './batch-eval.ts'

export interface TaskSpec {
  readonly id: number
  /** Absolute path (workers read it themselves). */
  readonly file: string
  /** The file's place in the time-ordered file list (the first field of a flow's input position). */
  readonly fileIndex: number
  /** Byte range of a split file; absent: the whole file. */
  readonly start?: number
  readonly end?: number
  /** Line number of the range's first line (1 for a whole file). */
  readonly firstLine: number
  /** Bytes the task covers, for progress (the file size for a whole file). */
  readonly bytes: number
}

/** Flows shown are those whose time falls in the window (inclusive, ms); answers outside it still teach. */
export interface TimeWindow {
  readonly since?: number
  readonly until?: number
}

export interface TaskOptions {
  /** Parser caches shared by the tasks of one thread (endpoints then keep their identity across tasks). */
  readonly caches?: IngestCaches
  readonly window: TimeWindow
  /** Compute de-duplication hashes (several files are read). */
  readonly dedupe: boolean
  /** Flows per evaluated batch. */
  readonly batchSize: number
}

export interface TaskSummary {
  readonly flows: number
  readonly skipped: number
  readonly skippedSamples: readonly SkippedSample[]
  readonly nonFlow: number
  readonly lostEvents: readonly LostEvents[]
  readonly gzip: boolean
}

/**
 * A batch's flows. The tables (`endpoints`, `ports`, `verdicts`, `results`) only list what is new
 * since the previous part from the same `PartEncoder`; the per-flow indexes point into everything
 * that encoder listed so far (`PartTables` rebuilds the whole tables on the receiving side).
 */
export interface FlowPart {
  readonly task: number
  readonly final: boolean
  /** The encoder's table generation (tables start over after a cap). */
  readonly generation: number
  readonly n: number
  /** Absolute line of each flow. */
  readonly line: Int32Array
  readonly hash?: Float64Array
  readonly endpoints: readonly FlowEndpoint[]
  readonly src: Int32Array
  readonly dst: Int32Array
  readonly ports: readonly string[]
  readonly port: Int32Array
  /** Recorded verdicts (`Flow.verdict`) and each flow's index into them. */
  readonly verdicts: readonly string[]
  readonly recorded: Int32Array
  readonly reply: Uint8Array
  /** Per policy set: distinct results, and each flow's index into them. */
  readonly results: readonly (readonly EvalResult[])[]
  readonly result: readonly Int32Array[]
  /** On the final part: the parser's totals for the task. */
  readonly summary?: TaskSummary
}

/** The typed arrays of a part, for `postMessage` transfer lists. */
export function transferables(p: FlowPart): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [p.line, p.src, p.dst, p.port, p.recorded, p.reply, ...p.result, ...(p.hash ? [p.hash] : [])]
  return arrays.map((a) => a.buffer as ArrayBuffer)
}

const inWindow = (w: TimeWindow, f: Flow): boolean =>
  (w.since === undefined || f.time >= w.since) && (w.until === undefined || f.time <= w.until)

/** Ids for values by identity; `fresh()` hands over the values listed since the last call. */
class Table<T> {
  private fresh_: T[] = []
  private readonly ids = new Map<T, number>()
  /** A cap keeps a pathological input (a new result per flow) from growing the map without bound. */
  constructor(private readonly cap = 1 << 20) {}
  id(v: T): number {
    let id = this.ids.get(v)
    if (id === undefined) {
      if (this.ids.size >= this.cap) throw new RestartTables()
      this.ids.set(v, (id = this.ids.size))
      this.fresh_.push(v)
    }
    return id
  }
  fresh(): T[] {
    const out = this.fresh_
    this.fresh_ = []
    return out
  }
}

class RestartTables extends Error {}

/**
 * Encodes parts for one receiver. Tables persist across parts, so an endpoint or a result is sent
 * once per thread, not once per batch: copying them between threads costs more than the flows'
 * typed arrays.
 */
export class PartEncoder {
  private endpoints = new Table<FlowEndpoint>()
  private ports = new Table<string>()
  private verdicts = new Table<string>()
  private results: Table<EvalResult>[] = []
  /** Bumped when the tables start over (the receiver then drops its copies). */
  private generation = 0

  encode(task: number, flows: readonly Flow[], lines: readonly number[], results: readonly EvalResult[][], opts: TaskOptions,
    final: boolean, summary: TaskSummary | undefined): FlowPart {
    try {
      return this.tryEncode(task, flows, lines, results, opts, final, summary)
    } catch (e) {
      if (!(e instanceof RestartTables)) throw e
      this.endpoints = new Table()
      this.ports = new Table()
      this.verdicts = new Table()
      this.results = []
      this.generation++
      return this.tryEncode(task, flows, lines, results, opts, final, summary)
    }
  }

  private tryEncode(task: number, flows: readonly Flow[], lines: readonly number[], results: readonly EvalResult[][], opts: TaskOptions,
    final: boolean, summary: TaskSummary | undefined): FlowPart {
  const windowed = opts.window.since !== undefined || opts.window.until !== undefined
  const keep: number[] = []
  for (let i = 0; i < flows.length; i++) if (!windowed || inWindow(opts.window, flows[i])) keep.push(i)
  const n = keep.length
  const { endpoints, ports, verdicts } = this
  while (this.results.length < results.length) this.results.push(new Table<EvalResult>())
  const resultTables = this.results
  const portMemo = new Map<unknown, number>()
  const part = {
    task, final, n, line: new Int32Array(n), ...(opts.dedupe && { hash: new Float64Array(n) }),
    src: new Int32Array(n), dst: new Int32Array(n), port: new Int32Array(n), recorded: new Int32Array(n), reply: new Uint8Array(n),
    result: results.map(() => new Int32Array(n)),
  }
  for (let j = 0; j < n; j++) {
    const i = keep[j]
    const f = flows[i]
    part.line[j] = lines[i]
    if (part.hash) part.hash[j] = flowHash(f)
    part.src[j] = endpoints.id(f.source)
    part.dst[j] = endpoints.id(f.destination)
    // L4 sections of one parser repeat a handful of shapes; the text is made once per object.
    const l4 = f.l4 ?? portMemo
    let p = portMemo.get(l4)
    if (p === undefined) portMemo.set(l4, (p = ports.id(portText(f))))
    part.port[j] = p
    part.recorded[j] = verdicts.id(f.verdict)
    part.reply[j] = isReply(f) ? 1 : 0
    for (let s = 0; s < results.length; s++) part.result[s][j] = resultTables[s].id(results[s][i])
  }
  return { ...part, generation: this.generation, endpoints: endpoints.fresh(), ports: ports.fresh(), verdicts: verdicts.fresh(),
    results: results.map((_, s) => resultTables[s].fresh()), ...(summary && { summary }) }
  }
}

/** The receiving side of one `PartEncoder`: the whole tables, from each part's new entries. */
export class PartTables {
  endpoints: FlowEndpoint[] = []
  ports: string[] = []
  verdicts: string[] = []
  results: EvalResult[][] = []
  private generation = 0

  /** Adds the part's new entries; `mapEndpoint` may swap an endpoint for an equal one already known. */
  add(part: FlowPart, mapEndpoint: (e: FlowEndpoint) => FlowEndpoint): void {
    if (part.generation !== this.generation) {
      this.endpoints = []
      this.ports = []
      this.verdicts = []
      this.results = []
      this.generation = part.generation
    }
    for (const e of part.endpoints) this.endpoints.push(mapEndpoint(e))
    this.ports.push(...part.ports)
    this.verdicts.push(...part.verdicts)
    part.results.forEach((list, s) => {
      const into = (this.results[s] ??= [])
      for (const r of list) into.push(r)
    })
  }
}

/**
 * Parses `chunks` (the task's bytes, or text) and evaluates them batch by batch, handing each
 * batch's part to `emit` (the last one `final`, with the totals).
 */
export function runTask(spec: TaskSpec, chunks: Iterable<Uint8Array | string>, evaluator: BatchEvaluator, encoder: PartEncoder,
  opts: TaskOptions, emit: (part: FlowPart) => void): void {
  const ingest = createFlowIngest({ keepFlows: false, ...(opts.caches && { caches: opts.caches }) })
  const lineBase = spec.firstLine - 1
  let flows: Flow[] = []
  let keys: FlowKey[] = []
  let lines: number[] = []
  let prevLine = -1
  let sub = 0
  const take = (got: readonly Flow[], local: readonly number[]): void => {
    for (let i = 0; i < got.length; i++) {
      const line = lineBase + local[i]
      sub = line === prevLine ? sub + 1 : 0
      prevLine = line
      flows.push(got[i])
      lines.push(line)
      keys.push(keyOf(got[i], spec.fileIndex, line, sub))
    }
  }
  const flush = (final: boolean, summary?: TaskSummary): void => {
    const results = evaluator.evaluate(flows, keys)
    emit(encoder.encode(spec.id, flows, lines, results, opts, final, summary))
    flows = []
    keys = []
    lines = []
  }
  for (const chunk of chunks) {
    take(ingest.push(chunk), ingest.lines())
    // A line's records complete in one push, so a batch never splits a line.
    if (flows.length >= opts.batchSize) flush(false)
  }
  const end = ingest.end()
  take(end.flows, ingest.lines())
  const r = end.result
  const shift = <T extends { line: number }>(x: T): T => ({ ...x, line: x.line + lineBase })
  flush(true, { flows: ingest.progress().flows, skipped: r.skipped, skippedSamples: r.skippedSamples.map(shift), nonFlow: r.nonFlow,
    lostEvents: r.lostEvents.map(shift), gzip: ingest.progress().gzip })
}
