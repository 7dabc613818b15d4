/** The worker's `lint` command: parse, graph and flow facts in, findings out (off the typing path). */
import type { EvalResult } from '../domain/engine/index.ts'
import type { Flow } from '../domain/flows/index.ts'
import { buildGraph } from '../domain/graph/index.ts'
import { inventoryFromFlows } from '../domain/inventory/index.ts'
import type { LintFinding } from '../domain/lint/index.ts'
import { knownEndpoints, lintWorkspace, usedElements } from '../domain/lint/index.ts'
import { parsePolicies } from '../domain/policy/parse.ts'

export interface FlowLintFacts {
  readonly flows: readonly Flow[]
  readonly results: readonly EvalResult[]
}

export function lintForWorkspace(text: string, facts: FlowLintFacts | null): LintFinding[] {
  const parse = parsePolicies(text)
  const graph = buildGraph(parse)
  if (!facts || facts.flows.length === 0) return lintWorkspace({ text, parse, graph })
  return lintWorkspace({
    text, parse, graph,
    endpoints: knownEndpoints(undefined, inventoryFromFlows(facts.flows)),
    usage: { flows: facts.flows.length, used: usedElements(facts.results) },
  })
}
