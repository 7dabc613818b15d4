/**
 * The `rollout` command: the Rollout panel's report (domain/rollout) for the current policies
 * and capture. Workloads come from the graph of the policies and from the capture (drawn with
 * the same node ids as the flow overlay), so each coverage number selects nodes on the graph.
 */
import type { CompiledPolicySet, EvalResult } from '../domain/engine/index.ts'
import { podRef } from '../domain/engine/index.ts'
import { parseExpectationsText } from '../domain/expectations/index.ts'
import type { Flow } from '../domain/flows/index.ts'
import { buildGraph } from '../domain/graph/index.ts'
import type { LintFinding } from '../domain/lint/index.ts'
import type { ParseResult } from '../domain/policy/model.ts'
import type { FlowAdapter } from '../domain/replay/index.ts'
import type { RolloutReport, RolloutWorkload } from '../domain/rollout/index.ts'
import { rolloutReport } from '../domain/rollout/index.ts'
import { endpointView } from './flow-view.ts'

export function rolloutAnswer(
  set: CompiledPolicySet,
  parsed: Pick<ParseResult, 'policies'>,
  flows: readonly Flow[] | null,
  results: readonly EvalResult[],
  findings: readonly LintFinding[],
  expectationsText: string,
  /** The evaluator's adapter (inventory, host firewall), so capture workloads get the refs their flows got. */
  adapter: FlowAdapter,
): RolloutReport {
  const graph = buildGraph(parsed)
  const workloads = new Map<string, RolloutWorkload>()
  for (const n of graph.nodes) {
    if (n.kind === 'workload' && n.namespace !== undefined && n.labels) workloads.set(n.id, { id: n.id, namespace: n.namespace, ref: podRef({ namespace: n.namespace, labels: n.labels }) })
  }
  for (const f of flows ?? []) for (const e of [f.source, f.destination]) {
    if (!e.isEndpoint) continue
    const v = endpointView(e)
    if (v.kind === 'workload' && v.namespace !== undefined && !workloads.has(v.id)) workloads.set(v.id, { id: v.id, namespace: v.namespace, ref: adapter.ref(e) })
  }
  const namespaces = graph.nodes.filter((n) => n.kind === 'namespace' && n.namespace !== undefined).map((n) => n.namespace!)
  return rolloutReport({
    set, policies: parsed.policies, namespaces, flows, results,
    workloads: [...workloads.values()],
    fqdnWithoutDns: new Set(findings.filter((f) => f.code === 'fqdn-without-dns-proxy' && f.elementId !== undefined).map((f) => f.elementId!)),
    expectations: parseExpectationsText(expectationsText).expectations.length,
  })
}
