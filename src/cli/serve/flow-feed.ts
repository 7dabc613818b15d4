/**
 * Live flows on the server side of `membrane serve`: bytes from standard input or a followed file
 * go through the domain's streaming parser, and the flows wait in a bounded buffer until the next
 * batch goes out to each page. Memory stays flat however long the pipe runs: the buffer keeps the
 * last `windowFlows` flows (a page that connects late starts from them), and each page's queue
 * holds at most `queueFlows`; a page that cannot keep up loses the oldest ones, counted as dropped.
 */
import { createFlowParser } from '../../domain/flows/index.ts'
import type { Flow, FlowParser } from '../../domain/flows/index.ts'

export interface FeedLimits {
  /** Flows kept for a page that connects (or reconnects) later. */
  readonly windowFlows: number
  /** Most flows waiting for one page between batches. */
  readonly queueFlows: number
}

export const DEFAULT_FEED_LIMITS: FeedLimits = { windowFlows: 5000, queueFlows: 5000 }

/** One batch as the page gets it (the `flows` event of docs/serve-protocol.md). */
export interface FlowBatch {
  readonly flows: readonly Flow[]
  /** Flows this page never got because it fell behind (since the previous batch). */
  readonly dropped: number
  /** Flows read from all sources since the server started. */
  readonly total: number
  /** Lines the parser could not read, since the start. */
  readonly skipped: number
}

export interface FeedSubscriber {
  /** Called with the batch for this page; false when the page's connection is still busy. */
  send(batch: FlowBatch): boolean
}

interface Queue {
  flows: Flow[]
  dropped: number
}

/** A bounded FIFO: pushes past the cap drop the oldest entries and say how many. */
function pushBounded(list: Flow[], items: readonly Flow[], cap: number): number {
  for (const f of items) list.push(f)
  const over = list.length - cap
  if (over > 0) list.splice(0, over)
  return Math.max(0, over)
}

export class FlowFeed {
  private readonly window: Flow[] = []
  private readonly queues = new Map<FeedSubscriber, Queue>()
  private total = 0
  private skipped = 0
  /** The live sources still open (stdin until it ends, a followed file until the server stops). */
  private open = 0

  constructor(readonly limits: FeedLimits = DEFAULT_FEED_LIMITS) {}

  /** A parser for one source: its own line state, so two sources never splice lines together. */
  source(): FeedSource {
    this.open++
    let parser: FlowParser = createFlowParser({ keepFlows: false })
    let lastSkipped = 0
    let ended = false
    const countSkips = (): void => {
      const s = parser.progress().skipped
      this.skipped += s - lastSkipped
      lastSkipped = s
    }
    /** The last line (no newline after it) is a flow too: `end()` completes it. */
    const finish = (): void => {
      parser.end()
      this.add(parser.completed())
      countSkips()
    }
    return {
      push: (chunk) => {
        if (ended) return
        this.add(parser.push(chunk))
        countSkips()
      },
      end: () => {
        if (ended) return
        ended = true
        this.open--
        finish()
      },
      restart: () => {
        // A rotated file starts over: a half line left from the old file must not join the new one.
        finish()
        parser = createFlowParser({ keepFlows: false })
        lastSkipped = 0
      },
    }
  }

  get live(): boolean {
    return this.open > 0
  }

  private add(flows: readonly Flow[]): void {
    if (flows.length === 0) return
    this.total += flows.length
    pushBounded(this.window, flows, this.limits.windowFlows)
    for (const q of this.queues.values()) q.dropped += pushBounded(q.flows, flows, this.limits.queueFlows)
  }

  /**
   * A page joins: its first batch is the flows kept so far, or, for a page that reconnects, those
   * after the last one it got (`after`: the `total` of its last batch), so it sees none twice.
   */
  subscribe(sub: FeedSubscriber, after = 0): () => void {
    const windowStart = this.total - this.window.length
    this.queues.set(sub, { flows: this.window.slice(Math.max(0, Math.min(after, this.total) - windowStart)), dropped: 0 })
    return () => this.queues.delete(sub)
  }

  /** Sends every page what waits for it; a page whose connection is busy keeps its queue (bounded). */
  flush(): void {
    for (const [sub, q] of this.queues) {
      if (q.flows.length === 0 && q.dropped === 0) continue
      const batch: FlowBatch = { flows: q.flows, dropped: q.dropped, total: this.total, skipped: this.skipped }
      if (sub.send(batch)) this.queues.set(sub, { flows: [], dropped: 0 })
    }
  }

  /** Sizes for tests and the session answer: memory stays within these. */
  stats(): { window: number; queued: number; total: number; skipped: number; live: boolean } {
    let queued = 0
    for (const q of this.queues.values()) queued = Math.max(queued, q.flows.length)
    return { window: this.window.length, queued, total: this.total, skipped: this.skipped, live: this.live }
  }
}

export interface FeedSource {
  push(chunk: Uint8Array | string): void
  /** The source ended (end of the pipe). */
  end(): void
  /** The source starts over (a followed file was truncated or replaced). */
  restart(): void
}
