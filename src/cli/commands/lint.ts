/** `membrane lint`: the parser's (and compiler's) diagnostics with file:line:col; exit 1 on errors. */
import { compilePolicySet, createSession } from '../../domain/engine/index.ts'
import { toColumns } from '../../domain/flows/index.ts'
import { indexInventory, inventoryFromFlows } from '../../domain/inventory/index.ts'
import type { LintFinding, LintInput } from '../../domain/lint/index.ts'
import { CODE_INFO, LINT_CODES, knownEndpoints, lintWorkspace, supersededBy, usedElements } from '../../domain/lint/index.ts'
import { parsePolicies } from '../../domain/policy/index.ts'
import { FlowAdapter, FlowEvaluator } from '../../domain/replay/index.ts'
import { LineIndex } from '../../domain/policy/index.ts'
import type { Severity } from '../../domain/policy/index.ts'
import type { FlagSpec } from '../args.ts'
import { many, one, outputFormat, parseArgs } from '../args.ts'
import type { CliIo } from '../io.ts'
import { resolvePath } from '../io.ts'
import type { TestCase } from '../junit.ts'
import { junitXml } from '../junit.ts'
import type { FileDiagnostic, LoadedPolicies } from '../load.ts'
import { formatDiagnostic, loadFlows, loadInventory, loadPolicies } from '../load.ts'
import type { SarifLevel } from '../sarif.ts'
import { sarifLog } from '../sarif.ts'
import { ellipsize } from '../safe-text.ts'
import { version } from '../version.ts'

export const LINT_FORMATS = ['text', 'json', 'junit', 'sarif'] as const

export const LINT_FLAGS: FlagSpec = {
  policies: 'many', inventory: 'many', flows: 'one', output: 'one', json: 'bool', junit: 'one', sarif: 'one', help: 'bool',
}

export const LINT_HELP = `Usage: membrane lint --policies <file|dir|->... [--inventory <file>...] [--flows <file>] [--output text|json|junit|sarif] [options]

Checks policy files (CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy, NetworkPolicy) and
prints every problem as file:line:column: parse problems, and pitfalls that cause incidents
(toFQDNs without a DNS rule, deny-only policies turning on default deny, selector typos …).

  --policies <path|->...     files or directories (recursive *.yaml, *.yml, *.json), or - for
                             standard input: kubectl get cnp,ccnp,netpol -A -o yaml | membrane lint --policies -
  --inventory <file>...      kubectl get pods,namespaces -A -o json|yaml: selectors are checked
                             against the known pods (selector-matches-nothing, near-miss labels)
  --flows <file|->           Hubble flows: their endpoints are known pods too, and rules no
                             flow used are reported (unused-rule)
  --output <format>          text | json | junit | sarif (default text), on standard output
  --json                     same as --output json:
                             {"diagnostics":[{file,line,column,endLine,endColumn,severity,code,message,
                               policy?,path?,why?,fix?}],
                              "summary":{"errors","warnings","infos","policies"}}
  --junit <file>             also write a JUnit XML report (one test case per file)
  --sarif <file>             also write a SARIF 2.1.0 report (one result per problem, on its line)
  --help                     this help

Pitfall codes: ${LINT_CODES.join(', ')}.

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 unusable input.
`

export function lintCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, LINT_FLAGS, 'lint')
  if (args.bools.has('help')) {
    io.stdout(LINT_HELP)
    return 0
  }
  const format = outputFormat(args, LINT_FORMATS, 'lint')
  const loaded = loadPolicies(io, many(args, 'policies'))
  const diagnostics = lintDiagnostics(loaded, lintContext(io, args, loaded))
  const count = (s: Severity): number => diagnostics.filter((d) => d.severity === s).length
  const summary = { errors: count('error'), warnings: count('warning'), infos: count('info'), policies: loaded.policies.length }
  const reports = {
    json: (): string => `${JSON.stringify({ diagnostics: diagnostics.map(diagnosticJson), summary })}\n`,
    junit: (): string => junitXml(lintCases(loaded.files, diagnostics), 'membrane lint'),
    sarif: (): string => lintSarif(diagnostics, io.cwd),
    text: (): string => [...diagnostics.map((d) => `${formatDiagnostic(d)}\n`),
      `${loaded.files.length} file(s), ${summary.policies} policies: ${summary.errors} error(s), ${summary.warnings} warning(s)\n`].join(''),
  }
  for (const kind of ['junit', 'sarif'] as const) {
    const file = one(args, kind)
    if (file !== undefined) io.writeFile(resolvePath(io, file), reports[kind]())
  }
  io.stdout(reports[format]())
  return summary.errors > 0 ? 1 : 0
}

/** What the pitfall checks know besides the policies: pods from --inventory/--flows, flow usage. */
type LintExtras = Pick<LintInput, 'endpoints' | 'usage'>

function lintContext(io: CliIo, args: ReturnType<typeof parseArgs>, loaded: LoadedPolicies): LintExtras {
  const inventory = loadInventory(io, many(args, 'inventory'), undefined)
  const flowsFile = one(args, 'flows')
  const flows = flowsFile === undefined ? undefined : loadFlows(io, flowsFile).flows
  const endpoints = inventory || flows ? knownEndpoints(inventory?.inventory, flows ? inventoryFromFlows(flows) : undefined) : undefined
  let usage: LintInput['usage']
  if (flows) {
    const set = compilePolicySet(loaded.policies, loaded.cidrGroups)
    const adapter = new FlowAdapter({ inventory: inventory ? indexInventory(inventory.inventory) : undefined })
    usage = { flows: flows.length, used: usedElements(new FlowEvaluator(createSession(set), adapter).evaluateColumns(toColumns(flows))) }
  }
  return { ...(endpoints && { endpoints }), ...(usage && { usage }) }
}

/** A lint finding: a diagnostic plus the policy, rule path, why and quick-fix title. */
interface LintDiagnostic extends FileDiagnostic {
  readonly policy?: string
  readonly rulePath?: string
  readonly why?: string
  readonly fixTitle?: string
}

/**
 * The pitfall checks see all files as one workspace (a DNS rule in another file still pairs a
 * toFQDNs): the files are joined into one multi-document text and each finding is mapped back.
 */
function pitfalls(loaded: LoadedPolicies, extras: LintExtras): { findings: LintDiagnostic[]; superseded: (d: FileDiagnostic) => boolean } {
  const starts: number[] = []
  let text = ''
  for (const f of loaded.perFile) {
    starts.push(text.length)
    text += f.text.endsWith('\n') ? f.text : `${f.text}\n`
    text += '---\n'
  }
  const all = lintWorkspace({ text, parse: parsePolicies(text), ...extras })
  const fileAt = (offset: number): number => {
    let i = 0
    while (i + 1 < starts.length && starts[i + 1] <= offset) i++
    return i
  }
  const findings = all.map((f: LintFinding): LintDiagnostic => {
    const i = fileAt(f.range.start)
    const own = loaded.perFile[i]
    const lines = new LineIndex(own.text)
    const range = { start: f.range.start - starts[i], end: f.range.end - starts[i] }
    const start = lines.position(range.start)
    const end = lines.position(range.end)
    return { file: own.file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, range,
      severity: f.severity, code: f.code, message: ellipsize(f.message, 4096), policy: ellipsize(f.policy.replace(/^_cluster\//, '')), rulePath: f.path, why: f.why,
      ...(f.fix && { fixTitle: f.fix.title }) }
  })
  const index = new Map(loaded.perFile.map((f, i) => [f.file, starts[i]]))
  const superseded = (d: FileDiagnostic): boolean => {
    const base = index.get(d.file) ?? 0
    return supersededBy({ code: d.code, range: { start: d.range.start + base, end: d.range.end + base } }, all)
  }
  return { findings, superseded }
}

/** Parser diagnostics, pitfall findings and problems only the compiler sees, sorted by file and position. */
export function lintDiagnostics(loaded: LoadedPolicies, extras: LintExtras = {}): FileDiagnostic[] {
  const lint = pitfalls(loaded, extras)
  const diagnostics: FileDiagnostic[] = [...loaded.diagnostics.filter((d) => !lint.superseded(d)), ...lint.findings]
  // Problems only the compiler sees (invalid regexes, DNS patterns) are errors too; compiling
  // file by file maps each one back to its file.
  for (const f of loaded.perFile) {
    const lines = new LineIndex(f.text)
    for (const p of compilePolicySet(f.policies, loaded.cidrGroups).problems) {
      const range = p.origin?.range ?? { start: 0, end: 0 }
      const start = lines.position(range.start)
      const end = lines.position(range.end)
      diagnostics.push({ severity: 'error', code: 'engine', message: `${p.policy ? `${p.policy} ${p.path}: ` : ''}${p.message}`,
        file: f.file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, range })
    }
  }
  return diagnostics.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column))
}

const diagnosticJson = (d: LintDiagnostic): object => ({ file: d.file, line: d.line, column: d.column, endLine: d.endLine,
  endColumn: d.endColumn, severity: d.severity, code: d.code, message: d.message,
  ...(d.policy !== undefined && { policy: d.policy }), ...(d.rulePath !== undefined && { path: d.rulePath }),
  ...(d.why !== undefined && { why: d.why }), ...(d.fixTitle !== undefined && { fix: d.fixTitle }) })

/** One test case per file, failed when the file has errors; its details list every problem in it. */
function lintCases(files: readonly string[], diagnostics: readonly FileDiagnostic[]): TestCase[] {
  return files.map((file) => {
    const own = diagnostics.filter((d) => d.file === file)
    const errors = own.filter((d) => d.severity === 'error').length
    return {
      suite: 'policy files',
      name: file,
      ...(errors > 0 && { failure: { message: `${errors} error(s)`, details: own.map(formatDiagnostic).join('\n') } }),
    }
  })
}

const LEVEL: Readonly<Record<Severity, SarifLevel>> = { error: 'error', warning: 'warning', info: 'note' }

/** Each problem a result at its range; each diagnostic code a rule. */
function lintSarif(diagnostics: readonly FileDiagnostic[], cwd: string): string {
  const rules = new Map<string, SarifLevel>()
  for (const d of diagnostics) if (!rules.has(d.code)) rules.set(d.code, LEVEL[d.severity])
  return sarifLog({
    tool: 'membrane', version: version(), category: 'membrane-lint', cwd,
    rules: [...rules].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, level]) => ({ id, level, description: ruleDescription(id) })),
    findings: diagnostics.map((d) => ({ ruleId: d.code, level: LEVEL[d.severity], message: d.message,
      place: { file: d.file, line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn } })),
  })
}

/** A rule's one-line description: the codes are short kebab-case phrases, so spell them out. */
function ruleDescription(code: string): string {
  if (code === 'engine') return 'The evaluator cannot compile the rule (an invalid regex or DNS pattern)'
  const info = (CODE_INFO as Readonly<Record<string, { title: string; why: string }>>)[code]
  if (info) return `${info.title}. ${info.why}`
  return `Policy problem: ${code.replace(/-/g, ' ')}`
}
