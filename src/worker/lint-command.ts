/** The worker's `lint` command: parse, graph and flow facts in, findings out (off the typing path). */
import type { EvalResult } from '../domain/engine/index.ts'
import type { Flow } from '../domain/flows/index.ts'
import { buildGraph } from '../domain/graph/index.ts'
import type { Inventory } from '../domain/inventory/index.ts'
import { inventoryFromFlows } from '../domain/inventory/index.ts'
import type { LintFinding } from '../domain/lint/index.ts'
import { knownEndpoints, lintWorkspace, usedElements } from '../domain/lint/index.ts'
import { parsePolicies } from '../domain/policy/parse.ts'

export interface FlowLintFacts {
  readonly flows: readonly Flow[]
  readonly results: readonly EvalResult[]
}

/** `inventory`: the imported cluster inventory, whose pods count as known endpoints like the flows' ones. */
export function lintForWorkspace(text: string, facts: FlowLintFacts | null, inventory?: Inventory): LintFinding[] {
  const parse = parsePolicies(text)
  const graph = buildGraph(parse)
  const withFlows = facts !== null && facts.flows.length > 0
  if (!withFlows && !inventory) return lintWorkspace({ text, parse, graph })
  return lintWorkspace({
    text, parse, graph,
    endpoints: knownEndpoints(inventory, withFlows ? inventoryFromFlows(facts.flows) : undefined),
    ...(withFlows && { usage: { flows: facts.flows.length, used: usedElements(facts.results) } }),
  })
}
