/** Diagnostics of the current text: click one to jump to it in the editor. */
import { useWorkspace } from '../../store/workspace-store.ts'
import { editorPort } from '../../store/editor-port.ts'
import { useLint } from '../../store/lint-store.ts'
import { supersededBy } from '../../domain/lint/index.ts'
import { LintProblems } from './LintProblems.tsx'

export function ProblemsPane(): React.JSX.Element {
  const parse = useWorkspace((s) => s.model.parse)
  const text = useWorkspace((s) => s.text)
  const lint = useLint((s) => s)
  const current = lint.text === text
  // Pitfalls the parser also reports are listed once, as the lint finding (with its fix).
  const issues = parse.diagnostics.filter((d) => d.severity !== 'info' && !(current && supersededBy(d, lint.findings)))
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
          <li key={`${d.range.start}-${i}`} className={`problem problem--${d.severity}`}>
            <button
              type="button"
              onClick={() => {
                const ed = editorPort()
                if (!ed) return
                ed.setCursor(d.range.start)
                ed.focus()
              }}
            >
              <span className="problem__pos">{d.line}:{d.column}</span> {d.message}
            </button>
          </li>
        ))}
        <LintProblems findings={lint.findings} current={current} />
      </ul>
    </section>
  )
}
