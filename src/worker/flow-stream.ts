/**
 * Reads flow files chunk by chunk (`Blob.stream()`, gunzipped when the name ends in `.gz`), so a
 * capture of hundreds of megabytes never becomes one string: each chunk goes through the domain's
 * streaming parser and the caller hears about progress as it goes. Several files merge into one
 * list; records seen twice (same Hubble `uuid`, e.g. overlapping exports) count once.
 */
import { createFlowParser } from '../domain/flows/index.ts'
import type { Flow } from '../domain/flows/index.ts'

export interface StreamProgress {
  readonly bytes: number
  readonly totalBytes: number
  readonly flows: number
  readonly skipped: number
  readonly file: string
}

export interface SkippedLine {
  readonly file: string
  readonly line: number
  readonly reason: string
}

/** A `lost_events` record: Hubble dropped `count` events here, so the capture has a gap. */
export interface LostGap {
  readonly file: string
  /** Epoch ms; NaN when the record carries no time. */
  readonly time: number
  readonly count: number
  readonly source?: string
  readonly nodeName?: string
}

export interface StreamResult {
  readonly flows: Flow[]
  readonly lostEvents: LostGap[]
  readonly skipped: number
  readonly skippedSamples: SkippedLine[]
  readonly nonFlow: number
  readonly duplicates: number
}

export interface NamedBlob {
  readonly name: string
  readonly blob: Blob
}

export class StreamCancelled extends Error {
  constructor() {
    super('cancelled')
    this.name = 'StreamCancelled'
  }
}

export interface StreamOptions {
  /** Called after every chunk with the flows completed so far (the growing list itself). */
  readonly onChunk?: (progress: StreamProgress, flows: readonly Flow[]) => void | Promise<void>
  readonly isCancelled?: () => boolean
}

export async function streamFlowFiles(files: readonly NamedBlob[], options: StreamOptions = {}): Promise<StreamResult> {
  const totalBytes = files.reduce((n, f) => n + f.blob.size, 0)
  const flows: Flow[] = []
  const samples: SkippedLine[] = []
  const lostEvents: LostGap[] = []
  const seen = new Set<string>()
  let bytes = 0
  let skipped = 0
  let nonFlow = 0
  let duplicates = 0
  const take = (batch: readonly Flow[]): void => {
    for (const f of batch) {
      if (f.uuid !== undefined) {
        if (seen.has(f.uuid)) {
          duplicates++
          continue
        }
        seen.add(f.uuid)
      }
      // Indices number the merged timeline, so a row names one flow whatever file it came from.
      flows.push(f.index === flows.length ? f : { ...f, index: flows.length })
    }
  }
  for (const { name, blob } of files) {
    const parser = createFlowParser()
    let raw: ReadableStream<Uint8Array> = blob.stream()
    let fileBytes = 0
    let pushed = 0
    raw = raw.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, out) {
          fileBytes += chunk.byteLength
          out.enqueue(chunk)
        },
      }),
    )
    const stream = name.toLowerCase().endsWith('.gz') ? raw.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>) : raw
    const reader = stream.getReader()
    try {
      for (;;) {
        if (options.isCancelled?.()) {
          await reader.cancel()
          throw new StreamCancelled()
        }
        const { done, value } = await reader.read()
        if (done) break
        const batch = parser.push(value)
        pushed += batch.length
        take(batch)
        const p = parser.progress()
        await options.onChunk?.({ bytes: bytes + fileBytes, totalBytes, flows: flows.length, skipped: skipped + p.skipped, file: name }, flows)
      }
    } finally {
      reader.releaseLock()
    }
    const end = parser.end()
    // `end()` lists every flow the file held; the ones after the last push came from its last line.
    take(end.flows.slice(pushed))
    bytes += blob.size
    skipped += end.skipped
    nonFlow += end.nonFlow
    for (const s of end.skippedSamples) if (samples.length < 20) samples.push({ file: name, line: s.line, reason: s.reason })
    for (const l of end.lostEvents)
      lostEvents.push({ file: name, time: l.time, count: l.count, ...(l.source !== undefined && { source: l.source }), ...(l.nodeName !== undefined && { nodeName: l.nodeName }) })
  }
  lostEvents.sort((a, b) => (Number.isNaN(a.time) ? -Infinity : a.time) - (Number.isNaN(b.time) ? -Infinity : b.time))
  return { flows, skipped, skippedSamples: samples, nonFlow, duplicates, lostEvents }
}
