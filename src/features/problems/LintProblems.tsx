/** Lint findings in the Problems pane: jump to one, or apply its quick fix. */
import type { LintFinding } from '../../domain/lint/index.ts'
import { editorPort } from '../../store/editor-port.ts'

export function LintProblems({ findings, current }: { findings: readonly LintFinding[]; current: boolean }): React.JSX.Element {
  return (
    <>
      {findings.slice(0, 200).map((f, i) => (
        <li key={`lint-${f.range.start}-${f.code}-${i}`} className={`problem problem--${f.severity} problem--lint`} data-code={f.code}>
          <button
            type="button"
            title={f.why}
            onClick={() => {
              const ed = editorPort()
              if (!ed) return
              ed.setCursor(f.range.start)
              ed.focus()
            }}
          >
            <span className="problem__pos">{f.line}:{f.column}</span> {f.message} <span className="problem__code">{f.code}</span>
          </button>
          {f.fix && current && (
            <button type="button" className="problem__fix" data-testid="lint-fix" onClick={() => editorPort()?.applyEdits(f.fix?.edits ?? [])}>
              {f.fix.title}
            </button>
          )}
        </li>
      ))}
    </>
  )
}
