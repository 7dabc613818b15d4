/** `membrane evaluate`: the draft's verdict for every recorded flow, streamed. */
import type { EvalResult } from '../../domain/engine/index.ts'
import type { Flow } from '../../domain/flows/index.ts'
import { isReply } from '../../domain/flows/index.ts'
import type { FlagSpec } from '../args.ts'
import { many, outputFormat, parseArgs } from '../args.ts'
import { align, decidingReason, flowResultJson, peerName, portText } from '../format.ts'
import type { CliIo } from '../io.ts'
import { CliError } from '../io.ts'
import { COMMON_FLAGS, COMMON_HELP, setup } from '../setup.ts'
import { evaluateStream } from '../stream-eval.ts'
import { ALLOW_EMPTY_HELP, requireFlows } from '../empty-flows.ts'

export const EVALUATE_FORMATS = ['text', 'json'] as const

export const EVALUATE_FLAGS: FlagSpec = { ...COMMON_FLAGS, flows: 'many', output: 'one', 'allow-empty': 'bool' }

export const EVALUATE_HELP = `Usage: membrane evaluate --policies <file|dir|->... --flows <file|dir|->... [options]

Evaluates every flow of Hubble captures (hubble observe -o json, exporter files, JSON arrays,
.gz) against the policies, as Cilium would enforce them. One input may be '-' (standard input), e.g.
  hubble observe -o json --last 10000 | membrane evaluate --policies policies/ --flows -

  --flows <file|dir|->...    Hubble flows: files, directories (*.json, *.jsonl, *.log, *.txt, *.gz),
                             gzip or plain; several files are merged and de-duplicated
${ALLOW_EMPTY_HELP}
  --output <format>          text | json (default text)
${COMMON_HELP}

With --json (--output json), prints exactly one JSON object, written as the flows are read:
  {"flows":[{"index","verdict","egress":{"verdict","reasons"},"ingress":{…},"l7"?}],
   "summary":{"allowed","denied","audit"}}

Memory grows with the distinct endpoints and ports, not with the number of flows; a progress
line is shown on standard error when it is a terminal.

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

  add(f: Flow, r: EvalResult): void {
    if (isReply(f)) {
      this.replies++
      return
    }
    const src = peerName(f.source)
    const dst = peerName(f.destination)
    const port = portText(f)
    const reason = decidingReason(r)
    const key = `${src}\u0000${dst}\u0000${port}\u0000${r.verdict}\u0000${reason}`
    let g = this.groups.get(key)
    if (!g) this.groups.set(key, (g = { src, dst, port, draft: r.verdict, recorded: new Map(), reason, count: 0 }))
    g.count++
    g.recorded.set(f.verdict, (g.recorded.get(f.verdict) ?? 0) + 1)
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

export function evaluateCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, EVALUATE_FLAGS, 'evaluate')
  if (args.bools.has('help')) {
    io.stdout(EVALUATE_HELP)
    return 0
  }
  const format = outputFormat(args, EVALUATE_FORMATS, 'evaluate')
  const inputs = many(args, 'flows')
  if (inputs.length === 0) throw new CliError('evaluate: --flows is required (see membrane evaluate --help)')
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
    pending.push(`${first ? '' : ','}${JSON.stringify(flowResultJson(f, r))}`)
    first = false
    if (pending.length >= 4096) write()
  })
  // Nothing is written before this when no flow was read (the JSON opens on the first flow).
  requireFlows(io, run, args.bools.has('allow-empty'))
  if (table) io.stdout(table.text(run.flows, run.summary))
  else {
    if (first) pending.push('{"flows":[')
    pending.push(`],"summary":${JSON.stringify(run.summary)}}\n`)
    write()
  }
  return 0
}
