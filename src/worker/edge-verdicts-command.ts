/**
 * The `edgeVerdicts` command: the evaluator's verdict on every rule edge of the workspace, for
 * the graph to paint after it has drawn the rules (domain/trace/edge-verdicts.ts does the work).
 */
import type { CompiledPolicySet } from '../domain/engine/index.ts'
import { buildGraph } from '../domain/graph/index.ts'
import type { ParseResult } from '../domain/policy/model.ts'
import type { EdgeVerdict } from '../domain/trace/index.ts'
import { edgeVerdicts, graphEdgeNames } from '../domain/trace/index.ts'

export interface EdgeVerdictsAnswer {
  readonly verdicts: readonly EdgeVerdict[]
  /** Whether host policy was evaluated (the host firewall switch, or `auto` with host policies). */
  readonly hostFirewall: boolean
}

export function edgeVerdictsAnswer(set: CompiledPolicySet, parsed: Pick<ParseResult, 'policies' | 'cidrGroups'>): EdgeVerdictsAnswer {
  return {
    verdicts: edgeVerdicts(set, parsed, graphEdgeNames(buildGraph(parsed))),
    hostFirewall: set.settings.hostFirewall,
  }
}
