/**
 * Safe mode (issue 8): the last start-up died before its first screen, most likely on the saved
 * text, so that text is shown as plain text — never parsed — with the ways out: try again, keep a
 * copy, or start over. Nothing here touches the parser, the stores or the worker.
 */
import { useState } from 'react'

export interface SafeModeProps {
  readonly text: string
  /** Loads the saved text normally (if it crashes again, the next start is safe mode again). */
  readonly onRecover: () => void
  /** Forgets the saved text and starts from the demo workspace. */
  readonly onDiscard: () => void
}

/** Shown text is capped: a multi-megabyte workspace in one <pre> is itself slow to lay out. */
const SHOWN = 200_000

export function SafeMode({ text, onRecover, onDiscard }: SafeModeProps): React.JSX.Element {
  const [confirming, setConfirming] = useState(false)
  const download = (): void => {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }))
    const a = document.createElement('a')
    a.href = url
    a.download = 'membrane-workspace.yaml'
    a.click()
    setTimeout(() => URL.revokeObjectURL(url), 0)
  }
  const lines = text.split('\n').length
  return (
    <div className="safe-mode" role="dialog" aria-labelledby="safe-mode-title" data-testid="safe-mode">
      <div className="safe-mode__card">
        <h1 id="safe-mode-title">Membrane did not finish opening last time</h1>
        <p>
          The last start stopped before the workspace was on screen, so it may be the saved text that stops it.
          It is shown below as plain text, not parsed ({lines.toLocaleString('en-US')} lines, {text.length.toLocaleString('en-US')} characters).
        </p>
        <div className="safe-mode__actions">
          <button type="button" className="safe-mode__primary" onClick={onRecover} data-testid="safe-mode-recover">Recover: open it again</button>
          <button type="button" onClick={download} data-testid="safe-mode-download">Download the text</button>
          {confirming ? (
            <button type="button" className="safe-mode__danger" onClick={onDiscard} data-testid="safe-mode-discard-confirm">Discard it for good</button>
          ) : (
            <button type="button" onClick={() => setConfirming(true)} data-testid="safe-mode-discard">Discard and start over</button>
          )}
        </div>
        <pre className="safe-mode__text" data-testid="safe-mode-text">
          {text.length > SHOWN ? `${text.slice(0, SHOWN)}\n… (${(text.length - SHOWN).toLocaleString('en-US')} more characters: download to see all)` : text}
        </pre>
      </div>
    </div>
  )
}
