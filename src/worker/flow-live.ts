/**
 * The `appendLiveFlows` command: flows that `membrane serve` streams in are added to the loaded
 * flows, and the oldest fall out of a bounded window (the last `maxFlows` flows, and none older
 * than `maxAgeMs` before the newest one), so the page's memory stays flat however long the stream
 * runs. The window is measured on the flows' own timestamps, not the clock: a replayed capture
 * piped in at speed keeps the same window as the live traffic it recorded.
 */
import type { Flow } from '../domain/flows/index.ts'
import type { VerdictSummary } from '../domain/replay/index.ts'
import type { FlowSink } from './flow-load.ts'

export interface AppendLiveFlows {
  readonly type: 'appendLiveFlows'
  readonly flows: readonly Flow[]
  readonly maxFlows: number
  /** 0 or less: no age limit. */
  readonly maxAgeMs: number
  /** Start a fresh window (the first batch of a stream), dropping what was loaded. */
  readonly reset?: boolean
}

export interface LiveAppended {
  /** Flows in the window now. */
  readonly flows: number
  /** Flows that left the window with this batch (oldest first). */
  readonly evicted: number
  readonly summary: VerdictSummary
}

export function appendLiveFlows(sink: FlowSink, command: AppendLiveFlows): LiveAppended {
  const before = command.reset ? [] : sink.flowList() ?? []
  const all = before.length === 0 ? command.flows.slice() : before.concat(command.flows)
  let start = Math.max(0, all.length - Math.max(1, command.maxFlows))
  if (command.maxAgeMs > 0 && all.length > 0) {
    let newest = -Infinity
    for (let i = start; i < all.length; i++) newest = Math.max(newest, all[i]!.time)
    const oldest = newest - command.maxAgeMs
    while (start < all.length && all[start]!.time < oldest) start++
  }
  const kept = start === 0 ? all : all.slice(start)
  // A row names its flow by position (flowDetail), so positions are renumbered after eviction.
  const list = kept.map((f, i) => (f.index === i ? f : { ...f, index: i }))
  sink.setFlowList(list, command.reset ? [] : sink.lostEvents())
  return { flows: list.length, evicted: before.length + command.flows.length - list.length, summary: sink.summary() }
}
