/**
 * A file changed on disk while this page had unsaved edits to it: which version to keep? The
 * other one is kept aside (Kept aside ▸ Download), so neither is lost whatever the answer.
 */
import { Dialog } from '../../ui/Dialog.tsx'
import { useServeSession } from '../../store/serve-session.ts'
import type { FileConflict } from '../../store/serve-session.ts'

/** The first line where the two versions part, for a hint of what changed. */
function firstDifference(a: string, b: string): { line: number; disk: string; mine: string } | null {
  const x = a.split('\n')
  const y = b.split('\n')
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) return { line: i + 1, disk: x[i] ?? '(end of file)', mine: y[i] ?? '(end of file)' }
  }
  return null
}

export function ConflictDialog({ conflict, more }: { readonly conflict: FileConflict; readonly more: number }): React.JSX.Element {
  const resolve = useServeSession((s) => s.resolve)
  const diff = conflict.disk !== null && conflict.mine !== null ? firstDifference(conflict.disk, conflict.mine) : null
  const what = conflict.disk === null ? 'was deleted on disk' : 'changed on disk'
  return (
    <Dialog title={`${conflict.path} ${what}`} testId="serve-conflict" wide onCancel={() => resolve(conflict.path, 'mine')}>
      <p>
        {conflict.mine === null
          ? `You took ${conflict.path} out of the editor, and it ${what}.`
          : `You have unsaved edits to ${conflict.path}, and it ${what} (a git checkout, another editor).`}{' '}
        Which version do you want in the editor? The other one is kept aside, so you can still download it.
      </p>
      {diff && (
        <pre className="serve-conflict__diff" aria-label="First difference">
          {`line ${diff.line}\n  disk:   ${diff.disk}\n  yours:  ${diff.mine}`}
        </pre>
      )}
      {more > 0 && <p className="serve-conflict__more">{more} more file{more === 1 ? '' : 's'} to decide after this one.</p>}
      <div className="dialog__actions">
        <button type="button" data-testid="serve-keep-disk" onClick={() => resolve(conflict.path, 'disk')}>
          {conflict.disk === null ? 'Take it out (as on disk)' : "Load the disk's version"}
        </button>
        <button type="button" data-testid="serve-keep-mine" data-autofocus="" onClick={() => resolve(conflict.path, 'mine')}>
          Keep my edits
        </button>
      </div>
    </Dialog>
  )
}
