/**
 * The `?` overlay: every action that has a key, from the registry, grouped as declared. Opened by
 * `?` anywhere outside a text field and by the toolbar's `?` button; Escape or a click outside closes.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { GROUP_TITLES, labelOf, shortcutGroups, shortcutText } from '../../actions/index.ts'
import type { ActionContext } from '../../actions/index.ts'
import { useActionShortcuts } from '../../actions/useActionShortcuts.ts'
import { useEditUi } from '../../store/edit-ui.ts'
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx'
import type { ConfirmRequest } from '../../ui/ConfirmDialog.tsx'
import './keyboard-help.css'

const GROUPS = shortcutGroups()

function HelpDialog({ onClose }: { onClose: () => void }): React.JSX.Element {
  const closeRef = useRef<HTMLButtonElement>(null)
  useEffect(() => closeRef.current?.focus(), [])
  useEffect(() => {
    // Captured on the window: Escape closes the overlay wherever the focus is, and only that.
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape') return
      e.stopPropagation()
      onClose()
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [onClose])
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div role="dialog" aria-modal="true" aria-labelledby="keyboard-help-title" tabIndex={-1} className="dialog keyboard-help" data-testid="keyboard-help-overlay">
        <h2 id="keyboard-help-title">Keyboard shortcuts</h2>
        <p className="muted">Keys work while the focus is not in the editor or a form field; the cluster map's keys while it is shown.</p>
        {GROUPS.map(({ group, actions }) => (
          <section key={group} className="keyboard-help__group">
            <h3>{GROUP_TITLES[group]}</h3>
            <dl>
              {actions.map((a) => (
                <div key={a.id} className="keyboard-help__row" data-testid={`shortcut-${a.id}`}>
                  <dt>
                    {a.shortcuts?.map((s, i) => (
                      <span key={i}>
                        {i > 0 && <span className="keyboard-help__or"> or </span>}
                        <kbd>{shortcutText(s)}</kbd>
                      </span>
                    ))}
                  </dt>
                  <dd title={a.title}>{labelOf(a, null)}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <div className="dialog__actions">
          <button type="button" ref={closeRef} onClick={onClose} data-testid="keyboard-help-close">Close</button>
        </div>
      </div>
    </div>
  )
}

/** Always mounted: runs the app-wide keys (`?`) and shows the overlay while it is open. */
export function KeyboardHelp(): React.JSX.Element {
  const open = useEditUi((s) => s.help)
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null)
  const context = useCallback((): ActionContext => ({ target: null, confirm: setConfirm }), [])
  const close = useCallback(() => useEditUi.getState().showHelp(false), [])
  useActionShortcuts('app', context)
  return (
    <>
      {open && <HelpDialog onClose={close} />}
      {confirm && <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />}
    </>
  )
}
