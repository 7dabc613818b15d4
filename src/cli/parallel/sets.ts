/**
 * The policy sets a command evaluates flows under — the draft, then `check --baseline` — built the
 * same way in the main thread and in every worker (from the same parsed arguments), so all
 * threads compile identical sets.
 */
import type { CompiledPolicySet } from '../../domain/engine/index.ts'
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

/** A worker's sets: `setup` and `baselineSet` on the command's arguments (warnings are the main thread's to print). */
export function workerSets(io: CliIo, command: string, args: ParsedArgs): { sets: CompiledPolicySet[]; adapter: FlowAdapter } {
  const ctx = setup(io, args, command)
  const baseline = command === 'check' ? baselineSet(io, args, ctx) : undefined
  return { sets: [ctx.set, ...(baseline ? [baseline.set] : [])], adapter: ctx.adapter }
}
