/** `membrane evaluate`: the draft's verdict for every recorded flow. */
import type { FlagSpec } from '../args.ts'
import { outputFormat, parseArgs, required } from '../args.ts'
import { evaluateJson, evaluateTable } from '../format.ts'
import type { CliIo } from '../io.ts'
import { loadFlows } from '../load.ts'
import { ALLOW_EMPTY_HELP, requireFlows } from '../empty-flows.ts'
import { COMMON_FLAGS, COMMON_HELP, evaluateFlows, setup } from '../setup.ts'

export const EVALUATE_FORMATS = ['text', 'json'] as const

export const EVALUATE_FLAGS: FlagSpec = { ...COMMON_FLAGS, flows: 'one', output: 'one', 'allow-empty': 'bool' }

export const EVALUATE_HELP = `Usage: membrane evaluate --policies <file|dir|->... --flows <hubble.json|-> [options]

Evaluates every flow of a Hubble capture (hubble observe -o json, exporter files, JSON arrays)
against the policies, as Cilium would enforce them. One input may be '-' (standard input), e.g.
  hubble observe -o json --last 10000 | membrane evaluate --policies policies/ --flows -

  --flows <file|->           Hubble flows (JSONL or JSON array); no flows in it is an error (exit 2)
${ALLOW_EMPTY_HELP}
  --output <format>          text | json (default text)
${COMMON_HELP}

With --json (--output json), prints exactly one JSON object:
  {"flows":[{"index","verdict","egress":{"verdict","reasons"},"ingress":{…},"l7"?}],
   "summary":{"allowed","denied","audit"}}

Exit codes: 0 evaluated (whatever the verdicts), 2 unusable input.
`

export function evaluateCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, EVALUATE_FLAGS, 'evaluate')
  if (args.bools.has('help')) {
    io.stdout(EVALUATE_HELP)
    return 0
  }
  const format = outputFormat(args, EVALUATE_FORMATS, 'evaluate')
  const flowsFile = required(args, 'flows', 'evaluate')
  const ctx = setup(io, args, 'evaluate')
  const loadedFlows = loadFlows(io, flowsFile)
  requireFlows(io, loadedFlows, args.bools.has('allow-empty'))
  const { flows } = loadedFlows
  const results = evaluateFlows(ctx, flows)
  io.stdout(format === 'json' ? `${evaluateJson(flows, results)}\n` : evaluateTable(flows, results))
  return 0
}
