/**
 * The served page's bar (`membrane serve`): the folder with its unsaved state and Save, the live
 * flows (rate, window, pause), versions kept aside by a conflict choice, and the conflict dialog.
 * Renders nothing on a page that is not served.
 */
import { useEffect, useMemo, useState } from 'react'
import { useServeSession } from '../../store/serve-session.ts'
import { hasUnsavedEdits } from '../../store/serve-session-text.ts'
import { useWorkspace } from '../../store/workspace-store.ts'
import { ConflictDialog } from './ConflictDialog.tsx'
import { LiveControls } from './LiveControls.tsx'
import { KeptAsideMenu } from './KeptAsideMenu.tsx'
import { useSaveShortcut } from './useSaveShortcut.ts'
import './serve.css'

export function ServeBar(): React.JSX.Element | null {
  const active = useServeSession((s) => s.active)
  const folder = useServeSession((s) => s.folder)
  const files = useServeSession((s) => s.files)
  const skipped = useServeSession((s) => s.skipped)
  const base = useServeSession((s) => s.base)
  const saving = useServeSession((s) => s.saving)
  const error = useServeSession((s) => s.error)
  const conflicts = useServeSession((s) => s.conflicts)
  const live = useServeSession((s) => s.live)
  const text = useWorkspace((s) => s.text)
  const unsaved = useMemo(() => folder !== null && hasUnsavedEdits(text, base), [folder, text, base])
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null)
  const save = (): void => {
    void useServeSession.getState().save().then((outcome) => setMessage({ text: outcome.message, ok: outcome.ok }))
  }
  useSaveShortcut(active && folder !== null, save)
  useEffect(() => {
    if (!message?.ok) return
    const t = setTimeout(() => setMessage(null), 5000)
    return () => clearTimeout(t)
  }, [message])
  if (!active) return null
  return (
    <div className="serve-bar" data-testid="serve-bar">
      {error && <span className="serve-bar__error" role="alert">{error}</span>}
      {folder !== null && (
        <span className="serve-bar__folder" title={skipped.length > 0 ? `Not opened: ${skipped.join(', ')}` : undefined}>
          <span className="serve-bar__label">Folder</span> <strong>{folder}/</strong> · {files} file{files === 1 ? '' : 's'}
          {unsaved && <span className="serve-bar__unsaved" data-testid="serve-unsaved"> · unsaved edits</span>}
          <button type="button" data-testid="serve-save" disabled={saving} onClick={save} title={`Write the changed files back to ${folder}/ (Ctrl+S)`}>
            {saving ? 'Saving…' : 'Save'}
          </button>
        </span>
      )}
      {message && (
        <span className={`serve-bar__message${message.ok ? '' : ' serve-bar__message--error'}`} role="status" data-testid="serve-message">
          {message.text}
        </span>
      )}
      {live.sources.length > 0 && <LiveControls live={live} />}
      <KeptAsideMenu />
      {conflicts[0] && <ConflictDialog conflict={conflicts[0]} more={conflicts.length - 1} />}
    </div>
  )
}
