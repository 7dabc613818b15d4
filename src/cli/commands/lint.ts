/** `membrane lint`: the parser's (and compiler's) diagnostics with file:line:col; exit 1 on errors. */
import { compilePolicySet } from '../../domain/engine/index.ts'
import { LineIndex } from '../../domain/policy/index.ts'
import type { Severity } from '../../domain/policy/index.ts'
import type { FlagSpec } from '../args.ts'
import { many, one, outputFormat, parseArgs } from '../args.ts'
import type { CliIo } from '../io.ts'
import { resolvePath } from '../io.ts'
import type { TestCase } from '../junit.ts'
import { junitXml } from '../junit.ts'
import type { FileDiagnostic, LoadedPolicies } from '../load.ts'
import { formatDiagnostic, loadPolicies } from '../load.ts'
import type { SarifLevel } from '../sarif.ts'
import { sarifLog } from '../sarif.ts'
import { version } from '../version.ts'

export const LINT_FORMATS = ['text', 'json', 'junit', 'sarif'] as const

export const LINT_FLAGS: FlagSpec = { policies: 'many', output: 'one', json: 'bool', junit: 'one', sarif: 'one', help: 'bool' }

export const LINT_HELP = `Usage: membrane lint --policies <file|dir|->... [--output text|json|junit|sarif] [options]

Checks policy files (CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy, NetworkPolicy) and
prints every problem as file:line:column.

  --policies <path|->...     files or directories (recursive *.yaml, *.yml, *.json), or - for
                             standard input: kubectl get cnp,ccnp,netpol -A -o yaml | membrane lint --policies -
  --output <format>          text | json | junit | sarif (default text), on standard output
  --json                     same as --output json:
                             {"diagnostics":[{file,line,column,endLine,endColumn,severity,code,message}],
                              "summary":{"errors","warnings","infos","policies"}}
  --junit <file>             also write a JUnit XML report (one test case per file)
  --sarif <file>             also write a SARIF 2.1.0 report (one result per problem, on its line)
  --help                     this help

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
  const diagnostics = lintDiagnostics(loaded)
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

/** Parser diagnostics plus problems only the compiler sees, sorted by file and position. */
export function lintDiagnostics(loaded: LoadedPolicies): FileDiagnostic[] {
  const diagnostics: FileDiagnostic[] = [...loaded.diagnostics]
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

const diagnosticJson = (d: FileDiagnostic): object => ({ file: d.file, line: d.line, column: d.column, endLine: d.endLine,
  endColumn: d.endColumn, severity: d.severity, code: d.code, message: d.message })

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
  return `Policy problem: ${code.replace(/-/g, ' ')}`
}
