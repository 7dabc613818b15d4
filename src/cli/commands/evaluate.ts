/** `membrane evaluate`: the draft's verdict for every recorded flow. */
import { parseArgs, required } from '../args.ts'
import { evaluateJson, evaluateTable } from '../format.ts'
import type { CliIo } from '../io.ts'
import { loadFlows } from '../load.ts'
import { COMMON_FLAGS, COMMON_HELP, evaluateFlows, setup } from '../setup.ts'

export const EVALUATE_HELP = `Usage: membrane evaluate --policies <file|dir>... --flows <hubble.json> [options]

Evaluates every flow of a Hubble capture (hubble observe -o json, exporter files, JSON arrays)
against the policies, as Cilium would enforce them.

  --flows <file>             Hubble flows (JSONL or JSON array)
${COMMON_HELP}

With --json, prints exactly one JSON object:
  {"flows":[{"index","verdict","egress":{"verdict","reasons"},"ingress":{…},"l7"?}],
   "summary":{"allowed","denied","audit"}}
`

export function evaluateCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, { ...COMMON_FLAGS, flows: 'one' }, 'evaluate')
  if (args.bools.has('help')) {
    io.stdout(EVALUATE_HELP)
    return 0
  }
  const flowsFile = required(args, 'flows', 'evaluate')
  const ctx = setup(io, args, 'evaluate')
  const { flows } = loadFlows(io, flowsFile)
  const results = evaluateFlows(ctx, flows)
  io.stdout(args.bools.has('json') ? `${evaluateJson(flows, results)}\n` : evaluateTable(flows, results))
  return 0
}
