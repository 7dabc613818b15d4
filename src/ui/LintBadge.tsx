/** A small badge for lint findings on a graph node or edge: worst severity, count, first message. */
import type { Severity } from '../domain/policy/model.ts'

export interface LintBadgeMark {
  readonly severity: Severity
  readonly count: number
  readonly message: string
}

const GLYPH = { error: '✖', warning: '⚠', info: 'i' } as const

export function LintBadge({ mark }: { mark: LintBadgeMark | undefined }): React.JSX.Element | null {
  if (!mark) return null
  const more = mark.count > 1 ? ` (+${mark.count - 1} more)` : ''
  return (
    <span className={`lint-badge lint-badge--${mark.severity}`} title={`${mark.message}${more}`} data-testid="lint-badge" data-severity={mark.severity}>
      {GLYPH[mark.severity]}{mark.count > 1 ? <small>{mark.count}</small> : null}
    </span>
  )
}
