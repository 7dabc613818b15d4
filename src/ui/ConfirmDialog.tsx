import { Dialog } from './Dialog.tsx'

export interface ConfirmRequest {
  readonly title: string
  readonly message: string
  readonly confirmLabel: string
  readonly onConfirm: () => void
}

/** A small modal that asks before something is discarded; Enter confirms, Escape cancels. */
export function ConfirmDialog({ request, onClose }: { request: ConfirmRequest; onClose: () => void }): React.JSX.Element {
  return (
    <Dialog
      title={request.title}
      testId="confirm-dialog"
      onCancel={onClose}
      onSubmit={() => {
        request.onConfirm()
        onClose()
      }}
    >
      <p>{request.message}</p>
      <div className="dialog__actions">
        <button type="button" onClick={onClose}>Cancel</button>
        <button type="submit" className="danger" data-autofocus="">{request.confirmLabel}</button>
      </div>
    </Dialog>
  )
}
