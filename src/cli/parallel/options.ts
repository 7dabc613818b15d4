/** `--jobs`, `--since`, `--until` of `evaluate` and `check`. */
import type { FlagSpec, ParsedArgs } from '../args.ts'
import { one } from '../args.ts'
import type { CliIo } from '../io.ts'
import { CliError } from '../io.ts'

export const STREAM_FLAGS: FlagSpec = { jobs: 'one', since: 'one', until: 'one' }

export const STREAM_HELP = `  --jobs <n>                 threads to split the input across: the main thread and n-1 workers
                             (default 1)
  --since <time>             only flows at or after <time>: RFC 3339 (2026-12-01T10:00:00Z) or
                             relative to now (90s, 30m, 2h, 1d); earlier DNS answers still count
  --until <time>             only flows at or before <time> (same forms)`

export interface StreamOptions {
  /** Worker threads; undefined: DEFAULT_JOBS. */
  readonly jobs?: number
  readonly since?: number
  readonly until?: number
}

const UNITS: Readonly<Record<string, number>> = { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3 }

/** RFC 3339 (with a zone: flow times are UTC) or `<number><s|m|h|d>` before `now`. */
export function parseTime(text: string, flag: string, command: string, now = Date.now()): number {
  const rel = /^(\d+(?:\.\d+)?)([smhd])$/.exec(text)
  if (rel) return now - Number(rel[1]) * UNITS[rel[2]]
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(text)) {
    const ms = Date.parse(text)
    if (!Number.isNaN(ms)) return ms
  }
  throw new CliError(`${command}: --${flag} takes an RFC 3339 time (2026-12-01T10:00:00Z) or a duration before now (30m, 2h, 1d), got '${text}'`)
}

export function streamOptions(args: ParsedArgs, command: string): StreamOptions {
  const jobsText = one(args, 'jobs')
  let jobs: number | undefined
  if (jobsText !== undefined) {
    jobs = Number(jobsText)
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new CliError(`${command}: --jobs takes a whole number from 1 to 256, got '${jobsText}'`)
  }
  const sinceText = one(args, 'since')
  const untilText = one(args, 'until')
  const since = sinceText !== undefined ? parseTime(sinceText, 'since', command) : undefined
  const until = untilText !== undefined ? parseTime(untilText, 'until', command) : undefined
  if (since !== undefined && until !== undefined && since > until) throw new CliError(`${command}: --since is after --until`)
  return { ...(jobs !== undefined && { jobs }), ...(since !== undefined && { since }), ...(until !== undefined && { until }) }
}

/**
 * Threads used without `--jobs`: one. On this project's 2-core machine a second thread does not
 * pay: one thread already keeps about 1.4 cores busy (V8 compiles and collects garbage on
 * background threads), and a second isolate repeats that JIT and heap work. Measured on the
 * bench's 100 MB capture (`evaluate --jobs 1` vs `--jobs 2`, user+sys CPU): 6.2 s against 8.5 s,
 * so two idle cores can at best finish the two-thread run in about the time of the one-thread run;
 * `npx tsx scripts/bench.ts --only evaluate-parallel` gave 0.86× and 1.32× in two runs at load
 * average 8–10, too noisy to say more. With more cores the extra isolates are a smaller share
 * (`--jobs N` is there for that); until a run on idle cores shows two threads ahead, one is the default.
 */
export const DEFAULT_JOBS = 1

/** An io whose standard input is read once and kept, so workers can be given the same text. */
export function rememberStdin(io: CliIo): { io: CliIo; stdin: () => string | undefined } {
  let text: string | undefined
  return {
    io: { ...io, readStdin: () => (text ??= io.readStdin()) },
    stdin: () => text,
  }
}
