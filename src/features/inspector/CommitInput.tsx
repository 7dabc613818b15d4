import { useEffect, useState } from 'react'

/**
 * A text field that writes to the YAML when the user finishes (Enter or leaving the field),
 * so typing a value is one edit and one undo step, not one per keystroke.
 */
export function CommitInput(props: {
  value: string
  onCommit: (value: string) => void
  label: string
  testId?: string
  placeholder?: string
  className?: string
}): React.JSX.Element {
  const [draft, setDraft] = useState(props.value)
  useEffect(() => setDraft(props.value), [props.value])
  const commit = (): void => {
    if (draft !== props.value) props.onCommit(draft)
  }
  return (
    <input
      aria-label={props.label}
      title={props.label}
      data-testid={props.testId}
      placeholder={props.placeholder}
      className={props.className}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit()
        if (e.key === 'Escape') setDraft(props.value)
      }}
    />
  )
}
