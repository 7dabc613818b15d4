/**
 * Lint findings as Monaco markers (owner `membrane-lint`, beside the parser's `membrane` ones)
 * and their quick fixes as code actions. Markers and fixes are only set from findings computed
 * for the model's current text, so positions and edits never point at stale offsets.
 */
import type { LintFinding } from '../../domain/lint/index.ts'
import type { LintState } from '../../store/lint-store.ts'
import type { monaco as Monaco } from './monaco-setup.ts'

type MonacoApi = typeof Monaco
type TextModel = ReturnType<MonacoApi['editor']['createModel']>

export const LINT_OWNER = 'membrane-lint'

/** Sets the markers when the findings belong to the model's text; returns whether they did. */
export function applyLintMarkers(monaco: MonacoApi, model: TextModel, lint: Pick<LintState, 'text' | 'findings'>): boolean {
  if (lint.text !== model.getValue()) return false
  const severity = { error: monaco.MarkerSeverity.Error, warning: monaco.MarkerSeverity.Warning, info: monaco.MarkerSeverity.Info }
  const length = model.getValueLength()
  monaco.editor.setModelMarkers(model, LINT_OWNER, lint.findings.map((f) => {
    const a = model.getPositionAt(Math.min(f.range.start, length))
    const b = model.getPositionAt(Math.min(Math.max(f.range.end, f.range.start + 1), length))
    return {
      severity: severity[f.severity],
      // Markers are plain text in Monaco's hover, so names with markup stay text.
      message: `${f.message}\nWhy: ${f.why}`,
      source: 'membrane lint',
      code: f.code,
      startLineNumber: a.lineNumber,
      startColumn: a.column,
      endLineNumber: b.lineNumber,
      endColumn: b.column,
    }
  }))
  return true
}

/** Registers the quick-fix provider for the YAML model; `current` reads the latest lint state. */
export function registerLintFixes(monaco: MonacoApi, model: TextModel, current: () => Pick<LintState, 'text' | 'findings'>): { dispose(): void } {
  return monaco.languages.registerCodeActionProvider('yaml', {
    provideCodeActions(m, _range, context) {
      const lint = current()
      if (m !== model || lint.text !== m.getValue()) return { actions: [], dispose: () => undefined }
      const actions = []
      for (const marker of context.markers) {
        if (marker.source !== 'membrane lint') continue
        const f = lint.findings.find((x) => x.fix && x.code === marker.code && sameStart(m, x, marker))
        if (!f?.fix) continue
        actions.push({
          title: f.fix.title,
          kind: 'quickfix',
          isPreferred: true,
          diagnostics: [marker],
          edit: {
            edits: f.fix.edits.map((e) => {
              const a = m.getPositionAt(e.start)
              const b = m.getPositionAt(e.end)
              return {
                resource: m.uri,
                versionId: m.getVersionId(),
                textEdit: { range: new monaco.Range(a.lineNumber, a.column, b.lineNumber, b.column), text: e.text },
              }
            }),
          },
        })
      }
      return { actions, dispose: () => undefined }
    },
  }, { providedCodeActionKinds: ['quickfix'] })
}

function sameStart(m: TextModel, f: LintFinding, marker: { startLineNumber: number; startColumn: number }): boolean {
  const p = m.getPositionAt(f.range.start)
  return p.lineNumber === marker.startLineNumber && p.column === marker.startColumn
}
