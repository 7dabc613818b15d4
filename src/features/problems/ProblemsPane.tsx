/** Diagnostics of the current text: click one to jump to it in the editor. */
import { useWorkspace } from '../../store/workspace-store.ts'
import { editorPort } from '../../store/editor-port.ts'

export function ProblemsPane(): React.JSX.Element {
  const parse = useWorkspace((s) => s.model.parse)
  const issues = parse.diagnostics.filter((d) => d.severity !== 'info')
  const notes = parse.diagnostics.length - issues.length
  return (
    <section className="problems" data-testid="problems" aria-label="Problems">
      <header>
        <span className="problems__summary">
          {parse.policies.length} {parse.policies.length === 1 ? 'policy' : 'policies'}
          {notes > 0 ? ` · ${notes} notes` : ''}
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
      </ul>
    </section>
  )
}
