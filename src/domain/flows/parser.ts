/**
 * Hubble flow ingest: JSONL (`hubble observe -o json/jsonpb`, exporter files, legacy bare
 * flows), JSON arrays on one line or pretty-printed over many, log-prefixed lines. Line based
 * like `hubble observe --input-file` (one bad line costs one line), with a streaming API so
 * the UI can feed big files chunk by chunk and show progress. Never throws.
 */
import { DocumentAssembler, opensDocument } from './document.ts'
import type { DocumentPiece } from './document.ts'
import type { Flow, IngestResult, SkippedSample } from './flow.ts'
import { FlowNormalizer } from './normalize.ts'
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
}

export interface IngestProgress {
  readonly chars: number
  readonly lines: number
  readonly flows: number
  readonly skipped: number
  readonly nonFlow: number
}

export interface FlowParser {
  /** Feeds a chunk (text, or UTF-8 bytes); returns the flows completed by it. */
  push(chunk: string | Uint8Array): Flow[]
  /** Flushes the last line and returns the totals. */
  end(): IngestResult
  progress(): IngestProgress
}

const DEFAULT_MAX_LINE = 8 * 1024 * 1024

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
  private readonly normalizer = new FlowNormalizer()
  private readonly flows: Flow[] = []
  private readonly samples: SkippedSample[] = []
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
  private ended: IngestResult | undefined

  constructor(options: IngestOptions) {
    this.maxLine = options.maxLineLength ?? DEFAULT_MAX_LINE
    this.maxSamples = options.maxSamples ?? 20
    this.keep = options.keepFlows ?? true
  }

  push(chunk: string | Uint8Array): Flow[] {
    if (this.ended) return []
    this.out = []
    try {
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
    this.ended = { flows: this.flows, skipped: this.skipped, skippedSamples: this.samples, nonFlow: this.nonFlow }
    return this.ended
  }

  progress(): IngestProgress {
    return { chars: this.chars, lines: this.lineNo, flows: this.index, skipped: this.skipped, nonFlow: this.nonFlow }
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
    if (c === 123 /* { */ || c === 91 /* [ */) {
      const value = tryParse(line)
      if (value !== FAILED) return this.value(value, lineNo)
      const trimmed = line.trim()
      if (opensDocument(trimmed)) {
        this.doc = new DocumentAssembler(this.maxLine, lineNo)
        return this.docLine(line, lineNo)
      }
      // One element of a compact array written one per line: `[{…},` / `{…},` / `{…}]`.
      const element = tryParse(stripArrayPunctuation(trimmed))
      if (element !== FAILED) return this.value(element, lineNo)
      return this.skip(lineNo, describeBadJson(trimmed))
    }
    const inner = unwrapLogLine(line)
    const value = inner !== undefined ? tryParse(inner) : FAILED
    if (value !== FAILED) return this.value(value, lineNo)
    this.skip(lineNo, 'not JSON')
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
      if (value === FAILED) this.skip(p.line, describeBadJson(p.text))
      else this.value(value, p.line)
    }
    if (doc.done) {
      this.doc = undefined
      if (rest !== undefined) this.line(rest, lineNo)
    }
  }

  private value(value: unknown, lineNo: number): void {
    if (Array.isArray(value)) {
      for (const element of value) this.record(element, lineNo)
      return
    }
    this.record(value, lineNo)
  }

  private record(value: unknown, lineNo: number): void {
    const r = classify(value)
    if (r.kind === 'nonFlow') {
      this.nonFlow++
      return
    }
    if (r.kind === 'invalid') return this.skip(lineNo, r.reason)
    let flow: Flow
    try {
      flow = this.normalizer.normalize(r.flow, this.index, r.time, r.node)
    } catch (e) {
      return this.skip(lineNo, `unreadable flow: ${String(e)}`)
    }
    this.index++
    this.out.push(flow)
    if (this.keep) this.flows.push(flow)
  }

  private skip(line: number, reason: string): void {
    this.skipped++
    if (this.samples.length < this.maxSamples) this.samples.push({ line, reason })
  }
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
