/** Shared flags and setup of evaluate / check / trace: policies, settings, inventory. */
import { compilePolicySet, createSession, hasHostPolicies, parseAuditWorkload } from '../domain/engine/index.ts'
import type { CompiledPolicySet, EvalResult, Settings } from '../domain/engine/index.ts'
import type { Flow } from '../domain/flows/index.ts'
import { toColumns } from '../domain/flows/index.ts'
import type { InventoryIndex, InventoryParseResult } from '../domain/inventory/index.ts'
import { indexInventory, inventoryEngineFacts } from '../domain/inventory/index.ts'
import { FlowAdapter, FlowEvaluator } from '../domain/replay/index.ts'
import type { FlagSpec, ParsedArgs } from './args.ts'
import { choice, many, one } from './args.ts'
import { AGENT_CONFIG_FLAGS, AGENT_CONFIG_HELP, agentConfigSettings } from './agent-config.ts'
import type { CliIo } from './io.ts'
import { CliError } from './io.ts'
import type { LoadedPolicies } from './load.ts'
import { loadInventory, loadPolicies, reportPolicyProblems } from './load.ts'

export const COMMON_FLAGS: FlagSpec = {
  policies: 'many',
  inventory: 'many',
  'audit-mode': 'bool',
  'audit-namespace': 'many',
  'audit-workload': 'many',
  'enforcement-mode': 'one',
  'cluster-name': 'one',
  'host-firewall': 'bool',
  ...AGENT_CONFIG_FLAGS,
  json: 'bool',
  help: 'bool',
}

export const COMMON_HELP = `  --policies <file|dir>...   policy YAML/JSON files or directories (recursive *.yaml, *.yml, *.json)
  --inventory <file>...      kubectl get pods,namespaces -A -o json|yaml (named ports, namespace labels)
  --audit-mode               policy audit mode: would-be denials are reported as audit
  --audit-namespace <ns>...  audit mode for the endpoints of these namespaces only (per-endpoint PolicyAuditMode)
  --audit-workload <w>...    audit mode for one workload: ns/key=value[,key=value]
  --enforcement-mode <m>     default | always | never (agent policy-enforcement mode)
  --cluster-name <name>      local cluster name (entity cluster, io.cilium.k8s.policy.cluster)
  --host-firewall            evaluate host (node) policies (default: on when the input holds host policies)
${AGENT_CONFIG_HELP}
  --json                     machine-readable output
  --help                     this help`

export interface EvalContext {
  readonly loaded: LoadedPolicies
  readonly set: CompiledPolicySet
  readonly inventory?: InventoryParseResult
  readonly index?: InventoryIndex
  readonly adapter: FlowAdapter
  /** The settings the policies were compiled with (a --baseline set is compiled with the same). */
  readonly settings: Partial<Settings>
}

/** `loaded`: policies parsed elsewhere (a worker thread gets the main thread's). */
export function setup(io: CliIo, args: ParsedArgs, command: string, loaded: LoadedPolicies = loadPolicies(io, many(args, 'policies'))): EvalContext {
  reportPolicyProblems(io, loaded)
  // The file's settings first, then what the command line says explicitly.
  const agent = agentConfigSettings(io, args)
  const clusterName = one(args, 'cluster-name') ?? agent.clusterName
  const inventory = loadInventory(io, many(args, 'inventory'), clusterName)
  const index = inventory ? indexInventory(inventory.inventory) : undefined
  // Unless the agent config says otherwise, host policies in the input mean the host firewall is on (§2.1).
  const hostFirewall = args.bools.has('host-firewall') || (agent.hostFirewall ?? hasHostPolicies(loaded.policies))
  const settings: Partial<Settings> = {
    ...agent,
    auditMode: args.bools.has('audit-mode') || agent.auditMode === true,
    ...auditScopeOf(args, command),
    enforcementMode: choice(args, 'enforcement-mode', ['default', 'always', 'never'] as const, agent.enforcementMode ?? 'default', command),
    hostFirewall,
    ...(clusterName !== undefined && { clusterName }),
    ...(inventory && inventoryEngineFacts(inventory.inventory)),
  }
  const set = compilePolicySet(loaded.policies, loaded.cidrGroups, settings)
  for (const p of set.problems) io.stderr(`warning: ${p.policy ? `${p.policy} ${p.path}: ` : ''}${p.message}\n`)
  return { loaded, set, inventory, index, adapter: new FlowAdapter({ inventory: index, hostFirewall }), settings }
}

/** `--audit-namespace` / `--audit-workload`: per-endpoint audit mode, as the page's audit scope (§3.7). */
function auditScopeOf(args: ParsedArgs, command: string): Pick<Settings, 'auditScope'> {
  const namespaces = many(args, 'audit-namespace')
  const workloads = many(args, 'audit-workload')
  for (const w of workloads) if (parseAuditWorkload(w) === null) throw new CliError(`${command}: --audit-workload '${w}': expected ns/key=value[,key=value]`)
  return namespaces.length > 0 || workloads.length > 0 ? { auditScope: { namespaces, workloads } } : {}
}

/**
 * Evaluates every flow in time order (so DNS answers teach toFQDNs before later flows) → results
 * by index. The columns (and their time order) are what ingest would hand over; the CLI builds
 * them right after reading the flows.
 */
export function evaluateFlows(ctx: EvalContext, flows: readonly Flow[]): EvalResult[] {
  return new FlowEvaluator(createSession(ctx.set), ctx.adapter).evaluateColumns(toColumns(flows))
}
