/** Layout inputs of the shipped examples and generated workspaces, for the layout's unit tests. */
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { EXAMPLES } from '../../../domain/examples/catalog.ts'
import { buildGraph } from '../../../domain/graph/index.ts'
import type { GraphModel } from '../../../domain/graph/index.ts'
import { parsePolicies } from '../../../domain/policy/parse.ts'
import { collapseNamespaces } from '../aggregate.ts'
import { l7Index } from '../edges/l7-lines.ts'
import { layoutInput } from '../to-flow.ts'
import type { LayoutInput } from './layout-types.ts'
import { namespacesWorkspace } from '../../../../e2e/fixtures/namespaces-workspace.ts'

const SAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../public/samples')

/** The pane area a fitted picture fills at 1440×900 with the editor open (fit.ts padding off). */
export const VIEWPORT = { width: 882, height: 716 }

export function graphOf(text: string): { graph: GraphModel; input: LayoutInput } {
  const parsed = parsePolicies(text)
  const graph = buildGraph(parsed)
  const l7 = l7Index(parsed.policies)
  return { graph, input: layoutInput(graph, (e) => l7(e.elementId), VIEWPORT) }
}

export const exampleInputs = (): { id: string; graph: GraphModel; input: LayoutInput }[] =>
  EXAMPLES.map((ex) => ({ id: ex.id, ...graphOf(readFileSync(resolve(SAMPLES, ex.file), 'utf8')) }))

/** The 25-namespace workspace folded into summary boxes, as it opens. */
export function foldedNamespaces(count = 25): LayoutInput {
  const { graph } = graphOf(namespacesWorkspace(count))
  const v = collapseNamespaces(graph, new Set(graph.nodes.filter((n) => n.kind === 'namespace').map((n) => n.id)))
  return layoutInput(v.graph, undefined, VIEWPORT, v.summaries)
}
