/** Opening files into a workspace that has text: add them to it, or replace it (asking again only if unsaved edits would go). */
import { Dialog } from '../../ui/Dialog.tsx'
import { say } from './file-commands.ts'
import { useFileUi } from './file-ui.ts'
import { addFiles, replaceWithFiles } from './open-policies.ts'

export function OpenChoiceDialog(): React.JSX.Element | null {
  const pending = useFileUi((s) => s.pending)
  if (!pending) return null
  const close = (): void => useFileUi.getState().set({ pending: null })
  const names = pending.map((f) => f.path)
  return (
    <Dialog title={pending.length === 1 ? `Open ${names[0]}` : `Open ${pending.length} files`} testId="open-choice" wide onCancel={close} onSubmit={() => {
        addFiles(pending)
        close()
      }}>
      <p>Add the {pending.length === 1 ? 'file' : 'files'} to the current workspace, each under a header naming it, or replace the workspace?</p>
      <ul className="open-choice__files">
        {names.slice(0, 8).map((n) => <li key={n}><code>{n}</code></li>)}
        {names.length > 8 && <li>… and {names.length - 8} more</li>}
      </ul>
      <div className="dialog__actions">
        <button type="button" onClick={close}>Cancel</button>
        <button
          type="button"
          data-testid="open-replace"
          onClick={() => {
            close()
            replaceWithFiles(pending).catch((err: unknown) => say(String(err), 'error'))
          }}
        >
          Replace workspace
        </button>
        <button type="submit" data-testid="open-add" data-autofocus="">Add to workspace</button>
      </div>
    </Dialog>
  )
}
