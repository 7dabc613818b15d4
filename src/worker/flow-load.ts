/**
 * The streamed load behind the `loadFlowFiles` command: files are read chunk by chunk
 * (flow-stream.ts), progress goes out after each chunk, and now and then the flows read so far
 * become the loaded set so the first verdicts show while the rest is still reading. A cancelled
 * load puts back the flows that were loaded before it.
 */
import type { Flow } from '../domain/flows/index.ts'
import type { LostGap, NamedBlob } from './flow-stream.ts'
import { streamFlowFiles } from './flow-stream.ts'
import type { FilesLoaded, LoadProgress } from './protocol.ts'
import type { VerdictSummary } from '../domain/replay/index.ts'

/** What the load needs of the evaluator core (kept narrow so the core's file stays the core's). */
export interface FlowSink {
  setFlowList(list: readonly Flow[] | null, lostEvents?: readonly LostGap[]): void
  flowList(): readonly Flow[] | null
  lostEvents(): readonly LostGap[]
  clearBaseline(): void
  summary(): VerdictSummary
}

/** Pause between partial evaluations: each one re-reads the flows so far, so not every chunk. */
const PARTIAL_EVERY_MS = 1000
const YIELD_EVERY_MS = 50
/** Progress messages at most this often: a Blob comes in 64 KB chunks, and each message is a page render. */
const PROGRESS_EVERY_MS = 100

export async function loadFlowFiles(
  sink: FlowSink,
  files: readonly NamedBlob[],
  onProgress: (p: LoadProgress) => void,
  isCancelled: () => boolean,
): Promise<FilesLoaded> {
  const before = sink.flowList()
  const lostBefore = sink.lostEvents()
  let lastPartial = -Infinity
  let lastYield = Date.now()
  let lastProgress = -Infinity
  try {
    const result = await streamFlowFiles(files, {
      isCancelled,
      async onChunk(progress, flows) {
        const now = Date.now()
        // A Blob's chunks can arrive without a task boundary between them, and a cancel (or a
        // command the page queued) is a message: it waits for one. So give it one now and then.
        if (now - lastYield >= YIELD_EVERY_MS) {
          lastYield = now
          await new Promise((resolve) => setTimeout(resolve, 0))
        }
        if (flows.length > 0 && now - lastPartial >= PARTIAL_EVERY_MS) {
          lastPartial = now
          lastProgress = now
          sink.setFlowList(flows.slice())
          onProgress({ ...progress, summary: sink.summary() })
        } else if (now - lastProgress >= PROGRESS_EVERY_MS) {
          lastProgress = now
          onProgress(progress)
        }
      },
    })
    const totalBytes = files.reduce((n, f) => n + f.blob.size, 0)
    onProgress({ bytes: totalBytes, totalBytes, flows: result.flows.length, skipped: result.skipped, file: files.at(-1)?.name ?? '' })
    // A cancel sent while the last chunk was being turned into flows is still in the worker's
    // message queue: yield once so it is seen, and honour it rather than load what the user stopped.
    await new Promise((resolve) => setTimeout(resolve, 0))
    if (isCancelled()) throw new Error('cancelled')
    sink.setFlowList(result.flows, result.lostEvents)
    sink.clearBaseline()
    return {
      flows: result.flows.length,
      skipped: result.skipped,
      skippedSamples: result.skippedSamples.map((s) => ({ line: s.line, reason: s.reason })),
      skippedLines: result.skippedSamples,
      nonFlow: result.nonFlow,
      duplicates: result.duplicates,
      lostEvents: result.lostEvents,
      summary: sink.summary(),
    }
  } catch (err) {
    sink.setFlowList(before, lostBefore)
    throw err
  }
}
