/**
 * The chunked ingest API the worker and the CLI feed: bytes (or text) in, flows out as they
 * complete, `.gz` input unpacked on the fly (hubble-flows.md §1c: rotated exporter backups are
 * `events-<timestamp>.log.gz`). Gzip is recognised by its magic bytes, not by the file name, so a
 * renamed file still reads. Decompression is fflate's streaming `Gunzip` (pure JS, synchronous,
 * the same in a browser worker and in Node); concatenated gzip members (a `cat` of several
 * backups) are read as one stream.
 */
import { Gunzip } from 'fflate'
import type { Flow, IngestResult } from './flow.ts'
import type { FlowParser, IngestOptions, IngestProgress } from './parser.ts'
import { createFlowParser } from './parser.ts'

export interface FlowIngestProgress extends IngestProgress {
  /** Bytes of input consumed as given (compressed bytes for `.gz`), for a progress bar over `File.size`. */
  readonly inputBytes: number
  /** Whether the input was recognised as gzip. */
  readonly gzip: boolean
}

export interface FlowIngest {
  /**
   * Feeds the next chunk (as read from `File.stream()`, a file descriptor or a socket) and
   * returns the flows it completed, in input order. Never throws: unreadable input is counted in
   * `progress().skipped`; a corrupt gzip stream ends the input with one skipped record.
   */
  push(chunk: Uint8Array | string): Flow[]
  /** Flushes the input; returns the last flows and the totals (flows only if `keepFlows`). */
  end(): { readonly flows: Flow[]; readonly result: IngestResult }
  progress(): FlowIngestProgress
  /** The 1-based (decompressed) line that completed each flow the last `push`/`end` returned. */
  lines(): readonly number[]
}

/** Whether these bytes start a gzip member (RFC 1952 magic 1f 8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b
}

/**
 * A streaming ingest. Give it bytes when you have bytes (gzip is detected on the first two);
 * text chunks are parsed as they are.
 */
export function createFlowIngest(options: IngestOptions = {}): FlowIngest {
  return new ChunkedIngest(createFlowParser(options))
}

class ChunkedIngest implements FlowIngest {
  private inputBytes = 0
  private gunzip: Gunzip | undefined
  private sniffed = false
  private pending: Uint8Array | undefined
  private failed = false
  private out: Flow[] = []
  private outLines: number[] = []

  constructor(private readonly parser: FlowParser) {}

  push(chunk: Uint8Array | string): Flow[] {
    this.out = []
    this.outLines = []
    if (typeof chunk === 'string') {
      this.inputBytes += chunk.length
      this.parser.push(chunk)
      this.collect()
      return this.out
    }
    this.inputBytes += chunk.length
    this.bytes(chunk, false)
    return this.out
  }

  end(): { flows: Flow[]; result: IngestResult } {
    this.out = []
    this.outLines = []
    if (!this.sniffed && this.pending) this.bytes(new Uint8Array(0), true)
    else if (this.gunzip && !this.failed) this.inflate(new Uint8Array(0), true)
    const result = this.parser.end()
    this.collect()
    return { flows: this.out, result }
  }

  lines(): readonly number[] {
    return this.outLines
  }

  progress(): FlowIngestProgress {
    return { ...this.parser.progress(), inputBytes: this.inputBytes, gzip: this.gunzip !== undefined }
  }

  private bytes(chunk: Uint8Array, final: boolean): void {
    if (!this.sniffed) {
      const head = this.pending ? concat(this.pending, chunk) : chunk
      if (head.length < 2 && !final) {
        this.pending = head
        return
      }
      this.pending = undefined
      this.sniffed = true
      if (isGzip(head)) {
        this.gunzip = new Gunzip((data) => {
          if (data.length > 0) this.feed(data)
        })
      }
      chunk = head
    }
    if (this.gunzip) this.inflate(chunk, final)
    else this.feed(chunk)
  }

  private inflate(chunk: Uint8Array, final: boolean): void {
    if (this.failed || !this.gunzip) return
    try {
      this.gunzip.push(chunk, final)
    } catch (e) {
      // A truncated or corrupt archive: what was unpacked so far stays read.
      this.failed = true
      this.parser.fail(`gzip data is corrupt or truncated (${e instanceof Error ? e.message : String(e)})`)
    }
  }

  private feed(bytes: Uint8Array): void {
    this.parser.push(bytes)
    this.collect()
  }

  private collect(): void {
    const flows = this.parser.completed()
    const lines = this.parser.lines()
    for (let i = 0; i < flows.length; i++) {
      this.out.push(flows[i])
      this.outLines.push(lines[i])
    }
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}

/** The part of a WHATWG `ReadableStream<Uint8Array>` this reads (the domain has no DOM types). */
export interface ByteStream {
  getReader(): {
    read(): Promise<{ readonly done: boolean; readonly value?: Uint8Array }>
    cancel(): Promise<void>
    releaseLock(): void
  }
}

export interface ReadFlowStreamOptions extends IngestOptions {
  /** Called with each batch of completed flows and the progress after it. */
  readonly onFlows?: (flows: Flow[], progress: FlowIngestProgress) => void
  /** Stops reading (the result then holds what was read); checked between chunks. */
  readonly signal?: { readonly aborted: boolean }
}

/**
 * Reads a whole `ReadableStream` of bytes (`File.stream()`, `Response.body`, a Node stream via
 * `Readable.toWeb`) through `createFlowIngest`, yielding to the caller's callback per chunk.
 */
export async function readFlowStream(stream: ByteStream, options: ReadFlowStreamOptions = {}): Promise<IngestResult> {
  const ingest = createFlowIngest(options)
  const reader = stream.getReader()
  try {
    for (;;) {
      if (options.signal?.aborted) break
      const { done, value } = await reader.read()
      if (done || value === undefined) break
      const flows = ingest.push(value)
      options.onFlows?.(flows, ingest.progress())
    }
  } finally {
    if (options.signal?.aborted) await reader.cancel().catch(() => undefined)
    reader.releaseLock()
  }
  const { flows, result } = ingest.end()
  if (flows.length > 0) options.onFlows?.(flows, ingest.progress())
  return result
}

/**
 * The decompressed bytes of a chunked input (gzip recognised by its magic bytes, as the ingest
 * does; anything else passes through), for callers that scan bytes without parsing them all. A
 * corrupt or truncated stream just ends: the ingest is the one that reports it.
 */
export function* decompressChunks(chunks: Iterable<Uint8Array>, onGzip: () => void): Generator<Uint8Array> {
  let gunzip: Gunzip | undefined
  let first = true
  let broken = false
  const out: Uint8Array[] = []
  for (const chunk of chunks) {
    if (first) {
      first = false
      if (isGzip(chunk)) {
        onGzip()
        gunzip = new Gunzip((data) => void (data.length > 0 && out.push(data)))
      }
    }
    if (!gunzip) {
      yield chunk
      continue
    }
    if (broken) continue
    try {
      gunzip.push(chunk)
    } catch {
      broken = true
    }
    yield* out.splice(0)
  }
  if (gunzip && !broken) {
    try {
      gunzip.push(new Uint8Array(0), true)
    } catch {
      // truncated: the task's ingest reports it
    }
    yield* out.splice(0)
  }
}

