import { useEffect, useState } from 'react'
import { useWorkspace } from '../store/workspace-store.ts'

/** What the last gesture did (or why it could not), shown for a few seconds. */
export function StatusBar(): React.JSX.Element | null {
  const notice = useWorkspace((s) => s.notice)
  const [visible, setVisible] = useState<typeof notice>(null)
  useEffect(() => {
    setVisible(notice)
    if (!notice || notice.kind === 'error') return
    const t = setTimeout(() => setVisible(null), 6000)
    return () => clearTimeout(t)
  }, [notice])
  if (!visible) return null
  return (
    <div className={`status status--${visible.kind}`} role="status" data-testid="status">
      {visible.text}
      <button type="button" title="Dismiss" onClick={() => setVisible(null)}>×</button>
    </div>
  )
}
