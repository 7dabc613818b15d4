import { buildGraph } from '../domain/graph/index.ts'
import type { NamespaceLabels } from '../domain/graph/index.ts'
import type { ParseResult } from '../domain/policy/model.ts'
import { parsePolicies } from '../domain/policy/parse.ts'
import type { ModelState } from './workspace-types.ts'

/** True when the text is not YAML at all (as opposed to YAML with policy mistakes). */
export function hasSyntaxErrors(parse: ParseResult): boolean {
  return parse.diagnostics.some((d) => d.severity === 'error' && d.code === 'yaml-syntax')
}

/**
 * Parses text (or takes its parse when the caller already has it, as a gesture does); keeps the
 * previous good model (and its graph) when the text does not parse. `namespaceLabels`: what is
 * known of the namespaces (flows, an inventory), for drawing KNP namespaceSelector peers.
 */
export function nextModelState(
  text: string,
  previous: ModelState | null,
  parse: ParseResult = parsePolicies(text),
  namespaceLabels?: NamespaceLabels,
): ModelState {
  if (hasSyntaxErrors(parse) && previous) {
    return { parse, good: previous.good, graph: previous.graph, stale: true }
  }
  return { parse, good: parse, graph: buildGraph(parse, namespaceLabels ? { namespaceLabels } : {}), stale: false }
}
