import { useEffect, useRef } from 'react'

export interface ConfirmRequest {
  readonly title: string
  readonly message: string
  readonly confirmLabel: string
  readonly onConfirm: () => void
}

/** A small modal that asks before the workspace text is discarded. */
export function ConfirmDialog({ request, onClose }: { request: ConfirmRequest; onClose: () => void }): React.JSX.Element {
  const confirmRef = useRef<HTMLButtonElement>(null)
  useEffect(() => confirmRef.current?.focus(), [])
  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div role="dialog" aria-modal="true" aria-labelledby="confirm-title" className="dialog" data-testid="confirm-dialog">
        <h2 id="confirm-title">{request.title}</h2>
        <p>{request.message}</p>
        <div className="dialog__actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button
            type="button"
            ref={confirmRef}
            className="danger"
            onClick={() => {
              request.onConfirm()
              onClose()
            }}
          >
            {request.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  )
}
