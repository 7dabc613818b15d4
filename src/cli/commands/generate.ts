/** `membrane generate`: draft allow policies from observed flows (domain/generate), as YAML. */
import type { Flow } from '../../domain/flows/index.ts'
import type { DraftDirection } from '../../domain/generate/index.ts'
import { generatePolicies } from '../../domain/generate/index.ts'
import type { FlagSpec } from '../args.ts'
import { choice, many, one, parseArgs } from '../args.ts'
import type { CliIo } from '../io.ts'
import { CliError, resolvePath } from '../io.ts'
import type { FlowPlace } from '../load.ts'
import { streamFlows } from '../load.ts'

export const GENERATE_FLAGS: FlagSpec = { flows: 'many', namespace: 'one', workload: 'one', direction: 'one', out: 'one', 'cluster-name': 'one', help: 'bool' }

export const GENERATE_HELP = `Usage: membrane generate --flows <file|dir|->... [--namespace <ns>] [--workload <name>] [options]

Drafts allow policies from observed Hubble flows: one CiliumNetworkPolicy per workload, with
ingress and/or egress rules covering every observed non-reply flow (forwarded, redirected or
audited). Selectors use stable labels (app.kubernetes.io/name, app, k8s-app; never
pod-template-hash and the like); ports to one peer are merged; host, remote-node and
kube-apiserver become entities; world traffic becomes toFQDNs when the capture names it (DNS
answers, destination_names) with the kube-dns DNS rule it needs, else toCIDR. The draft is
checked against the same flows before it is printed: none of them is denied by it.

Traffic absent from the capture (batch jobs, failover) is absent from the draft: review it and
run it in audit mode first. e.g.
  membrane generate --flows captures/ --namespace shop > shop-draft.yaml
  membrane check --policies shop-draft.yaml --flows captures/

  --flows <file|dir|->...    Hubble flows: files, directories (*.json, *.jsonl, *.log, *.txt, *.gz)
  --namespace <ns>           only draft policies for workloads of this namespace
  --workload <name>          only draft for this workload (its owner name, or key=value of its labels)
  --direction <d>            ingress | egress | both (default both)
  --out <file>               write the YAML to a file instead of standard output
  --cluster-name <name>      local cluster name, for the self-check
  --help                     this help

Each rule carries a comment listing the flows it covers (flow numbers as in membrane evaluate).
Flows that cannot be expressed (peers whose labels a field mask removed…) are listed on standard
error.

Exit codes: 0 drafted, 2 unusable input (no flows, unreadable files).
`

export function generateCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, GENERATE_FLAGS, 'generate')
  if (args.bools.has('help')) {
    io.stdout(GENERATE_HELP)
    return 0
  }
  const inputs = many(args, 'flows')
  if (inputs.length === 0) throw new CliError('generate: --flows is required (see membrane generate --help)')
  const direction = choice(args, 'direction', ['ingress', 'egress', 'both'] as const, 'both', 'generate')
  const directions: DraftDirection[] = direction === 'both' ? ['ingress', 'egress'] : [direction]
  // Drafting looks at all flows at once (DNS answers name later connections), so they are kept.
  const flows: Flow[] = []
  const places: FlowPlace[] = []
  const read = streamFlows(io, inputs, (batch, at) => {
    for (let i = 0; i < batch.length; i++) {
      flows.push(batch[i])
      places.push(at[i])
    }
  })
  if (read.flows === 0) throw new CliError('generate: no flows read: nothing to draft from')
  const namespace = one(args, 'namespace')
  const workload = one(args, 'workload')
  const clusterName = one(args, 'cluster-name')
  const result = generatePolicies(flows, {
    ...(namespace !== undefined && { namespace }), ...(workload !== undefined && { workload }), directions,
    ...(clusterName !== undefined && { settings: { clusterName } }),
  })
  const out = one(args, 'out')
  if (out !== undefined) io.writeFile(resolvePath(io, out), result.yaml)
  else io.stdout(result.yaml)
  io.stderr(`drafted ${result.policies.length} polic${result.policies.length === 1 ? 'y' : 'ies'} from ${result.considered} observed non-reply flow(s)${
    result.cidrFallbacks.length > 0 ? `; ${result.cidrFallbacks.length} named destination(s) kept as toCIDR (their DNS answer is not in the capture before them)` : ''}\n`)
  if (result.uncovered.length > 0) {
    io.stderr(`${result.uncovered.length} observed flow(s) could not be drafted:\n`)
    for (const u of result.uncovered.slice(0, 20)) io.stderr(`  flow #${u.index} (${places[u.index].file}:${places[u.index].line}): ${u.reason}\n`)
    if (result.uncovered.length > 20) io.stderr(`  … and ${result.uncovered.length - 20} more\n`)
  }
  return 0
}
