import type { Diagnostic } from '../../domain/policy/model.ts'
import type { monaco as Monaco } from './monaco-setup.ts'

type MonacoApi = typeof Monaco
type TextModel = ReturnType<MonacoApi['editor']['createModel']>

/** Shows our own validation (Cilium's rejection rules, syntax) as markers beside monaco-yaml's. */
export function applyDiagnostics(monaco: MonacoApi, model: TextModel, diagnostics: readonly Diagnostic[]): void {
  const severity = {
    error: monaco.MarkerSeverity.Error,
    warning: monaco.MarkerSeverity.Warning,
    info: monaco.MarkerSeverity.Info,
  }
  const length = model.getValueLength()
  monaco.editor.setModelMarkers(
    model,
    'membrane',
    diagnostics.map((d) => {
      const a = model.getPositionAt(Math.min(d.range.start, length))
      const b = model.getPositionAt(Math.min(Math.max(d.range.end, d.range.start + 1), length))
      return {
        severity: severity[d.severity],
        message: d.message,
        source: 'membrane',
        code: d.code,
        startLineNumber: a.lineNumber,
        startColumn: a.column,
        endLineNumber: b.lineNumber,
        endColumn: b.column,
      }
    }),
  )
}
