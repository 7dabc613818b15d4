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
import { DEMO_FLOWS_FILE } from '../../../domain/examples/catalog.ts'
import { DEFAULT_AGENT_SETTINGS } from '../../../domain/settings/index.ts'
import { EvaluatorCore } from '../../../worker/evaluator-core.ts'
import { buildOverlay, withObservedNodes } from '../../../store/flow-overlay.ts'
import { withFlowEdges } from '../flow-edges.ts'

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

/** The demo with its recorded flows loaded ("Demo flows"): observed nodes and flow edges added. */
export function demoWithFlows(): { graph: GraphModel; input: LayoutInput; flowEdges: number } {
  const demo = EXAMPLES.find((e) => e.id === 'demo')!
  const text = readFileSync(resolve(SAMPLES, demo.file), 'utf8')
  const core = new EvaluatorCore()
  core.run({ type: 'setWorkspace', text, settings: DEFAULT_AGENT_SETTINGS })
  core.run({ type: 'loadFlows', text: readFileSync(resolve(SAMPLES, DEMO_FLOWS_FILE), 'utf8') })
  const policyGraph = graphOf(text).graph
  const overlay = buildOverlay(policyGraph, core.run({ type: 'flowView' }))
  const graph = withObservedNodes(policyGraph, overlay)
  const parsed = parsePolicies(text)
  const l7 = l7Index(parsed.policies)
  return { graph, input: withFlowEdges(layoutInput(graph, (e) => l7(e.elementId), VIEWPORT), overlay.edges), flowEdges: overlay.edges.length }
}
