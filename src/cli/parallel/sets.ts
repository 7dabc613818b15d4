/**
 * The policy sets a command evaluates flows under — the draft, then `check --baseline` — built the
 * same way in the main thread and in every worker (the same parsed policies, compiled with the
 * settings of the same arguments), so all threads compile identical sets.
 */
import type { CompiledPolicySet } from '../../domain/engine/index.ts'
import type { CidrGroup, Policy } from '../../domain/policy/index.ts'
import { compilePolicySet } from '../../domain/engine/index.ts'
import type { FlowAdapter } from '../../domain/replay/index.ts'
import type { ParsedArgs } from '../args.ts'
import { many } from '../args.ts'
import type { CliIo } from '../io.ts'
import type { LoadedPolicies } from '../load.ts'
import { loadPolicies } from '../load.ts'
import type { EvalContext } from '../setup.ts'
import { setup } from '../setup.ts'

/** `--baseline` policies compiled with the draft's settings (check). */
export function baselineSet(io: CliIo, args: ParsedArgs, ctx: EvalContext): { loaded: LoadedPolicies; set: CompiledPolicySet } | undefined {
  const inputs = many(args, 'baseline')
  if (inputs.length === 0) return undefined
  const loaded = loadPolicies(io, inputs)
  return { loaded, set: compilePolicySet(loaded.policies, loaded.cidrGroups, ctx.settings) }
}

/** One set's parsed policies, as handed to the workers (plain data: it clones between threads). */
export interface PolicySource {
  readonly policies: readonly Policy[]
  readonly cidrGroups: readonly CidrGroup[]
}

export const policySource = (loaded: LoadedPolicies): PolicySource => ({ policies: loaded.policies, cidrGroups: loaded.cidrGroups })

/**
 * A worker's sets: `setup` on the command's arguments with the draft's policies already parsed,
 * and the baseline compiled with its settings as `baselineSet` does (warnings are the main
 * thread's to print).
 */
export function workerSets(io: CliIo, command: string, args: ParsedArgs, sources: readonly PolicySource[]): { sets: CompiledPolicySet[]; adapter: FlowAdapter } {
  const [draft, baseline] = sources
  const ctx = setup(io, args, command, { files: [], diagnostics: [], perFile: [], ...draft })
  return { sets: [ctx.set, ...(baseline ? [compilePolicySet(baseline.policies, baseline.cidrGroups, ctx.settings)] : [])], adapter: ctx.adapter }
}
