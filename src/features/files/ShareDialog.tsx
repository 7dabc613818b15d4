/** The share link: its length, a warning when some tools may cut it, the redaction switch, Copy. */
import { useMemo, useState } from 'react'
import { SHARE_WARN_LENGTH } from '../../domain/files/share-link.ts'
import { useWorkspace } from '../../store/workspace-store.ts'
import { Dialog } from '../../ui/Dialog.tsx'
import { useFileUi } from './file-ui.ts'
import { shareLink } from './share.ts'

const size = (n: number): string => (n < 1024 ? `${n} characters` : `${(n / 1024).toFixed(1)} KB (${n.toLocaleString('en')} characters)`)

export function ShareDialog(): React.JSX.Element | null {
  const open = useFileUi((s) => s.shareOpen)
  return open ? <ShareBody /> : null
}

function ShareBody(): React.JSX.Element {
  const redact = useFileUi((s) => s.redact)
  const text = useWorkspace((s) => s.text)
  const link = useMemo(() => shareLink(text, redact), [text, redact])
  const [copied, setCopied] = useState<'yes' | 'refused' | null>(null)
  const close = (): void => useFileUi.getState().set({ shareOpen: false })
  const copy = (): void => {
    navigator.clipboard.writeText(link).then(
      () => setCopied('yes'),
      () => setCopied('refused'),
    )
  }
  return (
    <Dialog title="Share link" testId="share-dialog" onCancel={close} onSubmit={copy} wide>
      <p>The workspace travels inside the link itself (after the #, which browsers never send to a server): nothing is uploaded. Whoever opens it gets this workspace, after being asked whether to replace theirs.</p>
      <textarea className="share__link" readOnly rows={4} value={link} data-testid="share-link" onFocus={(e) => e.target.select()} aria-label="Share link" />
      <p className="share__length" data-testid="share-length">{size(link.length)}</p>
      {link.length > SHARE_WARN_LENGTH && (
        <p className="share__warning" data-testid="share-warning">
          Longer than {SHARE_WARN_LENGTH / 1024} KB: some chat and ticket tools, QR codes and older servers cut or refuse links this long. Download the YAML instead if it does not arrive whole.
        </p>
      )}
      <label className="share__option">
        <input type="checkbox" data-testid="share-redact" checked={redact} onChange={(e) => useFileUi.getState().set({ redact: e.target.checked })} />
        Redact IPs and pod names in the link
      </label>
      {copied === 'yes' && <p className="share__copied" role="status">Copied to the clipboard.</p>}
      {copied === 'refused' && <p className="share__warning" role="status">The browser refused the clipboard: select the link and copy it.</p>}
      <div className="dialog__actions">
        <button type="button" onClick={close}>Close</button>
        <button type="submit" data-testid="share-copy" data-autofocus="">Copy link</button>
      </div>
    </Dialog>
  )
}
