/**
 * The first pass over the flows inputs, before anything is evaluated:
 * - each file's first timestamp, so rotated exporter files (`events.log`, `events.log.1`,
 *   `events-2026-12-01T10-00-00.log.gz`…) are read in time order whatever their names
 *   (hubble-flows.md §1c: lumberjack names backups by rotation time, the live file has none);
 * - every DNS answer (they are few: only they carry state between flows, batch-eval.ts);
 * - for large plain line-oriented files, split points at record boundaries, so several workers
 *   can each parse a range.
 * Only lines that contain `"ips` are parsed here (an answer's `l7.dns.ips`, escaped or not);
 * the rest is a byte scan. Files that are not one record per line (JSON arrays, pretty-printed
 * objects) are parsed in full here and read as one task.
 */
import type { Flow } from '../../domain/flows/index.ts'
import { createFlowIngest, createFlowParser, decompressChunks, dnsAnswer } from '../../domain/flows/index.ts'
import type { CliIo } from '../io.ts'
import { STDIN, readText, resolvePath } from '../io.ts'
import type { DnsAnswerRecord } from './batch-eval.ts'
import { keyOf, sortAnswers } from './batch-eval.ts'
import type { TaskSpec } from './task.ts'

export interface FilePlan {
  /** As given (or found under a directory); `-` for standard input. */
  readonly input: string
  readonly abs: string
  /** Epoch ms of the first flow; NaN when none. */
  readonly firstTime: number
  readonly size: number
  /** Split points (byte offset and the line starting there) after the first range; empty: one task. */
  readonly cuts: readonly { readonly offset: number; readonly line: number }[]
  /** Standard input's text, kept: it cannot be read twice. */
  readonly text?: string
}

interface Found {
  readonly plan: FilePlan
  readonly answers: { readonly line: number; readonly sub: number; readonly flow: Flow }[]
}

export interface InputPlan {
  /** In reading order: by first timestamp (files without one keep their place after those with one). */
  readonly files: readonly FilePlan[]
  readonly answers: readonly DnsAnswerRecord[]
  readonly tasks: readonly TaskSpec[]
  readonly bytes: number
}

const PATTERN = Buffer.from('"ips')
const NL = 10

/** Plans the inputs; `splitBytes` > 0 splits plain line-oriented files into ranges of about that size. */
export function planInputs(io: CliIo, files: readonly string[], splitBytes: number): InputPlan {
  const found = files.map((input) => scanFile(io, input, splitBytes))
  // Stable: equal or unknown first times keep the order the files were given (or listed) in.
  const order = found.map((f, i) => ({ f, i })).sort((a, b) => timeRank(a.f.plan.firstTime) - timeRank(b.f.plan.firstTime) || a.i - b.i)
  const answers: DnsAnswerRecord[] = []
  const tasks: TaskSpec[] = []
  let bytes = 0
  order.forEach(({ f }, fileIndex) => {
    for (const a of f.answers) answers.push({ key: keyOf(a.flow, fileIndex, a.line, a.sub), flow: a.flow })
    const p = f.plan
    bytes += p.size
    let start = 0
    let line = 1
    for (const cut of [...p.cuts, undefined]) {
      const end = cut?.offset ?? p.size
      tasks.push({ id: tasks.length, file: p.abs, fileIndex, firstLine: line, bytes: end - start,
        ...(p.cuts.length > 0 && { start, end }) })
      if (cut) {
        start = cut.offset
        line = cut.line
      }
    }
  })
  return { files: order.map(({ f }) => f.plan), answers: sortAnswers(answers), tasks, bytes }
}

const timeRank = (t: number): number => (Number.isNaN(t) ? Infinity : t)

/** The file's bytes as read (standard input's text encoded), before any decompression. */
function* rawChunks(io: CliIo, input: string, text: string | undefined): Generator<Uint8Array> {
  if (text !== undefined) {
    yield Buffer.from(text, 'utf8')
    return
  }
  const abs = resolvePath(io, input)
  if (io.readChunks) yield* io.readChunks(abs)
  else yield Buffer.from(readText(io, input, 'flows'), 'utf8')
}

function scanFile(io: CliIo, input: string, splitBytes: number): Found {
  const text = input === STDIN ? readText(io, input, 'flows') : undefined
  const abs = input === STDIN ? STDIN : resolvePath(io, input)
  const size = text !== undefined ? Buffer.byteLength(text) : (io.size?.(abs) ?? 0)
  let gzip = false
  const bytes = decompressChunks(rawChunks(io, input, text), () => void (gzip = true))
  const scan = new LineScan(splitBytes)
  for (const piece of bytes) {
    if (!scan.feed(piece, gzip)) break
  }
  if (scan.whole) return wholeFile(io, input, abs, size, text)
  scan.end()
  return { plan: { input, abs, firstTime: scan.firstTime, size, cuts: gzip ? [] : scan.cuts, ...(text !== undefined && { text }) },
    answers: scan.answers }
}

/** Not one record per line (a JSON array, pretty-printed objects): parsed in full, read as one task. */
function wholeFile(io: CliIo, input: string, abs: string, size: number, text: string | undefined): Found {
  const ingest = createFlowIngest({ keepFlows: false })
  const answers: Found['answers'][number][] = []
  let firstTime = NaN
  let prevLine = -1
  let sub = 0
  const take = (flows: readonly Flow[], lines: readonly number[]): void => {
    for (let i = 0; i < flows.length; i++) {
      sub = lines[i] === prevLine ? sub + 1 : 0
      prevLine = lines[i]
      if (Number.isNaN(firstTime) && !Number.isNaN(flows[i].time)) firstTime = flows[i].time
      if (dnsAnswer(flows[i])) answers.push({ line: lines[i], sub, flow: flows[i] })
    }
  }
  for (const chunk of rawChunks(io, input, text)) take(ingest.push(chunk), ingest.lines())
  take(ingest.end().flows, ingest.lines())
  return { plan: { input, abs, firstTime, size, cuts: [], ...(text !== undefined && { text }) }, answers }
}

/**
 * Walks decompressed bytes line by line without decoding them: counts lines, finds the first
 * flow's time, parses lines that may hold a DNS answer, and picks split points.
 */
class LineScan {
  /** Set when the file turns out not to be one record per line. */
  whole = false
  firstTime = NaN
  readonly answers: Found['answers'][number][] = []
  readonly cuts: { offset: number; line: number }[] = []
  private carry: Buffer | undefined
  /** Complete lines seen so far. */
  private lines = 0
  /** Byte offset (decompressed) of `carry`'s start. */
  private offset = 0
  private started = false
  private headLines = 0
  private readonly head = createFlowParser({ keepFlows: false })
  private nextCut: number

  constructor(private readonly splitBytes: number) {
    this.nextCut = splitBytes > 0 ? splitBytes : Infinity
  }

  /** False when the rest need not be scanned (the file is read whole). */
  feed(piece: Uint8Array, gzip: boolean): boolean {
    const chunk = Buffer.from(piece.buffer, piece.byteOffset, piece.length)
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk
    if (!this.started && !this.shape(buf)) return !this.whole
    const last = buf.lastIndexOf(NL)
    if (last < 0) {
      this.carry = buf
      return true
    }
    let start = 0
    let match = buf.indexOf(PATTERN, 0)
    while (start <= last) {
      const nl = buf.indexOf(NL, start)
      this.lines++
      const line = this.lines
      if (match >= 0 && match < nl) {
        this.answer(buf, start, nl, line)
        match = buf.indexOf(PATTERN, nl + 1)
      }
      if (Number.isNaN(this.firstTime) && this.headLines < 1000) this.headLine(buf, start, nl)
      const at = this.offset + nl + 1
      // A split point: after a line that closes a record, before one that opens one.
      if (!gzip && at >= this.nextCut && nl + 1 < buf.length && buf[nl + 1] === 123 /* { */ && closesRecord(buf, start, nl)) {
        this.cuts.push({ offset: at, line: line + 1 })
        this.nextCut = at + this.splitBytes
      }
      start = nl + 1
    }
    this.offset += last + 1
    this.carry = last + 1 < buf.length ? buf.subarray(last + 1) : undefined
    return true
  }

  end(): void {
    const buf = this.carry
    if (!buf || buf.length === 0) return
    const line = this.lines + 1
    if (buf.indexOf(PATTERN) >= 0) this.answer(buf, 0, buf.length, line)
    if (Number.isNaN(this.firstTime)) this.headLine(buf, 0, buf.length)
  }

  /** Decides from the first line whether the file is line-oriented; false while the first line is incomplete. */
  private shape(buf: Buffer): boolean {
    let i = 0
    while (i < buf.length && (buf[i] === 32 || buf[i] === 9 || buf[i] === 13 || buf[i] === 10 || buf[i] === 0xef || buf[i] === 0xbb || buf[i] === 0xbf)) i++
    if (i >= buf.length) {
      this.carry = buf
      return false
    }
    if (buf[i] === 91 /* [ */) {
      this.whole = true
      return false
    }
    const nl = buf.indexOf(NL, i)
    if (nl < 0 && buf.length < 1 << 20) {
      this.carry = buf
      return false
    }
    // `{` that does not close on its line: pretty-printed records.
    if (buf[i] === 123 && nl >= 0 && !closesRecord(buf, i, nl)) {
      this.whole = true
      return false
    }
    this.started = true
    return true
  }

  private answer(buf: Buffer, start: number, end: number, line: number): void {
    const parser = createFlowParser({ keepFlows: false })
    const flows = [...parser.push(buf.toString('utf8', start, end))]
    parser.end()
    flows.push(...parser.completed())
    flows.forEach((flow, sub) => {
      if (dnsAnswer(flow)) this.answers.push({ line, sub, flow })
    })
  }

  private headLine(buf: Buffer, start: number, end: number): void {
    this.headLines++
    const flows = this.head.push(`${buf.toString('utf8', start, end)}\n`)
    for (const f of flows) {
      if (!Number.isNaN(f.time)) {
        this.firstTime = f.time
        return
      }
    }
  }
}

/** Whether the line [start, nl) ends with `}` (ignoring trailing spaces and CR). */
function closesRecord(buf: Buffer, start: number, nl: number): boolean {
  let j = nl - 1
  while (j >= start && (buf[j] === 13 || buf[j] === 32 || buf[j] === 9)) j--
  return j >= start && buf[j] === 125
}
