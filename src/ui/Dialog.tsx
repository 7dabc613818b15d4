/**
 * The one modal shape every dialog uses, so they all behave alike from the keyboard: focus moves
 * into the dialog on open (the `autoFocus` field, else the first field, else the default button),
 * Tab stays inside, Enter submits with what is shown, Escape cancels, and the focus goes back to
 * where it was when the dialog closes.
 */
import { useEffect, useId, useRef } from 'react'

export interface DialogProps {
  /** The heading; says what the dialog is about in labels (`app=frontend → app=db`), never ids. */
  readonly title: React.ReactNode
  readonly testId: string
  readonly onCancel: () => void
  /** Enter (and the submit button) call it; absent for dialogs that only inform. */
  readonly onSubmit?: () => void
  readonly wide?: boolean
  readonly className?: string
  readonly children: React.ReactNode
}

const FOCUSABLE = 'input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), [tabindex]:not([tabindex="-1"])'

export function Dialog({ title, testId, onCancel, onSubmit, wide, className, children }: DialogProps): React.JSX.Element {
  const ref = useRef<HTMLFormElement>(null)
  const titleId = useId()
  const cancelRef = useRef(onCancel)
  useEffect(() => {
    cancelRef.current = onCancel
  })

  useEffect(() => {
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null
    const form = ref.current
    if (form && !form.contains(document.activeElement)) {
      const first = form.querySelector<HTMLElement>('[autofocus], [data-autofocus]') ?? form.querySelector<HTMLElement>('input, select, textarea') ?? form.querySelector<HTMLElement>('button[type="submit"]')
      first?.focus()
    }
    // Captured on the window: Escape cancels the dialog wherever the focus is inside it, before
    // the graph's or the editor's own Escape handling sees it.
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape') return
      e.stopPropagation()
      e.preventDefault()
      cancelRef.current()
    }
    window.addEventListener('keydown', onKey, true)
    return () => {
      window.removeEventListener('keydown', onKey, true)
      // Back to the node, button or editor that opened it, when it is still on the page.
      if (returnTo?.isConnected) returnTo.focus()
    }
  }, [])

  const onKeyDown = (e: React.KeyboardEvent<HTMLFormElement>): void => {
    const target = e.target as HTMLElement
    const swallowsEnter = target.tagName === 'SELECT' || (target instanceof HTMLInputElement && (target.type === 'radio' || target.type === 'checkbox'))
    if (e.key === 'Enter' && onSubmit && !e.shiftKey && swallowsEnter) {
      // Selects, radios and checkboxes swallow Enter; the dialog's promise is that Enter submits what is shown.
      e.preventDefault()
      ref.current?.requestSubmit()
      return
    }
    if (e.key !== 'Tab') return
    const items = [...(ref.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])].filter((el) => el.offsetParent !== null)
    if (items.length === 0) return
    const first = items[0]
    const last = items[items.length - 1]
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault()
      last.focus()
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault()
      first.focus()
    }
  }

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <form
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className={`dialog${wide ? ' dialog--wide' : ''}${className ? ` ${className}` : ''}`}
        data-testid={testId}
        onKeyDown={onKeyDown}
        onSubmit={(e) => {
          e.preventDefault()
          onSubmit?.()
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
      </form>
    </div>
  )
}
