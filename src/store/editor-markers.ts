/**
 * The problems the editor marks, as the editor reports them: our own diagnostics and monaco-yaml's
 * schema markers alike. The YAML pane publishes them; the Problems pane lists them and counts
 * them, so its count is what the squiggles show. Before the editor has loaded (or in tests
 * without it) the list is null and the parse's own diagnostics stand in.
 */
import { create } from 'zustand'
import type { Diagnostic } from '../domain/policy/model.ts'

export interface MarkedProblem {
  readonly severity: 'error' | 'warning'
  readonly message: string
  /** 1-based, as shown. */
  readonly line: number
  readonly column: number
  /** Offset into the text, for jumping there. */
  readonly offset: number
  /** `membrane` for ours, `yaml` (monaco-yaml: schema and syntax) for the editor's. */
  readonly source: string
}

export const useEditorMarkers = create<{ markers: readonly MarkedProblem[] | null }>()(() => ({ markers: null }))

export function publishMarkers(markers: readonly MarkedProblem[] | null): void {
  useEditorMarkers.setState({ markers })
}

/** The problems to list: what the editor marks, else (no editor yet) the parse's errors and warnings. */
export function problemsOf(markers: readonly MarkedProblem[] | null, diagnostics: readonly Diagnostic[]): readonly MarkedProblem[] {
  if (markers) return markers
  return diagnostics
    .filter((d) => d.severity !== 'info')
    .map((d) => ({ severity: d.severity === 'error' ? 'error' : 'warning', message: d.message, line: d.line, column: d.column, offset: d.range.start, source: 'membrane' }))
}
