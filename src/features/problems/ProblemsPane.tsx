/** What the editor marks in the current text (ours and the schema's): click one to jump to it. */
import { useWorkspace } from '../../store/workspace-store.ts'
import { editorPort } from '../../store/editor-port.ts'
import { useLint } from '../../store/lint-store.ts'
import { problemsOf, useEditorMarkers } from '../../store/editor-markers.ts'
import { LintProblems } from './LintProblems.tsx'

/** The owner of lint markers (features/yaml/lint-markers.ts): listed below with their quick fixes instead. */
const LINT_SOURCE = 'membrane-lint'

export function ProblemsPane(): React.JSX.Element {
  const parse = useWorkspace((s) => s.model.parse)
  const text = useWorkspace((s) => s.text)
  const lint = useLint((s) => s)
  const current = lint.text === text
  const markers = useEditorMarkers((s) => s.markers)
  const issues = problemsOf(markers, parse.diagnostics).filter((d) => d.source !== LINT_SOURCE)
  const notes = parse.diagnostics.filter((d) => d.severity === 'info').length
  return (
    <section className="problems" data-testid="problems" aria-label="Problems">
      <header>
        <span className="problems__summary">
          {parse.policies.length} {parse.policies.length === 1 ? 'policy' : 'policies'}
          {notes > 0 ? ` · ${notes} notes` : ''}
          {lint.findings.length > 0 ? ` · ${lint.findings.length} lint ${lint.findings.length === 1 ? 'finding' : 'findings'}` : ''}
        </span>
      </header>
      <ul>
        {issues.slice(0, 200).map((d, i) => (
          <li key={`${d.offset}-${i}`} className={`problem problem--${d.severity}`} data-source={d.source}>
            <button
              type="button"
              onClick={() => {
                const ed = editorPort()
                if (!ed) return
                ed.setCursor(d.offset)
                ed.focus()
              }}
            >
              <span className="problem__pos">{d.line}:{d.column}</span> {d.message}
              {d.source !== 'membrane' && <span className="problem__source"> ({d.source === 'yaml' ? 'schema' : d.source})</span>}
            </button>
          </li>
        ))}
        <LintProblems findings={lint.findings} current={current} />
      </ul>
    </section>
  )
}
