/**
 * The flows timeline: flow density over the capture's time range in equal buckets, and the
 * `lost_events` records placed on it as gaps (Hubble dropped those events, so the capture says
 * nothing about what happened there). Built in the worker over every flow (flow-summary.ts); the
 * page draws it and turns a drag into a time window (brushWindow).
 */
import type { LostGap } from './flow-stream.ts'

export interface TimelineBucket {
  /** Start (epoch ms, inclusive) and end (exclusive; the last bucket includes the range's end). */
  readonly from: number
  readonly to: number
  readonly flows: number
  /** Of those, the draft denies (or audits) this many. */
  readonly blocked: number
}

export interface TimelineGap {
  readonly time: number
  readonly count: number
  /** 0..1 along the strip. */
  readonly at: number
  readonly source?: string
  readonly nodeName?: string
}

export interface Timeline {
  readonly from: number
  readonly to: number
  readonly buckets: readonly TimelineBucket[]
  /** The fullest bucket's count (bars scale to it). */
  readonly max: number
  readonly gaps: readonly TimelineGap[]
  /** Every lost event, including records without a time (not placed on the strip). */
  readonly lost: number
  /** Flows without a time (not placed). */
  readonly untimed: number
}

/** Buckets `rows` (their `time`) into `count` equal spans covering the flows and the gaps. */
export function buildTimeline(
  rows: readonly { readonly time: number; readonly verdict: string }[],
  lostEvents: readonly LostGap[],
  count: number,
): Timeline | null {
  let from = Infinity
  let to = -Infinity
  let untimed = 0
  for (const r of rows) {
    if (Number.isNaN(r.time)) {
      untimed++
      continue
    }
    if (r.time < from) from = r.time
    if (r.time > to) to = r.time
  }
  for (const l of lostEvents) {
    if (Number.isNaN(l.time)) continue
    if (l.time < from) from = l.time
    if (l.time > to) to = l.time
  }
  if (from === Infinity || count < 1) return null
  // A capture within one millisecond still gets a strip one second wide.
  if (to - from < 1) to = from + 1000
  const span = (to - from) / count
  const flows = new Array<number>(count).fill(0)
  const blocked = new Array<number>(count).fill(0)
  const slot = (t: number): number => Math.min(count - 1, Math.floor((t - from) / span))
  for (const r of rows) {
    if (Number.isNaN(r.time)) continue
    const i = slot(r.time)
    flows[i]++
    if (r.verdict !== 'allowed') blocked[i]++
  }
  const buckets = flows.map((n, i) => ({ from: from + i * span, to: i === count - 1 ? to + 1 : from + (i + 1) * span, flows: n, blocked: blocked[i] }))
  const gaps = lostEvents
    .filter((l) => !Number.isNaN(l.time))
    .map((l) => ({ time: l.time, count: l.count, at: (l.time - from) / (to - from), ...(l.source !== undefined && { source: l.source }), ...(l.nodeName !== undefined && { nodeName: l.nodeName }) }))
  return { from, to, buckets, max: Math.max(0, ...flows), gaps, lost: lostEvents.reduce((n, l) => n + l.count, 0), untimed }
}

const clock = (ms: number): string => new Date(ms).toISOString().slice(11, 19)

/** "312 events lost at 10:41:07" (UTC, like the table's times). */
export function gapText(g: Pick<TimelineGap, 'count' | 'time'>): string {
  return `${g.count.toLocaleString('en-US')} event${g.count === 1 ? '' : 's'} lost at ${clock(g.time)}`
}

/** The time window a drag from `a` to `b` (0..1 along the strip) covers, whole buckets. */
export function brushWindow(t: Timeline, a: number, b: number): { from: number; to: number } {
  const n = t.buckets.length
  const lo = Math.max(0, Math.min(n - 1, Math.floor(Math.min(a, b) * n)))
  const hi = Math.max(0, Math.min(n - 1, Math.floor(Math.max(a, b) * n)))
  return { from: t.buckets[lo].from, to: t.buckets[hi].to }
}
