/**
 * Several captures → one timeline (hubble-flows.md pitfall 4: files from many nodes interleave
 * and are not time-ordered; the same export is often uploaded twice, or two exports overlap).
 * Records are de-duplicated by fingerprint and sorted by time with nanosecond precision.
 */
import type { Flow, IngestResult, LostEvents, SkippedSample } from './flow.ts'
import { timeOrderOf } from './columnar.ts'

/**
 * The identity of one flow *event*, for removing exact duplicates: `uuid` when Hubble wrote one
 * (unique per event, §3.2); otherwise the fields that tell two events apart — time to the
 * nanosecond, observing node, event type and observation point, verdict, direction, addresses,
 * ports, reply state and L7 record type. Two different events matching on all of these are
 * indistinguishable in the data anyway.
 */
export function flowFingerprint(f: Flow): string {
  if (f.uuid !== undefined) return `u:${f.uuid}`
  const l4 = f.l4
  return `t:${f.time}.${f.timeNanos}|${f.nodeName ?? ''}|${f.eventType}.${f.eventSubType}|${f.observationPoint ?? ''}|${f.verdict}|${
    f.direction}|${f.source.ip ?? f.source.identity}|${f.destination.ip ?? f.destination.identity}|${l4?.protocol ?? ''}:${
    l4?.sourcePort ?? l4?.icmpType ?? ''}:${l4?.destinationPort ?? l4?.icmpCode ?? ''}|${f.isReply ?? ''}|${f.l7?.type ?? ''}|${
    f.l7?.http?.url ?? f.l7?.dns?.query ?? ''}`
}

/**
 * Remembers fingerprints of the flows seen so far: `seen(flow)` is true for a repeat. Memory grows
 * with the number of distinct events (a 32-bit hash pair per event when `compact`, the full
 * fingerprint otherwise).
 */
export class FlowDeduper {
  private readonly keys = new Set<string | number>()
  duplicates = 0

  /**
   * @param compact store a 53-bit hash instead of the fingerprint text: for streaming millions of
   *   flows (the CLI); a hash collision would drop one genuinely distinct event in ~10^15 pairs.
   */
  constructor(private readonly compact = false) {}

  seen(f: Flow): boolean {
    const text = flowFingerprint(f)
    return this.seenKey(this.compact ? hash53(text) : text)
  }

  /** `seen` for a key computed elsewhere (`flowHash` with `compact`). */
  seenKey(key: string | number): boolean {
    if (this.keys.has(key)) {
      this.duplicates++
      return true
    }
    this.keys.add(key)
    return false
  }
}

/** A 53-bit hash of `flowFingerprint`: what `FlowDeduper(true)` keeps, for callers that dedupe elsewhere (CLI workers). */
export function flowHash(f: Flow): number {
  return hash53(flowFingerprint(f))
}

/** cyrb53: a fast 53-bit string hash (public domain), enough to tell millions of events apart. */
function hash53(s: string): number {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 2654435761)
    h2 = Math.imul(h2 ^ c, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}

export interface CaptureFile {
  /** The name shown to the user (file name). */
  readonly name: string
  readonly result: IngestResult
}

export interface MergedFileSummary {
  readonly name: string
  /** Flows read from this file (before de-duplication). */
  readonly flows: number
  readonly duplicates: number
  readonly skipped: number
  readonly skippedSamples: readonly SkippedSample[]
  readonly nonFlow: number
}

export interface MergedLostEvents extends LostEvents {
  /** Which file (index into `files`) the record came from. */
  readonly file: number
}

export interface MergedCapture extends IngestResult {
  /** All files' flows, duplicates removed, in time order; `index` renumbered 0… in that order. */
  readonly flows: Flow[]
  /** The file (index into `files`) each flow of `flows` came from. */
  readonly fileOf: Uint16Array
  readonly files: readonly MergedFileSummary[]
  /** Flows dropped as repeats of an earlier one (same fingerprint). */
  readonly duplicates: number
  /** Every file's lost-events gaps, in time order. */
  readonly lostEvents: MergedLostEvents[]
}

/**
 * Merges captures into one de-duplicated timeline. Within equal times the earlier file and the
 * earlier line come first, so merging is deterministic. Skipped-line samples keep their own
 * file's line numbers (see `files`); the merged `skippedSamples` are prefixed `name:` in `reason`.
 */
export function mergeCaptures(parts: readonly CaptureFile[]): MergedCapture {
  const dedupe = new FlowDeduper()
  const all: Flow[] = []
  const from: number[] = []
  const files: MergedFileSummary[] = []
  const lostEvents: MergedLostEvents[] = []
  const skippedSamples: SkippedSample[] = []
  let skipped = 0
  let nonFlow = 0
  parts.forEach((p, file) => {
    const before = dedupe.duplicates
    for (const f of p.result.flows) {
      if (dedupe.seen(f)) continue
      all.push(f)
      from.push(file)
    }
    files.push({ name: p.name, flows: p.result.flows.length, duplicates: dedupe.duplicates - before, skipped: p.result.skipped,
      skippedSamples: p.result.skippedSamples, nonFlow: p.result.nonFlow })
    skipped += p.result.skipped
    nonFlow += p.result.nonFlow
    for (const s of p.result.skippedSamples) if (skippedSamples.length < 20) skippedSamples.push({ ...s, reason: `${p.name}: ${s.reason}` })
    for (const l of p.result.lostEvents) lostEvents.push({ ...l, file })
  })
  const order = timeOrderOf(all)
  const flows = new Array<Flow>(all.length)
  const fileOf = new Uint16Array(all.length)
  for (let k = 0; k < order.length; k++) {
    const f = all[order[k]]
    flows[k] = f.index === k ? f : { ...f, index: k }
    fileOf[k] = from[order[k]]
  }
  lostEvents.sort((a, b) => (Number.isNaN(a.time) ? -Infinity : a.time) - (Number.isNaN(b.time) ? -Infinity : b.time) || a.file - b.file || a.line - b.line)
  return { flows, fileOf, files, duplicates: dedupe.duplicates, skipped, skippedSamples, nonFlow, lostEvents }
}
