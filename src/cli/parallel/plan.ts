/**
 * The first pass over the flows inputs, before anything is evaluated, in two steps:
 * - layout (`layoutInputs`, a few small reads per file): each file's size and, for large plain
 *   line-oriented files, split points at record boundaries, found by reading a little past each
 *   target offset, so that several workers can each take a range;
 * - scan (`scanRange`, per range: on the workers when there are workers, so it runs in parallel
 *   and while the main thread compiles the policies): the range's line count, the first flow's
 *   time (rotated exporter files are read in time order whatever their names, hubble-flows.md §1c:
 *   lumberjack names backups by rotation time, the live file has none), and every DNS answer
 *   (they are few: only they carry state between flows, batch-eval.ts).
 * A scan parses only the lines that contain `"ips` (an answer's `l7.dns.ips`, escaped or not);
 * the rest is a byte search. Files that are not one record per line (JSON arrays, pretty-printed
 * objects) are parsed in full by their scan and read as one task, as are compressed files.
 */
import { closeSync, openSync } from 'node:fs'
import type { Flow } from '../../domain/flows/index.ts'
import { createFlowIngest, createFlowParser, decompressChunks, dnsAnswer, isGzip } from '../../domain/flows/index.ts'
import type { CliIo } from '../io.ts'
import { STDIN, readText, resolvePath } from '../io.ts'
import type { DnsAnswerRecord } from './batch-eval.ts'
import { keyOf, sortAnswers } from './batch-eval.ts'
import { readAt, readRange } from './ranges.ts'
import type { TaskSpec } from './task.ts'

/** `[start, end)` of a split file; no bounds: the whole file. */
export interface ByteRange {
  readonly start?: number
  readonly end?: number
}

export interface FileLayout {
  /** As given (or found under a directory); `-` for standard input. */
  readonly input: string
  readonly abs: string
  readonly size: number
  /** In file order; each ends just after a line and the next starts with a record. */
  readonly ranges: readonly ByteRange[]
  /** Standard input's text, kept: it cannot be read twice. */
  readonly text?: string
}

/** A DNS answer found by a scan: its line within the range (from 1) and its record on that line. */
export interface FoundAnswer {
  readonly line: number
  readonly sub: number
  readonly flow: Flow
}

export interface RangeScan {
  /** Complete lines in the range: the next range starts that many lines later. */
  readonly lines: number
  /** Epoch ms of the first flow with a time (within the first 1,000 lines); NaN when none. */
  readonly firstTime: number
  readonly answers: readonly FoundAnswer[]
}

export interface FilePlan {
  readonly input: string
  readonly abs: string
  /** Epoch ms of the first flow; NaN when none. */
  readonly firstTime: number
  readonly size: number
  readonly text?: string
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
const OPEN = 123 // {
const CLOSE = 125 // }
/** Read at the start of a file to tell its shape. */
const HEAD = 1 << 20
/** Read past a target offset to find a record boundary (overlapping by `BACK` bytes). */
const WINDOW = 1 << 16
const BACK = 256

/** Lays the inputs out; `splitBytes` > 0 splits large plain line-oriented files on disk into ranges of about that size. */
export function layoutInputs(io: CliIo, files: readonly string[], splitBytes: number): FileLayout[] {
  return files.map((input) => {
    const text = input === STDIN ? readText(io, input, 'flows') : undefined
    const abs = input === STDIN ? STDIN : resolvePath(io, input)
    const size = text !== undefined ? Buffer.byteLength(text) : (io.size?.(abs) ?? 0)
    const split = text === undefined && io.realFiles === true && splitBytes > 0 && size > splitBytes
    return { input, abs, size, ranges: split ? splitRanges(abs, size, splitBytes) : [{}], ...(text !== undefined && { text }) }
  })
}

/** The bytes of one range as read (before any decompression). */
export function rawChunks(io: CliIo, file: Pick<FileLayout, 'input' | 'abs' | 'text'>, range: ByteRange): Iterable<Uint8Array> {
  if (file.text !== undefined) return [Buffer.from(file.text, 'utf8')]
  if (range.start !== undefined) return readRange(file.abs, range.start, range.end)
  if (io.readChunks) return io.readChunks(file.abs)
  return [Buffer.from(readText(io, file.input, 'flows'), 'utf8')]
}

/** Lays out and scans every range on this thread. */
export function planInputs(io: CliIo, files: readonly string[], splitBytes: number): InputPlan {
  const layouts = layoutInputs(io, files, splitBytes)
  return planOf(layouts, layouts.map((file) => file.ranges.map((r) => scanRange(() => rawChunks(io, file, r), !r.start))))
}

/** The plan from each file's range scans (`scans[file][range]`): files in time order, absolute lines, answers in key order. */
export function planOf(layouts: readonly FileLayout[], scans: readonly (readonly RangeScan[])[]): InputPlan {
  const found = layouts.map((file, i) => ({ file, scans: scans[i], firstTime: scans[i][0]?.firstTime ?? NaN, i }))
  // Stable: equal or unknown first times keep the order the files were given (or listed) in.
  found.sort((a, b) => timeRank(a.firstTime) - timeRank(b.firstTime) || a.i - b.i)
  const answers: DnsAnswerRecord[] = []
  const tasks: TaskSpec[] = []
  let bytes = 0
  found.forEach(({ file, scans: ranges }, fileIndex) => {
    let line = 1
    file.ranges.forEach((r, k) => {
      const scan = ranges[k]
      for (const a of scan.answers) answers.push({ key: keyOf(a.flow, fileIndex, line - 1 + a.line, a.sub), flow: a.flow })
      const start = r.start ?? 0
      tasks.push({ id: tasks.length, file: file.abs, fileIndex, firstLine: line, bytes: (r.end ?? file.size) - start,
        ...(r.start !== undefined && { start, end: r.end }) })
      line += scan.lines
    })
    bytes += file.size
  })
  const files = found.map(({ file, firstTime }) => ({ input: file.input, abs: file.abs, firstTime, size: file.size,
    ...(file.text !== undefined && { text: file.text }) }))
  return { files, answers: sortAnswers(answers), tasks, bytes }
}

const timeRank = (t: number): number => (Number.isNaN(t) ? Infinity : t)

/** Scans one range; `raw` gives its bytes as read (called again when the file must be parsed whole). */
export function scanRange(raw: () => Iterable<Uint8Array>, fromStart: boolean): RangeScan {
  const scan = new LineScan(fromStart)
  for (const piece of decompressChunks(raw(), () => undefined)) {
    if (!scan.feed(piece)) break
  }
  if (scan.whole) return wholeScan(raw())
  scan.end()
  return { lines: scan.lines, firstTime: scan.firstTime, answers: scan.answers }
}

/** Not one record per line (a JSON array, pretty-printed objects): parsed in full, read as one task. */
function wholeScan(raw: Iterable<Uint8Array>): RangeScan {
  const ingest = createFlowIngest({ keepFlows: false })
  const answers: FoundAnswer[] = []
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
  for (const chunk of raw) take(ingest.push(chunk), ingest.lines())
  take(ingest.end().flows, ingest.lines())
  return { lines: 0, firstTime, answers }
}

/** The range list of a file split at record boundaries about `splitBytes` apart (one range when it cannot be split). */
function splitRanges(abs: string, size: number, splitBytes: number): ByteRange[] {
  const fd = openSync(abs, 'r')
  try {
    if (!lineOriented(readAt(fd, 0, HEAD))) return [{}]
    const cuts = [0]
    for (let target = splitBytes; target < size;) {
      const cut = boundaryFrom(fd, target, size)
      if (cut === undefined) break
      cuts.push(cut)
      target = cut + splitBytes
    }
    return cuts.length === 1 ? [{}] : cuts.map((start, i) => ({ start, end: cuts[i + 1] ?? size }))
  } finally {
    closeSync(fd)
  }
}

/** The first offset ≥ `from` that starts a line opening a record, after a line closing one. */
function boundaryFrom(fd: number, from: number, size: number): number | undefined {
  for (let at = from - 1; at < size - 1; at += WINDOW - BACK) {
    const buf = readAt(fd, at, WINDOW)
    for (let nl = buf.indexOf(NL); nl >= 0 && nl + 1 < buf.length; nl = buf.indexOf(NL, nl + 1)) {
      if (buf[nl + 1] === OPEN && closesRecord(buf, 0, nl)) return at + nl + 1
    }
  }
  return undefined
}

/** Whether a file's head shows one record per line: not compressed, not an array, a first `{` that closes on its line. */
function lineOriented(head: Buffer): boolean {
  if (isGzip(head)) return false
  let i = 0
  while (i < head.length && isBlank(head[i])) i++
  const nl = head.indexOf(NL, i)
  if (i >= head.length || head[i] === 91 /* [ */ || nl < 0) return false
  return head[i] !== OPEN || closesRecord(head, i, nl)
}

const isBlank = (b: number): boolean => b === 32 || b === 9 || b === 13 || b === 10 || b === 0xef || b === 0xbb || b === 0xbf

/**
 * Walks decompressed bytes line by line without decoding them: counts lines, finds the first
 * flow's time, parses the lines that may hold a DNS answer.
 */
class LineScan {
  /** Set when the file turns out not to be one record per line. */
  whole = false
  firstTime = NaN
  /** Complete lines seen so far. */
  lines = 0
  readonly answers: FoundAnswer[] = []
  private carry: Buffer | undefined
  private started: boolean
  private headLines = 0
  private readonly head = createFlowParser({ keepFlows: false })

  /** `fromStart`: the range starts the file, whose shape its first line tells. */
  constructor(fromStart: boolean) {
    this.started = !fromStart
  }

  /** False when the rest need not be scanned (the file is read whole). */
  feed(piece: Uint8Array): boolean {
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
      if (match >= 0 && match < nl) {
        this.answer(buf, start, nl, this.lines)
        match = buf.indexOf(PATTERN, nl + 1)
      }
      if (Number.isNaN(this.firstTime) && this.headLines < 1000) this.headLine(buf, start, nl)
      start = nl + 1
    }
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
    while (i < buf.length && isBlank(buf[i])) i++
    if (i >= buf.length) {
      this.carry = buf
      return false
    }
    if (buf[i] === 91 /* [ */) {
      this.whole = true
      return false
    }
    const nl = buf.indexOf(NL, i)
    if (nl < 0 && buf.length < HEAD) {
      this.carry = buf
      return false
    }
    // `{` that does not close on its line: pretty-printed records.
    if (buf[i] === OPEN && nl >= 0 && !closesRecord(buf, i, nl)) {
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
  return j >= start && buf[j] === CLOSE
}
