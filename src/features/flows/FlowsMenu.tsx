/**
 * The details behind the toolbar's flows summary: the draft's verdict counts, skipped lines and
 * files, which edges the graph shows, the baseline pin of the breakage diff, and loading other
 * files. Fixed to the viewport under its button (the toolbar clips what overflows it).
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { useEvaluation } from '../../store/evaluation-store.ts'
import { useFlows } from '../../store/flows-store.ts'
import type { ShowEdges } from '../../store/flows-store.ts'

const SHOW: readonly { value: ShowEdges; label: string; title: string }[] = [
  { value: 'rules', label: 'Rules', title: 'Show only the rule edges' },
  { value: 'flows', label: 'Flows', title: 'Show only the observed flows' },
  { value: 'both', label: 'Both', title: 'Show rules and observed flows' },
]

export function FlowsMenu({ anchor, onPick, onClose }: { readonly anchor: HTMLElement | null; readonly onPick: () => void; readonly onClose: () => void }): React.JSX.Element | null {
  const summary = useEvaluation((s) => s.flows)
  const loaded = useFlows((s) => s.loaded)
  const files = useFlows((s) => s.files)
  const show = useFlows((s) => s.show)
  const baseline = useFlows((s) => s.baseline)
  const view = useFlows((s) => s.view)
  const box = useRef<HTMLDivElement>(null)
  const [at, setAt] = useState<{ left: number; top: number } | null>(null)
  const flows = useFlows.getState

  useLayoutEffect(() => {
    const r = anchor?.getBoundingClientRect()
    if (!r) return
    const width = box.current?.offsetWidth ?? 300
    setAt({ left: Math.max(4, Math.min(r.left, window.innerWidth - width - 8)), top: r.bottom + 4 })
  }, [anchor])

  useEffect(() => {
    const away = (e: PointerEvent): void => {
      const t = e.target as Node | null
      if (t && (box.current?.contains(t) || anchor?.contains(t))) return
      onClose()
    }
    const key = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose()
    }
    document.addEventListener('pointerdown', away)
    document.addEventListener('keydown', key)
    return () => {
      document.removeEventListener('pointerdown', away)
      document.removeEventListener('keydown', key)
    }
  }, [anchor, onClose])

  if (!summary) return null
  const c = summary.summary
  const first = loaded?.skippedLines[0]
  const lost = loaded?.lostEvents ?? []
  return (
    <div ref={box} className="flows-menu" role="dialog" aria-label="Flows" data-testid="flows-menu" style={at ? { left: at.left, top: at.top } : { visibility: 'hidden' }}>
      <div className="flows-menu__counts">
        <b>{summary.flows.toLocaleString('en-US')} flows</b>{' '}
        <span className="verdict verdict--allowed">{c.allowed} allowed</span> · <span className="verdict verdict--denied">{c.denied} denied</span> · <span className="verdict verdict--audit">{c.audit} audit</span>
      </div>
      {view && (
        <div className="muted">
          {view.breaks} would break · {view.opens} would open
        </div>
      )}
      {files.length > 0 && <div className="muted flows-menu__files" title={files.join('\n')}>from {files.join(', ')}</div>}
      {summary.skipped > 0 && (
        <div className="flows-menu__warn">
          {summary.skipped} unreadable line{summary.skipped === 1 ? '' : 's'} skipped{first ? `; first in ${first.file} at line ${first.line}: ${first.reason}` : ''}
        </div>
      )}
      {lost.length > 0 && <div className="flows-menu__warn">{lost.length} lost-events record{lost.length === 1 ? '' : 's'}: the capture has gaps (see the Flows tab timeline)</div>}
      <div className="flows-menu__row">
        <span>Graph shows</span>
        <span className="flows-show" role="group" aria-label="Edges shown">
          {SHOW.map((s) => (
            <button key={s.value} type="button" aria-pressed={show === s.value} data-testid={`show-${s.value}`} title={s.title} onClick={() => flows().setShow(s.value)}>
              {s.label}
            </button>
          ))}
        </span>
      </div>
      <div className="flows-menu__row">
        <button
          type="button"
          data-testid="pin-baseline"
          aria-pressed={baseline}
          onClick={() => (baseline ? flows().unpinBaseline() : void flows().pinBaseline())}
          title={baseline ? 'Unpin the baseline' : 'Pin the current draft as the baseline; later edits list the flows they newly deny or allow'}
        >
          {baseline ? 'Unpin baseline' : 'Pin baseline'}
        </button>
        <button type="button" onClick={() => flows().revealTable()} title="Open the flows table">Table</button>
        <button type="button" data-testid="load-flows" onClick={onPick} title="Load other Hubble flow files instead of these (several at once, or drop them on the page)">
          Load other files…
        </button>
        <button type="button" data-testid="load-demo-flows" onClick={() => void flows().loadDemo()} title="Load the recorded traffic of the demo cluster">
          Demo flows
        </button>
      </div>
    </div>
  )
}
