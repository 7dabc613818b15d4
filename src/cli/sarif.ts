/**
 * SARIF 2.1.0 (OASIS), the static-analysis format GitHub code scanning reads: each finding is a
 * result on a file and a line, so it shows up on the pull request next to the line it is about.
 * Only fields the standard defines; paths are relative to the working directory (the repository
 * root in CI), under the `%SRCROOT%` base.
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { STDIN_NAME } from './io.ts'

export type SarifLevel = 'error' | 'warning' | 'note'

export interface SarifRule {
  readonly id: string
  readonly description: string
  readonly level: SarifLevel
}

/** A place in a file; lines and columns are 1-based, columns in UTF-16 code units, end exclusive. */
export interface SourcePlace {
  readonly file: string
  readonly line: number
  readonly column?: number
  readonly endLine?: number
  readonly endColumn?: number
}

export interface SarifFinding {
  readonly ruleId: string
  readonly level: SarifLevel
  readonly message: string
  readonly place?: SourcePlace
  /** Other places that explain the finding, e.g. the rule that denied a flow. */
  readonly related?: readonly (SourcePlace & { readonly message: string })[]
}

export interface SarifRun {
  readonly tool: string
  readonly version: string
  /** Distinguishes this tool's runs in code scanning (`membrane-lint`, `membrane-check`). */
  readonly category: string
  /** Relative paths are resolved against it; the repository root in CI. */
  readonly cwd: string
  readonly rules: readonly SarifRule[]
  readonly findings: readonly SarifFinding[]
}

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json'
const SRCROOT = '%SRCROOT%'

/** The artifact location of a file: relative to `cwd` when inside it, else an absolute file URI. */
function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } | undefined {
  if (file === STDIN_NAME) return undefined
  const abs = path.resolve(cwd, file)
  const rel = path.relative(cwd, abs)
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { uri: pathToFileURL(abs).href }
  return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT }
}

function region(p: SourcePlace): Record<string, number> {
  const r: Record<string, number> = { startLine: Math.max(1, p.line) }
  if (p.column !== undefined) r.startColumn = Math.max(1, p.column)
  // An end is written only when it is after the start: an empty region would point at nothing.
  const endLine = p.endLine ?? p.line
  if (p.endColumn !== undefined && r.startColumn !== undefined && (endLine > r.startLine || p.endColumn > r.startColumn)) {
    if (endLine > r.startLine) r.endLine = endLine
    r.endColumn = p.endColumn
  }
  return r
}

function location(p: SourcePlace, cwd: string, message?: string): object | undefined {
  const artifact = artifactLocation(p.file, cwd)
  if (!artifact) return undefined
  return { physicalLocation: { artifactLocation: artifact, region: region(p) }, ...(message !== undefined && { message: { text: message } }) }
}

/** One SARIF log with one run; findings on standard input get no location, only their message. */
export function sarifLog(run: SarifRun): string {
  const ruleIndex = new Map(run.rules.map((r, i) => [r.id, i]))
  const results = run.findings.map((f) => {
    const index = ruleIndex.get(f.ruleId)
    if (index === undefined) throw new Error(`SARIF finding with undeclared rule ${f.ruleId}`)
    const primary = f.place ? location(f.place, run.cwd) : undefined
    const related = (f.related ?? []).map((r) => location(r, run.cwd, r.message)).filter((l) => l !== undefined)
    const where = f.place && !primary ? `${f.place.file}:${f.place.line}${f.place.column !== undefined ? `:${f.place.column}` : ''}: ` : ''
    return {
      ruleId: f.ruleId,
      ruleIndex: index,
      level: f.level,
      message: { text: `${where}${f.message}` },
      ...(primary && { locations: [primary] }),
      ...(related.length > 0 && { relatedLocations: related.map((l, id) => ({ id, ...l })) }),
    }
  })
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: run.tool,
          version: run.version,
          semanticVersion: run.version,
          rules: run.rules.map((r) => ({
            id: r.id,
            shortDescription: { text: r.description },
            defaultConfiguration: { level: r.level },
          })),
        },
      },
      automationDetails: { id: `${run.category}/` },
      originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(path.join(run.cwd, '/')).href } },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  }
  return `${JSON.stringify(log, null, 2)}\n`
}
