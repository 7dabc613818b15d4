/** The loaded capture and lint findings as the report builders take them, and the redactor for them. */
import { NO_REDACTION, createRedactor } from '../../domain/files/redact.ts'
import type { Redactor } from '../../domain/files/redact.ts'
import type { ReportEndpoint, ReportFinding, ReportFlow } from '../../domain/report/report-flow.ts'
import { useFlows } from '../../store/flows-store.ts'
import { useLint } from '../../store/lint-store.ts'

type View = NonNullable<ReturnType<typeof useFlows.getState>['view']>

function endpoint(view: View, index: number, name: string): ReportEndpoint {
  const e = view.endpoints[index]
  if (!e) return { name }
  const ns = e.namespace
  const pod = e.kind === 'workload' && ns !== undefined && name.startsWith(`${ns}/`) ? name.slice(ns.length + 1) : undefined
  return { name, ...(ns !== undefined && { namespace: ns }), ...(pod !== undefined && { pod }), ...(e.labels && { labels: e.labels }) }
}

/** Every loaded flow as the report takes it (fetched from the worker, where the rows are). */
export async function reportFlows(): Promise<ReportFlow[]> {
  const view = useFlows.getState().view
  if (!view) return []
  const rows = await useFlows.getState().allRows()
  return rows.map((r) => ({
    index: r.index,
    time: r.time,
    source: endpoint(view, r.src, r.srcName),
    destination: endpoint(view, r.dst, r.dstName),
    proto: r.proto,
    ...(r.l7 !== undefined && { l7: r.l7 }),
    recorded: r.recorded,
    ...(r.dropReason !== undefined && { dropReason: r.dropReason }),
    verdict: r.verdict,
    reply: r.reply,
    ...(r.rule && { policy: r.rule.policy, path: r.rule.path, effect: r.rule.effect }),
    ...(r.disagreement && { disagreement: r.disagreement }),
  }))
}

export function reportFindings(): ReportFinding[] {
  return useLint.getState().findings.map((f) => ({ severity: f.severity as ReportFinding['severity'], code: f.code, policy: f.policy, path: f.path, line: f.line, message: f.message }))
}

/** A fresh redactor knowing the capture's pod names (kept: its namespaces and label values), or none. */
export function redactorFor(redact: boolean): Redactor {
  if (!redact) return NO_REDACTION
  const view = useFlows.getState().view
  const keep = new Set<string>()
  for (const e of view?.endpoints ?? []) {
    if (e.namespace) keep.add(e.namespace)
    for (const v of Object.values(e.labels ?? {})) keep.add(v)
  }
  return createRedactor({ podNames: new Set(view?.pods ?? []), keep })
}
