/** `membrane evaluate`: the draft's verdict for every recorded flow, streamed. */
import type { EvalResult } from '../../domain/engine/index.ts'
import type { FlowEndpoint } from '../../domain/flows/index.ts'
import type { FlagSpec } from '../args.ts'
import { many, outputFormat, parseArgs } from '../args.ts'
import { align, decidingReason, flowResultJson, peerName } from '../format.ts'
import type { CliIo } from '../io.ts'
import { CliError } from '../io.ts'
import { COMMON_FLAGS, COMMON_HELP, setup } from '../setup.ts'
import type { FlowRow } from '../stream-eval.ts'
import { evaluateStream, startWorkers } from '../stream-eval.ts'
import { STREAM_FLAGS, STREAM_HELP, rememberStdin, streamOptions } from '../parallel/options.ts'
import { ALLOW_EMPTY_HELP, requireFlows } from '../empty-flows.ts'

export const EVALUATE_FORMATS = ['text', 'json'] as const

export const EVALUATE_FLAGS: FlagSpec = { ...COMMON_FLAGS, ...STREAM_FLAGS, flows: 'many', output: 'one', 'allow-empty': 'bool' }

export const EVALUATE_HELP = `Usage: membrane evaluate --policies <file|dir|->... --flows <file|dir|->... [options]

Evaluates every flow of Hubble captures (hubble observe -o json, exporter files, JSON arrays,
.gz) against the policies, as Cilium would enforce them. One input may be '-' (standard input), e.g.
  hubble observe -o json --last 10000 | membrane evaluate --policies policies/ --flows -

  --flows <file|dir|->...    Hubble flows: files, directories (*.json, *.jsonl, *.log, *.txt, *.gz),
                             gzip or plain; several files are merged and de-duplicated, read in
                             the order of their first timestamp (rotated exporter files)
${STREAM_HELP}
${ALLOW_EMPTY_HELP}
  --output <format>          text | json (default text)
${COMMON_HELP}

With --json (--output json), prints exactly one JSON object, written as the flows are read:
  {"flows":[{"index","verdict","egress":{"verdict","reasons"},"ingress":{…},"l7"?}],
   "summary":{"allowed","denied","audit"}}

Verdicts are those of the whole input in time order: DNS answers teach toFQDNs for every later
flow, whichever file or worker read it. Memory grows with the distinct endpoints, ports and DNS
answers, not with the number of flows; a progress line is shown on standard error when it is a
terminal.

Exit codes: 0 evaluated (whatever the verdicts), 2 unusable input.
`

interface Group {
  src: string
  dst: string
  port: string
  draft: string
  recorded: Map<string, number>
  reason: string
  count: number
}

/** The readable table, accumulated per group (non-reply flows by connection and outcome). */
class Table {
  private readonly groups = new Map<string, Group>()
  private replies = 0

  /** Peer names by endpoint: computing one sorts labels, and endpoints repeat on every flow. */
  private readonly names = new WeakMap<FlowEndpoint, string>()

  add(f: FlowRow, r: EvalResult): void {
    if (f.reply) {
      this.replies++
      return
    }
    const src = this.name(f.source)
    const dst = this.name(f.destination)
    const port = f.port
    const reason = decidingReason(r)
    const key = `${src}\u0000${dst}\u0000${port}\u0000${r.verdict}\u0000${reason}`
    let g = this.groups.get(key)
    if (!g) this.groups.set(key, (g = { src, dst, port, draft: r.verdict, recorded: new Map(), reason, count: 0 }))
    g.count++
    g.recorded.set(f.verdict, (g.recorded.get(f.verdict) ?? 0) + 1)
  }

  private name(e: FlowEndpoint): string {
    let n = this.names.get(e)
    if (n === undefined) this.names.set(e, (n = peerName(e)))
    return n
  }

  text(total: number, s: { allowed: number; denied: number; audit: number }): string {
    const order = (v: string): number => (v === 'denied' ? 0 : v === 'audit' ? 1 : 2)
    const rows = [...this.groups.values()].sort((a, b) => order(a.draft) - order(b.draft) || b.count - a.count)
    const table = [['DRAFT', 'FLOWS', 'SOURCE', 'DESTINATION', 'PORT', 'RECORDED', 'WHY'],
      ...rows.map((g) => [g.draft.toUpperCase(), String(g.count), g.src, g.dst, g.port,
        [...g.recorded].map(([v, n]) => (g.recorded.size > 1 ? `${v}×${n}` : v)).join(' '), g.reason])]
    const lines = align(table)
    if (this.replies > 0) lines.push('', `${this.replies} reply flow(s) not listed: replies of tracked connections are allowed.`)
    lines.push('', `${total} flows: ${s.allowed} allowed, ${s.denied} denied, ${s.audit} audit`)
    return lines.join('\n') + '\n'
  }
}

/**
 * A flow's JSON after its index: results repeat (the engine returns one object per connection
 * and outcome), so each is serialized once. `flowResultJson` puts `index` first.
 */
const tails = new WeakMap<EvalResult, string>()
const HEAD = '{"index":0'
function resultTail(r: EvalResult): string {
  let t = tails.get(r)
  if (t === undefined) tails.set(r, (t = JSON.stringify(flowResultJson({ index: 0 }, r)).slice(HEAD.length)))
  return t
}

export function evaluateCommand(argv: readonly string[], given: CliIo): number {
  const { io, stdin } = rememberStdin(given)
  const args = parseArgs(argv, EVALUATE_FLAGS, 'evaluate')
  if (args.bools.has('help')) {
    io.stdout(EVALUATE_HELP)
    return 0
  }
  const format = outputFormat(args, EVALUATE_FORMATS, 'evaluate')
  const inputs = many(args, 'flows')
  if (inputs.length === 0) throw new CliError('evaluate: --flows is required (see membrane evaluate --help)')
  const options = streamOptions(args, 'evaluate')
  const pool = startWorkers(io, inputs, { command: 'evaluate', args, options })
  try {
    const ctx = setup(io, args, 'evaluate')
    const table = format === 'json' ? undefined : new Table()
    let first = true
    let pending: string[] = []
    const write = (): void => {
      if (pending.length === 0) return
      io.stdout(pending.join(''))
      pending = []
    }
    const run = evaluateStream(io, ctx, inputs, [ctx.set], (f, [r]) => {
      if (table) return table.add(f, r)
      if (first) pending.push('{"flows":[')
      pending.push(`${first ? '' : ','}{"index":${f.index}${resultTail(r)}`)
      first = false
      if (pending.length >= 4096) write()
    }, { command: 'evaluate', args, options, ...(stdin() !== undefined && { stdin: stdin() }), ...(pool && { pool }) })
    // Nothing is written before this when no flow was read (the JSON opens on the first flow).
    requireFlows(io, run, args.bools.has('allow-empty'))
    if (table) io.stdout(table.text(run.flows, run.summary))
    else {
      if (first) pending.push('{"flows":[')
      pending.push(`],"summary":${JSON.stringify(run.summary)}}\n`)
      write()
    }
    return 0
  } finally {
    // Closed here as well: the command may stop (a policy error) before the workers were used.
    pool?.close()
  }
}
