/** `membrane lint`: the parser's (and compiler's) diagnostics with file:line:col; exit 1 on errors. */
import { compilePolicySet } from '../../domain/engine/index.ts'
import { LineIndex } from '../../domain/policy/index.ts'
import { many, parseArgs } from '../args.ts'
import type { CliIo } from '../io.ts'
import type { FileDiagnostic } from '../load.ts'
import { formatDiagnostic, loadPolicies } from '../load.ts'

export const LINT_HELP = `Usage: membrane lint --policies <file|dir>... [--json]

Checks policy files (CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy, NetworkPolicy) and
prints every problem as file:line:column. Exit code 1 when there are errors.

  --policies <file|dir>...   files or directories (recursive *.yaml, *.yml, *.json)
  --json                     {"diagnostics":[{file,line,column,endLine,endColumn,severity,code,message}],
                              "summary":{"errors","warnings","infos","policies"}}
  --help                     this help
`

export function lintCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, { policies: 'many', json: 'bool', help: 'bool' }, 'lint')
  if (args.bools.has('help')) {
    io.stdout(LINT_HELP)
    return 0
  }
  const loaded = loadPolicies(io, many(args, 'policies'))
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
  diagnostics.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column))
  const count = (s: string): number => diagnostics.filter((d) => d.severity === s).length
  const summary = { errors: count('error'), warnings: count('warning'), infos: count('info'), policies: loaded.policies.length }
  if (args.bools.has('json')) {
    const out = diagnostics.map((d) => ({ file: d.file, line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn,
      severity: d.severity, code: d.code, message: d.message }))
    io.stdout(`${JSON.stringify({ diagnostics: out, summary })}\n`)
  } else {
    for (const d of diagnostics) io.stdout(`${formatDiagnostic(d)}\n`)
    io.stdout(`${loaded.files.length} file(s), ${summary.policies} policies: ${summary.errors} error(s), ${summary.warnings} warning(s)\n`)
  }
  return summary.errors > 0 ? 1 : 0
}
