/**
 * Hubble flow ingest: JSONL (`hubble observe -o json/jsonpb`, exporter files, legacy bare
 * flows), JSON arrays on one line or pretty-printed over many, log-prefixed lines. Line based
 * like `hubble observe --input-file` (one bad line costs one line), with a streaming API so
 * the UI can feed big files chunk by chunk and show progress. Never throws.
 */
import { DocumentAssembler, opensDocument } from './document.ts'
import type { DocumentPiece } from './document.ts'
import type { Flow, IngestResult, LostEvents, SkippedSample } from './flow.ts'
import type { JsonObject } from './json.ts'
import { num, str } from './json.ts'
import { FlowNormalizer } from './normalize.ts'
import { TimeParser } from './time.ts'
import { classify, unwrapLogLine } from './records.ts'
import { utf8Decoder } from './utf8.ts'
import type { Utf8Decoder } from './utf8.ts'

export interface IngestOptions {
  /**
   * Longest accepted line / record, in characters. Hubble's reader stops at 64 KiB; we allow
   * more because long header lists and one-line arrays exist, but cap it so a binary file with
   * no newline cannot exhaust memory. Default 8 MiB.
   */
  readonly maxLineLength?: number
  /** How many skipped records to describe in `skippedSamples`. Default 20. */
  readonly maxSamples?: number
  /** Keep flows in the final result (default true); false when the caller consumes `push` output. */
  readonly keepFlows?: boolean
  /**
   * Caches to share with other parsers (`createIngestCaches`): flows of several inputs read by one
   * consumer then share their interned endpoints, as flows of one input do.
   */
  readonly caches?: IngestCaches
}

/** The interning caches of a parser (endpoints, labels, timestamps), opaque to callers. */
export interface IngestCaches {
  readonly normalizer: FlowNormalizer
}

export function createIngestCaches(): IngestCaches {
  return { normalizer: new FlowNormalizer() }
}

export interface IngestProgress {
  /** Input consumed: bytes of `Uint8Array` chunks plus the length of text chunks. */
  readonly bytes: number
  readonly chars: number
  readonly lines: number
  readonly flows: number
  readonly skipped: number
  readonly nonFlow: number
  /** `lost_events` records seen so far (gaps). */
  readonly lost: number
}

export interface FlowParser {
  /** Feeds a chunk (text, or UTF-8 bytes); returns the flows completed by it. */
  push(chunk: string | Uint8Array): Flow[]
  /** Flushes the last line and returns the totals. */
  end(): IngestResult
  progress(): IngestProgress
  /** The 1-based line that completed each flow of `completed()` (same order). */
  lines(): readonly number[]
  /** The flows completed by the last `push` or `end` (what `push` returned; for `end`, the last line's). */
  completed(): readonly Flow[]
  /** Counts one skipped record for a problem outside the text (e.g. a corrupt `.gz`), at the current line. */
  fail(reason: string): void
}

const DEFAULT_MAX_LINE = 8 * 1024 * 1024

/** Refused lines in a row after which the scanner is only tried on every 64th line. */
const SCAN_REFUSALS = 32
const SCAN_RETRY_MASK = 63

export function createFlowParser(options: IngestOptions = {}): FlowParser {
  return new StreamingFlowParser(options)
}

/** Parses a whole input (a string, or chunks of one) in one call. */
export function ingestFlows(input: string | Iterable<string | Uint8Array>, options: IngestOptions = {}): IngestResult {
  const parser = createFlowParser(options)
  if (typeof input === 'string') parser.push(input)
  else for (const chunk of input) parser.push(chunk)
  return parser.end()
}

class StreamingFlowParser implements FlowParser {
  private readonly maxLine: number
  private readonly maxSamples: number
  private readonly keep: boolean
  private readonly normalizer: FlowNormalizer
  private readonly flows: Flow[] = []
  private readonly samples: SkippedSample[] = []
  private readonly lostEvents: LostEvents[] = []
  private readonly lostTimes = new TimeParser()
  private bytes = 0
  private decoder: Utf8Decoder | undefined
  private tail = ''
  private discardingLine = false
  private lineNo = 0
  private chars = 0
  private skipped = 0
  private nonFlow = 0
  private index = 0
  private doc: DocumentAssembler | undefined
  private out: Flow[] = []
  private outLines: number[] = []
  private ended: IngestResult | undefined
  private refusals = 0

  constructor(options: IngestOptions) {
    this.maxLine = options.maxLineLength ?? DEFAULT_MAX_LINE
    this.maxSamples = options.maxSamples ?? 20
    this.keep = options.keepFlows ?? true
    this.normalizer = options.caches?.normalizer ?? new FlowNormalizer()
  }

  push(chunk: string | Uint8Array): Flow[] {
    if (this.ended) return []
    this.out = []
    this.outLines = []
    try {
      this.bytes += chunk.length
      const text = typeof chunk === 'string' ? chunk : this.decode(chunk, true)
      this.consume(text)
    } catch (e) {
      // Defence in depth: a bug here must cost one record, not the upload.
      this.skip(this.lineNo, `internal error: ${String(e)}`)
    }
    return this.out
  }

  end(): IngestResult {
    if (this.ended) return this.ended
    this.out = []
    this.outLines = []
    try {
      if (this.decoder) this.consume(this.decode(new Uint8Array(0), false))
      if (this.discardingLine) this.skip(this.lineNo + 1, `line longer than ${this.maxLine} characters`)
      else if (this.tail !== '') this.line(this.tail, ++this.lineNo)
      this.tail = ''
      const open = this.doc?.unfinished()
      if (this.doc && !this.doc.done) this.skip(open?.line ?? this.doc.startLine, 'JSON document ends before it closes (truncated?)')
      this.doc = undefined
    } catch (e) {
      this.skip(this.lineNo, `internal error: ${String(e)}`)
    }
    this.ended = { flows: this.flows, skipped: this.skipped, skippedSamples: this.samples, nonFlow: this.nonFlow,
      lostEvents: this.lostEvents }
    return this.ended
  }

  lines(): readonly number[] {
    return this.outLines
  }

  completed(): readonly Flow[] {
    return this.out
  }

  fail(reason: string): void {
    if (!this.ended) this.skip(this.lineNo + 1, reason)
  }

  progress(): IngestProgress {
    return { bytes: this.bytes, chars: this.chars, lines: this.lineNo, flows: this.index, skipped: this.skipped,
      nonFlow: this.nonFlow, lost: this.lostEvents.length }
  }

  private decode(bytes: Uint8Array, stream: boolean): string {
    this.decoder ??= utf8Decoder()
    return this.decoder.decode(bytes, { stream })
  }

  private consume(text: string): void {
    if (this.chars === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    this.chars += text.length
    let start = 0
    for (;;) {
      const nl = text.indexOf('\n', start)
      if (nl < 0) break
      this.lineNo++
      if (this.discardingLine) {
        this.discardingLine = false
        this.skip(this.lineNo, `line longer than ${this.maxLine} characters`)
      } else {
        const piece = text.slice(start, nl)
        this.line(this.tail === '' ? piece : this.tail + piece, this.lineNo)
      }
      this.tail = ''
      start = nl + 1
    }
    if (this.discardingLine) return
    this.tail = start === 0 ? this.tail + text : text.slice(start)
    if (this.tail.length > this.maxLine) {
      this.tail = ''
      this.discardingLine = true
    }
  }

  private line(raw: string, lineNo: number): void {
    const line = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw
    if (line.length > this.maxLine) return this.skip(lineNo, `line longer than ${this.maxLine} characters`)
    if (this.doc) return this.docLine(line, lineNo)
    const first = firstNonSpace(line)
    if (first < 0) return
    const c = line.charCodeAt(first)
    if (c === 123 /* { */ && first === 0 && this.scanned(line, lineNo)) return
    if (c === 123 /* { */ || c === 91 /* [ */) {
      const value = tryParse(line)
      if (value !== FAILED) return this.value(value, lineNo, line)
      const trimmed = line.trim()
      if (opensDocument(trimmed)) {
        this.doc = new DocumentAssembler(this.maxLine, lineNo)
        return this.docLine(line, lineNo)
      }
      // One element of a compact array written one per line: `[{…},` / `{…},` / `{…}]`.
      const element = tryParse(stripArrayPunctuation(trimmed))
      if (element !== FAILED) return this.value(element, lineNo, line)
      return this.skip(lineNo, describeBadJson(trimmed), line)
    }
    const inner = unwrapLogLine(line)
    const value = inner !== undefined ? tryParse(inner) : FAILED
    if (value !== FAILED) return this.value(value, lineNo, line)
    this.skip(lineNo, 'not JSON', line)
  }

  /**
   * The fast path for one-record lines (line-scan.ts): read in place, without parsing the line.
   * False when the line is not of that shape; the caller then parses it in full, so this only
   * ever changes speed, never results. A file whose lines the scanner keeps refusing (camelCase,
   * pretty-printed…) stops paying for the attempt: after a run of refusals it only tries again
   * now and then.
   */
  private scanned(line: string, lineNo: number): boolean {
    if (this.refusals >= SCAN_REFUSALS && (lineNo & SCAN_RETRY_MASK) !== 0) return false
    let flow: Flow | undefined
    try {
      flow = this.normalizer.normalizeLine(line, this.index)
    } catch {
      flow = undefined
    }
    if (flow === undefined) {
      this.refusals++
      return false
    }
    this.refusals = 0
    this.index++
    this.out.push(flow)
    this.outLines.push(lineNo)
    if (this.keep) this.flows.push(flow)
    return true
  }

  private docLine(line: string, lineNo: number): void {
    const doc = this.doc
    if (!doc) return
    const pieces: DocumentPiece[] = []
    const rest = doc.feed(line, lineNo, pieces)
    for (const p of pieces) {
      if (p.oversized) {
        this.skip(p.line, `record longer than ${this.maxLine} characters`)
        continue
      }
      const value = tryParse(p.text)
      if (value === FAILED) this.skip(p.line, describeBadJson(p.text), p.text)
      else this.value(value, p.line, p.text)
    }
    if (doc.done) {
      this.doc = undefined
      if (rest !== undefined) this.line(rest, lineNo)
    }
  }

  private value(value: unknown, lineNo: number, text?: string): void {
    if (Array.isArray(value)) {
      for (const element of value) this.record(element, lineNo, text)
      return
    }
    this.record(value, lineNo, text)
  }

  private record(value: unknown, lineNo: number, text?: string): void {
    const r = classify(value)
    if (r.kind === 'nonFlow') {
      this.nonFlow++
      return
    }
    if (r.kind === 'lost') {
      this.nonFlow++
      this.lost(r.lost, r.time, r.node, lineNo)
      return
    }
    if (r.kind === 'invalid') return this.skip(lineNo, r.reason, text)
    let flow: Flow
    try {
      flow = this.normalizer.normalize(r.flow, this.index, r.time, r.node)
    } catch (e) {
      return this.skip(lineNo, `unreadable flow: ${String(e)}`)
    }
    this.index++
    this.out.push(flow)
    this.outLines.push(lineNo)
    if (this.keep) this.flows.push(flow)
  }

  private lost(lost: JsonObject, time: unknown, node: unknown, line: number): void {
    const first = str(lost, 'first')
    const { ms } = this.lostTimes.parse(typeof time === 'string' ? time : first)
    const source = str(lost, 'source')
    const cpu = num(lost, 'cpu')
    const nodeName = typeof node === 'string' && node !== '' ? node : undefined
    this.lostEvents.push({ line, time: ms, count: num(lost, 'num_events_lost', 'numEventsLost') ?? 0,
      ...(source !== undefined && { source }), ...(nodeName !== undefined && { nodeName }), ...(cpu !== undefined && { cpu }) })
  }

  private skip(line: number, reason: string, text?: string): void {
    this.skipped++
    if (this.samples.length < this.maxSamples) {
      const shown = text !== undefined ? sampleText(text) : undefined
      this.samples.push({ line, reason, ...(shown !== undefined && shown !== '' && { text: shown }) })
    }
  }
}

/** The start of a skipped line, safe to print: 120 characters at most, control characters as `·`. */
function sampleText(line: string): string {
  // eslint-disable-next-line no-control-regex
  return line.slice(0, 120).replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, '·').trim()
}

const FAILED: unique symbol = Symbol('failed')

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return FAILED
  }
}

function firstNonSpace(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c !== 32 && c !== 9 && c !== 13 && c !== 0xfeff) return i
  }
  return -1
}

function stripArrayPunctuation(s: string): string {
  let t = s
  if (t.startsWith('[')) t = t.slice(1)
  if (t.endsWith(',')) t = t.slice(0, -1)
  else if (t.endsWith(']')) t = t.slice(0, -1)
  return t.trim()
}

/** A short, safe description: never echoes the (possibly huge or binary) line itself. */
function describeBadJson(text: string): string {
  const t = text.trimEnd()
  const last = t.charCodeAt(t.length - 1)
  if (last !== 125 /* } */ && last !== 93 /* ] */) return 'invalid JSON (truncated line?)'
  return 'invalid JSON'
}
