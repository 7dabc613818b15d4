/**
 * Exact time order for streamed evaluation, batch by batch (cilium-semantics §5.6: IPs are
 * learned from DNS answers and expire by the clock, so a connection's verdict depends on every
 * DNS answer before it in time, whichever file or batch it was read from).
 *
 * The reference is one session that evaluates the whole input sorted by flow key — time to the
 * nanosecond, then input position (file order, line, record on the line) — as `toColumns` +
 * `FlowEvaluator` do for a capture held in memory. Streaming cannot sort everything, but only the
 * DNS answers carry state from one flow to the next: the CLI collects them in a first pass (they
 * are few), and each batch is evaluated together with the answers that precede it in time but were
 * read elsewhere (other files, other batches, other workers). Those are replayed (learned, their
 * verdicts dropped), merged into the batch in key order, so every flow sees exactly the answers the
 * reference session would have learned before it.
 *
 * A batch that starts after everything its evaluator has seen continues that evaluator's session
 * (only the answers in between are replayed): time-ordered inputs cost one replay of the other
 * batches' answers. A batch that starts earlier (unsorted files, a rotated backup older than the
 * one before) gets a fresh session that replays every answer before the batch's end.
 *
 * Limit: with `tofqdns-idle-connection-grace-period` > 0 the connections themselves keep learned
 * addresses alive (§5.6), so other batches' connections would matter too; the CLI then evaluates
 * on one thread and the result is exact when the batches are time-ordered (see `exactOrder`).
 */
import type { CompiledPolicySet, EvalResult } from '../../domain/engine/index.ts'
import { createSession } from '../../domain/engine/index.ts'
import type { Flow } from '../../domain/flows/index.ts'
import { timeOrderOf, toColumns } from '../../domain/flows/index.ts'
import type { FlowAdapter } from '../../domain/replay/index.ts'
import { FlowEvaluator } from '../../domain/replay/index.ts'

/** Where a flow sits in the reference order. `pos` is `file * 2^32 + line`; `sub` the record's place on its line. */
export interface FlowKey {
  /** Epoch ms; -Infinity when the time is unknown (such flows come first, as in `timeOrderOf`). */
  readonly ms: number
  readonly ns: number
  readonly pos: number
  readonly sub: number
}

export const positionOf = (file: number, line: number): number => file * 2 ** 32 + line

export function keyOf(f: Flow, file: number, line: number, sub: number): FlowKey {
  return { ms: Number.isNaN(f.time) ? -Infinity : f.time, ns: f.timeNanos, pos: positionOf(file, line), sub }
}

/** Total order of keys (-Infinity ties fall through to the next field, like `timeOrderOf`). */
export function compareKeys(a: FlowKey, b: FlowKey): number {
  return a.ms - b.ms || a.ns - b.ns || a.pos - b.pos || a.sub - b.sub
}

/** Input order only (file, line, record): which flows a batch holds. */
const compareInput = (a: FlowKey, b: FlowKey): number => a.pos - b.pos || a.sub - b.sub

/** A DNS answer found by the first pass, with its key. */
export interface DnsAnswerRecord {
  readonly key: FlowKey
  readonly flow: Flow
}

/** Sorts answers into key order (the first pass finds them file by file). */
export function sortAnswers(answers: DnsAnswerRecord[]): DnsAnswerRecord[] {
  return answers.sort((a, b) => compareKeys(a.key, b.key))
}

/** Whether one session over all batches is exact for these policies (no grace period: connections carry no DNS state). */
export function exactOrder(sets: readonly CompiledPolicySet[]): boolean {
  return sets.every((s) => s.settings.tofqdnsIdleConnectionGracePeriod <= 0)
}

/** First index whose key is greater than `k` (answers are sorted). */
function upperBound(answers: readonly DnsAnswerRecord[], k: FlowKey): number {
  let lo = 0
  let hi = answers.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (compareKeys(answers[mid].key, k) <= 0) lo = mid + 1
    else hi = mid
  }
  return lo
}

export class BatchEvaluator {
  private evaluators: FlowEvaluator[] | undefined
  private last: FlowKey | undefined
  /** Batches that had to start a fresh session (for tests and the bench's notes). */
  restarts = 0
  /** Answers replayed so far. */
  replayed = 0

  constructor(
    private readonly sets: readonly CompiledPolicySet[],
    private readonly adapter: FlowAdapter,
    /** Every DNS answer of the input, in key order (`sortAnswers`). */
    private readonly answers: readonly DnsAnswerRecord[],
  ) {}

  /**
   * Results per policy set, by batch position. `keys[i]` is `flows[i]`'s key; the batch holds
   * consecutive records of one file, in input order.
   */
  evaluate(flows: readonly Flow[], keys: readonly FlowKey[]): EvalResult[][] {
    const n = flows.length
    if (n === 0) return this.sets.map(() => [])
    let min = keys[0]
    let max = keys[0]
    for (let i = 1; i < n; i++) {
      const k = keys[i]
      if (compareKeys(k, min) < 0) min = k
      if (compareKeys(k, max) > 0) max = k
    }
    const fresh = this.evaluators === undefined || this.last === undefined || compareKeys(min, this.last) <= 0
    if (fresh) {
      if (this.evaluators !== undefined) this.restarts++
      this.evaluators = this.sets.map((set) => new FlowEvaluator(createSession(set), this.adapter))
    }
    const from = fresh || this.last === undefined ? 0 : upperBound(this.answers, this.last)
    const to = upperBound(this.answers, max)
    // The batch's own answers are among its flows; only those read elsewhere are replayed.
    const first = keys[0]
    const lastIn = keys[n - 1]
    const file = Math.floor(first.pos / 2 ** 32)
    const replay: DnsAnswerRecord[] = []
    for (let a = from; a < to; a++) {
      const k = this.answers[a].key
      const inBatch = Math.floor(k.pos / 2 ** 32) === file && compareInput(k, first) >= 0 && compareInput(k, lastIn) <= 0
      if (!inBatch) replay.push(this.answers[a])
    }
    // Fresh or continued, the session has now seen everything up to the batch's last key.
    this.last = max
    const evaluators = this.evaluators!
    if (replay.length === 0) {
      // The columns' own time order (time, then position) is the key order for one batch.
      const columns = toColumns(flows)
      return evaluators.map((e) => e.evaluateColumns(columns))
    }
    this.replayed += replay.length
    const order = timeOrderOf(flows)
    const merged: Flow[] = []
    const back: number[] = []
    let r = 0
    for (let j = 0; j < n; j++) {
      const i = order[j]
      while (r < replay.length && compareKeys(replay[r].key, keys[i]) < 0) {
        merged.push(replay[r++].flow)
        back.push(-1)
      }
      merged.push(flows[i])
      back.push(i)
    }
    const columns = toColumns(merged)
    return evaluators.map((e) => {
      const all = e.evaluateColumns(columns)
      const out = new Array<EvalResult>(n)
      for (let j = 0; j < back.length; j++) if (back[j] >= 0) out[back[j]] = all[j]
      return out
    })
  }
}
