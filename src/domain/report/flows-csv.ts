/** The flows with their recorded and draft verdicts as CSV (one row per flow, the table's columns). */
import { NO_REDACTION } from '../files/redact.ts'
import type { Redactor } from '../files/redact.ts'
import { toCsv } from './csv.ts'
import type { ReportEndpoint, ReportFlow } from './report-flow.ts'

export const FLOWS_CSV_HEADER = [
  'index', 'time', 'source', 'source_namespace', 'source_labels', 'destination', 'destination_namespace',
  'destination_labels', 'protocol', 'l7', 'recorded_verdict', 'drop_reason', 'draft_verdict', 'change',
  'policy', 'rule', 'effect', 'reply',
] as const

/** The endpoint's name with its pod name and any address replaced by the redactor. */
export function endpointName(e: ReportEndpoint, redact: Redactor): string {
  if (e.pod !== undefined && e.pod !== '') {
    const prefix = e.namespace ? `${e.namespace}/` : ''
    if (e.name === prefix + e.pod) return prefix + redact.pod(e.pod)
  }
  return redact.text(e.name)
}

const labelText = (labels: Readonly<Record<string, string>> | undefined): string =>
  labels ? Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(' ') : ''

const isoTime = (ms: number): string => (Number.isFinite(ms) ? new Date(ms).toISOString() : '')

export function flowsCsv(flows: readonly ReportFlow[], redact: Redactor = NO_REDACTION): string {
  return toCsv(
    FLOWS_CSV_HEADER,
    flows.map((f) => [
      f.index,
      isoTime(f.time),
      endpointName(f.source, redact),
      f.source.namespace,
      labelText(f.source.labels),
      endpointName(f.destination, redact),
      f.destination.namespace,
      labelText(f.destination.labels),
      f.proto,
      f.l7 === undefined ? undefined : redact.text(f.l7),
      f.recorded,
      f.dropReason,
      f.verdict,
      f.disagreement === 'break' ? 'would break' : f.disagreement === 'open' ? 'would open' : '',
      f.policy,
      f.path,
      f.effect,
      f.reply ? 'yes' : 'no',
    ]),
  )
}
