/** Loading the CLI's inputs: policy files/directories, flows, inventory — with clear errors. */
import path from 'node:path'
import { FlowDeduper, createFlowIngest, createFlowParser } from '../domain/flows/index.ts'
import type { Flow, IngestResult, LostEvents, SkippedSample } from '../domain/flows/index.ts'
import type { InventoryParseResult } from '../domain/inventory/index.ts'
import { parseInventory } from '../domain/inventory/index.ts'
import type { Reason } from '../domain/engine/index.ts'
import { LineIndex, aliasBudget, parsePolicies } from '../domain/policy/index.ts'
import type { CidrGroup, Diagnostic, Policy } from '../domain/policy/index.ts'
import type { CliIo } from './io.ts'
import { CliError, STDIN, STDIN_NAME, readText, resolvePath } from './io.ts'
import { ellipsize } from './safe-text.ts'

const POLICY_EXTENSIONS = ['.yaml', '.yml', '.json']

export interface FileDiagnostic extends Diagnostic {
  /** The path as the user gave it (or found under a directory they gave). */
  readonly file: string
}

export interface LoadedPolicies {
  readonly files: readonly string[]
  readonly policies: readonly Policy[]
  readonly cidrGroups: readonly CidrGroup[]
  readonly diagnostics: readonly FileDiagnostic[]
  /** Each file's text and policies, for mapping source ranges back to file:line:col. */
  readonly perFile: readonly { readonly file: string; readonly text: string; readonly policies: readonly Policy[] }[]
}

/** Expands files and directories (recursively, *.yaml|*.yml|*.json, sorted) into policy files. */
export function policyFiles(io: CliIo, inputs: readonly string[]): string[] {
  if (inputs.length === 0) throw new CliError('--policies needs at least one file or directory')
  const out: string[] = []
  const walk = (shown: string): void => {
    if (shown === STDIN) {
      out.push(STDIN)
      return
    }
    const abs = resolvePath(io, shown)
    const kind = io.kind(abs)
    if (kind === undefined) throw new CliError(`policy file or directory not found: ${shown}`)
    if (kind === 'file') {
      out.push(shown)
      return
    }
    for (const name of io.list(abs)) {
      if (name.startsWith('.')) continue
      const child = path.join(shown, name)
      const childKind = io.kind(resolvePath(io, child))
      if (childKind === 'dir') walk(child)
      else if (childKind === 'file' && POLICY_EXTENSIONS.includes(path.extname(name).toLowerCase())) out.push(child)
    }
  }
  for (const input of inputs) {
    const before = out.length
    walk(input)
    if (out.length === before) throw new CliError(`no *.yaml, *.yml or *.json files under ${input}`)
  }
  return [...new Set(out)]
}

export function loadPolicies(io: CliIo, inputs: readonly string[]): LoadedPolicies {
  const files = policyFiles(io, inputs)
  const policies: Policy[] = []
  const cidrGroups: CidrGroup[] = []
  const diagnostics: FileDiagnostic[] = []
  const seen = new Map<string, string>()
  const perFile: { file: string; text: string; policies: readonly Policy[] }[] = []
  const budget = aliasBudget() // one alias budget for all files: they are one workspace
  for (const input of files) {
    const text = readText(io, input, 'policy')
    const file = input === STDIN ? STDIN_NAME : input
    const parsed = parsePolicies(text, { aliasBudget: budget })
    perFile.push({ file, text, policies: parsed.policies })
    for (const d of parsed.diagnostics) diagnostics.push({ ...d, file })
    for (const p of parsed.policies) {
      const first = seen.get(p.key)
      if (first !== undefined) {
        diagnostics.push({ severity: 'warning', code: 'duplicate-policy', file, line: 1, column: 1, endLine: 1, endColumn: 1,
          range: p.origin.range, message: `${p.kind} ${p.namespace ? `${p.namespace}/` : ''}${p.name} is also defined in ${first}; both are evaluated` })
      } else seen.set(p.key, file)
      policies.push(p)
    }
    cidrGroups.push(...parsed.cidrGroups)
  }
  return { files: files.map((f) => (f === STDIN ? STDIN_NAME : f)), policies, cidrGroups, diagnostics, perFile }
}

export function formatDiagnostic(d: FileDiagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${ellipsize(d.message, 1000)} [${d.code}]`
}

const MAX_ERRORS_SHOWN = 20

/** Prints warnings, and stops with exit 2 when a policy file has errors (verdicts would be wrong). */
export function reportPolicyProblems(io: CliIo, loaded: LoadedPolicies): void {
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error')
  for (const d of loaded.diagnostics) if (d.severity === 'warning') io.stderr(`${formatDiagnostic(d)}\n`)
  if (errors.length > 0) {
    // The first few say what is wrong; thousands (a JSON capture passed as policies) would bury the message.
    for (const d of errors.slice(0, MAX_ERRORS_SHOWN)) io.stderr(`${formatDiagnostic(d)}\n`)
    if (errors.length > MAX_ERRORS_SHOWN) io.stderr(`… and ${errors.length - MAX_ERRORS_SHOWN} more error(s)\n`)
    throw new CliError(`${errors.length} error(s) in the policies; fix them first (membrane lint shows all problems)`)
  }
}

export interface LoadedFlows extends IngestResult {
  /** The file as messages and reports name it (`<stdin>` for `-`). */
  readonly file: string
  /** 1-based line of each flow by `index`: where a report points for it (the line that completed the record). */
  readonly lines: Int32Array
}

export function loadFlows(io: CliIo, input: string): LoadedFlows {
  const text = readText(io, input, 'flows')
  const file = input === STDIN ? STDIN_NAME : input
  const parser = createFlowParser({ keepFlows: true })
  // Fed line by line, so each flow the parser completes is known to end on that line.
  const lines: number[] = []
  let lineNo = 0
  for (let start = 0; start < text.length;) {
    const nl = text.indexOf('\n', start)
    const end = nl < 0 ? text.length : nl + 1
    lineNo++
    for (let n = parser.push(text.slice(start, end)).length; n > 0; n--) lines.push(lineNo)
    start = end
  }
  const result = parser.end()
  while (lines.length < result.flows.length) lines.push(lineNo)
  if (result.skipped > 0) {
    const first = result.skippedSamples.slice(0, 3).map((s) => `line ${s.line}: ${s.reason}`).join('; ')
    io.stderr(`${file}: skipped ${result.skipped} unreadable line(s) (${first})\n`)
  }
  if (result.flows.length === 0) io.stderr(`${file}: no flows found${result.nonFlow > 0 ? ` (${result.nonFlow} non-flow events)` : ''}\n`)
  return { ...result, file, lines: Int32Array.from(lines) }
}

export function loadInventory(io: CliIo, files: readonly string[], clusterName: string | undefined): InventoryParseResult | undefined {
  if (files.length === 0) return undefined
  const result = parseInventory(files.map((f) => readText(io, f, 'inventory')), { clusterName })
  for (const p of result.problems) {
    const where = p.line !== undefined ? `:${p.line}:${p.column ?? 1}` : ''
    io.stderr(`${p.input !== undefined ? files[p.input] : files.join(",")}${where}: ${p.severity}: ${p.message}\n`)
  }
  if (result.problems.some((p) => p.severity === 'error')) throw new CliError('the inventory could not be read')
  return result
}

/** Where the rule behind a reason is written (file:line:column), when it is a loaded policy's. */
export function reasonPlace(loaded: LoadedPolicies, reason: Reason): { file: string; line: number; column: number } | undefined {
  if (!reason.policy) return undefined
  for (const f of loaded.perFile) {
    const policy = f.policies.find((p) => p.kind === reason.kind && (p.namespace !== null ? `${p.namespace}/${p.name}` : p.name) === reason.policy)
    if (!policy) continue
    const at = new LineIndex(f.text).position((reason.origin ?? policy.origin).range.start)
    return { file: f.file, line: at.line, column: at.column }
  }
  return undefined
}

/** What a flows directory contributes: Hubble exports as written by the CLI, the exporter and log shippers. */
const FLOW_EXTENSIONS = ['.json', '.jsonl', '.log', '.txt', '.gz']

/** Numbered backups of a rotated log (`events.log.1`, `events.log.2.gz`): logrotate's names. */
const ROTATED = /\.(json|jsonl|log|txt)\.\d+(\.gz)?$/i

/** Expands `--flows` inputs: files as given, directories recursively (sorted), `-` for standard input. */
export function flowFiles(io: CliIo, inputs: readonly string[]): string[] {
  const out: string[] = []
  const walk = (shown: string, top: boolean): void => {
    if (shown === STDIN) {
      out.push(STDIN)
      return
    }
    const kind = io.kind(resolvePath(io, shown))
    if (kind === undefined) throw new CliError(`flows file not found: ${shown}`)
    if (kind === 'file') {
      if (top || FLOW_EXTENSIONS.some((e) => shown.toLowerCase().endsWith(e)) || ROTATED.test(shown)) out.push(shown)
      return
    }
    for (const name of io.list(resolvePath(io, shown))) if (!name.startsWith('.')) walk(path.join(shown, name), false)
  }
  for (const input of inputs) {
    const before = out.length
    walk(input, true)
    if (out.length === before) throw new CliError(`no ${FLOW_EXTENSIONS.map((e) => `*${e}`).join(', ')} files under ${input}`)
  }
  return [...new Set(out)]
}

export interface FlowFileSummary {
  readonly file: string
  readonly flows: number
  readonly skipped: number
  readonly skippedSamples: readonly SkippedSample[]
  readonly nonFlow: number
  readonly lostEvents: readonly LostEvents[]
  readonly gzip: boolean
}

export interface StreamedFlows {
  readonly files: readonly FlowFileSummary[]
  /** Flows handed to the consumer (after de-duplication). */
  readonly flows: number
  /** Flows dropped as repeats of an earlier one (only looked for when several files are read). */
  readonly duplicates: number
}

/** Where a flow came from, for reports (`file:line`). */
export interface FlowPlace {
  readonly file: string
  readonly line: number
}

/** How many flows are handed over at once: enough for time order within a batch to matter little. */
const BATCH = 65_536

/**
 * Reads every flows input as a stream — plain or `.gz`, one chunk at a time — and hands the flows
 * over in batches, numbered 0… across all files (`Flow.index`), each with the place it was read
 * from. Memory holds one batch, plus (when several files are given) a 53-bit hash per flow for
 * de-duplication. Prints skipped-line and no-flow warnings, and a progress line on a terminal.
 */
export function streamFlows(io: CliIo, inputs: readonly string[], onBatch: (flows: readonly Flow[], places: readonly FlowPlace[]) => void): StreamedFlows {
  const files = flowFiles(io, inputs)
  const dedupe = files.length > 1 ? new FlowDeduper(true) : undefined
  const summaries: FlowFileSummary[] = []
  let index = 0
  let batch: Flow[] = []
  let places: FlowPlace[] = []
  const flush = (): void => {
    if (batch.length === 0) return
    onBatch(batch, places)
    batch = []
    places = []
  }
  const progress = io.stderrIsTty === true ? new ProgressLine(io) : undefined
  for (const input of files) {
    const file = input === STDIN ? STDIN_NAME : input
    const ingest = createFlowIngest({ keepFlows: false })
    const total = input !== STDIN && io.size ? io.size(resolvePath(io, input)) : undefined
    const take = (flows: readonly Flow[], lines: readonly number[]): void => {
      for (let i = 0; i < flows.length; i++) {
        const f = flows[i]
        if (dedupe?.seen(f)) continue
        batch.push(f.index === index ? f : { ...f, index })
        places.push({ file, line: lines[i] })
        index++
        if (batch.length >= BATCH) flush()
      }
      progress?.show(file, ingest.progress().inputBytes, total, index)
    }
    if (input !== STDIN && io.readChunks) {
      const abs = resolvePath(io, input)
      if (io.kind(abs) === 'dir') throw new CliError(`flows must be a file, got a directory: ${input}`)
      try {
        for (const chunk of io.readChunks(abs)) take(ingest.push(chunk), ingest.lines())
      } catch (e) {
        throw new CliError(`cannot read flows file ${input}: ${e instanceof Error ? e.message : String(e)}`)
      }
    } else {
      take(ingest.push(readText(io, input, 'flows')), ingest.lines())
    }
    const end = ingest.end()
    take(end.flows, ingest.lines())
    const r = end.result
    summaries.push({ file, flows: ingest.progress().flows, skipped: r.skipped, skippedSamples: r.skippedSamples, nonFlow: r.nonFlow,
      lostEvents: r.lostEvents, gzip: ingest.progress().gzip })
    progress?.clear()
    if (r.skipped > 0) {
      const first = r.skippedSamples.slice(0, 3).map((s) => `line ${s.line}: ${s.reason}`).join('; ')
      const text = r.skippedSamples[0]?.text
      io.stderr(`${file}: skipped ${r.skipped} unreadable line(s) (${first})${text !== undefined ? `; first at line ${r.skippedSamples[0].line}: ${JSON.stringify(text.slice(0, 80))}` : ''}\n`)
    }
    if (r.lostEvents.length > 0) {
      const lost = r.lostEvents.reduce((n, l) => n + l.count, 0)
      io.stderr(`${file}: ${r.lostEvents.length} lost-events record(s): Hubble dropped ${lost} event(s) before recording them; the capture has gaps\n`)
    }
    if (ingest.progress().flows === 0) io.stderr(`${file}: no flows found${r.nonFlow > 0 ? ` (${r.nonFlow} non-flow events)` : ''}\n`)
  }
  flush()
  if (dedupe && dedupe.duplicates > 0) io.stderr(`${dedupe.duplicates} duplicate flow(s) across the files were read once\n`)
  return { files: summaries, flows: index, duplicates: dedupe?.duplicates ?? 0 }
}

/** `file  12.3/40.0 MB  1,234,567 flows` on one terminal line, redrawn at most 10 times a second. */
class ProgressLine {
  private last = 0
  private shown = false

  constructor(private readonly io: CliIo) {}

  show(file: string, bytes: number, total: number | undefined, flows: number): void {
    const now = Date.now()
    if (now - this.last < 100) return
    this.last = now
    const mb = (n: number): string => (n / 1e6).toFixed(1)
    const size = total !== undefined ? `${mb(bytes)}/${mb(total)} MB` : `${mb(bytes)} MB`
    this.io.stderr(`\r\u001b[K${path.basename(file)}  ${size}  ${flows.toLocaleString('en-US')} flows`)
    this.shown = true
  }

  clear(): void {
    if (this.shown) this.io.stderr('\r\u001b[K')
    this.shown = false
  }
}
