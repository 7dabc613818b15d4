/**
 * The Markdown report of a workspace against a capture: counts (recorded and draft verdicts), the
 * flows the draft would break (forwarded by the cluster, denied by the draft) and open (dropped by
 * policy, allowed by the draft), and the lint findings. Lists are capped so a million-flow capture
 * still gives a readable page; the CSV has every row.
 */
import { NO_REDACTION } from '../files/redact.ts'
import type { Redactor } from '../files/redact.ts'
import { endpointName } from './flows-csv.ts'
import { mdTable, mdText } from './markdown.ts'
import type { ReportFinding, ReportFlow } from './report-flow.ts'

export interface ReportInput {
  readonly flows: readonly ReportFlow[]
  readonly findings: readonly ReportFinding[]
  /** The capture's file names (shown, redacted like everything else). */
  readonly files?: readonly string[]
  /** When it was made, ISO 8601 (given, so the builder stays pure). */
  readonly generatedAt?: string
  /** Rows per list before "… and N more". */
  readonly listLimit?: number
}

const VERDICTS = ['allowed', 'denied', 'audit'] as const

function countBy<T>(items: readonly T[], key: (t: T) => string): [string, number][] {
  const counts = new Map<string, number>()
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
}

function flowList(title: string, flows: readonly ReportFlow[], limit: number, redact: Redactor, empty: string): string {
  const head = `## ${title} (${flows.length})\n\n`
  if (flows.length === 0) return head + empty + '\n'
  const rows = flows.slice(0, limit).map((f) => [
    endpointName(f.source, redact),
    endpointName(f.destination, redact),
    f.proto || '—',
    f.l7 === undefined ? '' : redact.text(f.l7),
    f.recorded,
    f.verdict,
    f.policy ? `${f.policy} ${f.path ?? ''}`.trim() : '',
  ])
  const more = flows.length > limit ? `\n\n… and ${flows.length - limit} more (the CSV export lists every flow).` : ''
  return head + mdTable(['Source', 'Destination', 'Port', 'L7', 'Recorded', 'Draft', 'Deciding rule'], rows) + more + '\n'
}

export function flowsReport(input: ReportInput, redact: Redactor = NO_REDACTION): string {
  const limit = input.listLimit ?? 50
  const requests = input.flows.filter((f) => !f.reply)
  const breaks = requests.filter((f) => f.disagreement === 'break')
  const opens = requests.filter((f) => f.disagreement === 'open')
  const out: string[] = ['# Membrane report', '']
  if (input.generatedAt) out.push(`Generated ${mdText(input.generatedAt)}.`, '')
  if (input.files && input.files.length > 0) out.push(`Capture: ${input.files.map((f) => mdText(redact.text(f))).join(', ')}.`, '')

  out.push('## Counts', '')
  const draft = VERDICTS.map((v) => [v, String(input.flows.filter((f) => f.verdict === v).length)])
  out.push(
    mdTable(['', 'Flows'], [
      ['All flows', String(input.flows.length)],
      ['Replies', String(input.flows.length - requests.length)],
      ...draft.map(([v, n]) => [`Draft: ${v}`, n!]),
      ...countBy(input.flows, (f) => f.recorded || 'unknown').map(([v, n]) => [`Recorded: ${v}`, String(n)]),
      ['Would break', String(breaks.length)],
      ['Would open', String(opens.length)],
    ]),
    '',
  )
  out.push(flowList('Would break', breaks, limit, redact, 'No flow the cluster forwarded is denied by the draft.'), '')
  out.push(flowList('Would open', opens, limit, redact, 'No flow the cluster dropped by policy is allowed by the draft.'), '')

  out.push(`## Lint findings (${input.findings.length})`, '')
  if (input.findings.length === 0) out.push('No findings.')
  else
    out.push(
      mdTable(
        ['Severity', 'Code', 'Policy', 'Where', 'Message'],
        input.findings.map((f) => [f.severity, f.code, f.policy, `${f.path} (line ${f.line})`, redact.text(f.message)]),
      ),
    )
  return out.join('\n') + '\n'
}
