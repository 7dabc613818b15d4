/**
 * The toolbar's flows part. Without a capture: load files (several at once) or the demo's
 * recording. While one streams in: a progress bar with Cancel. With one loaded it stays compact
 * enough for a 1280 px toolbar: a summary button ("89 flows" and a verdict bar) that opens the
 * details (counts, skipped lines, which edges the graph shows, the baseline pin, loading other
 * files), and the would-break / would-open counts, always in view and clickable as filters.
 */
import { useRef, useState } from 'react'
import { useEvaluation } from '../../store/evaluation-store.ts'
import { useFlows } from '../../store/flows-store.ts'
import { filesOf, megabytes } from '../../store/flows-persistence.ts'
import { FlowsMenu } from './FlowsMenu.tsx'
import './flows.css'

/** `89`, `4,031`, then `12K`, `1.2M`: the toolbar has room for a few characters (the menu says it in full). */
function compact(n: number): string {
  return n < 10_000 ? n.toLocaleString('en-US') : new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(n)
}

export function FlowsToolbar(): React.JSX.Element {
  const input = useRef<HTMLInputElement>(null)
  const summaryButton = useRef<HTMLButtonElement>(null)
  const [menuOpen, setMenuOpen] = useState(false)
  const summary = useEvaluation((s) => s.flows)
  const loading = useFlows((s) => s.loading)
  const view = useFlows((s) => s.view)
  const error = useFlows((s) => s.error)
  const baseline = useFlows((s) => s.baseline)
  const flows = useFlows.getState
  const p = loading?.progress
  const skipped = summary?.skipped ?? 0
  const chip = (field: 'would-break' | 'would-open'): void => {
    flows().setFilters([{ field, value: '', side: 'either', negate: false }])
    flows().revealTable()
  }
  const pick = (): void => input.current?.click()
  // While a capture streams in, the counts of the flows read so far (the worker's latest partial).
  const counts = p?.summary ?? summary?.summary
  const total = counts ? counts.allowed + counts.denied + counts.audit : 0
  const shownFlows = p?.summary ? total : (summary?.flows ?? 0)
  const share = (n: number): string => `${total > 0 ? (100 * n) / total : 0}%`
  return (
    <span className="flows-toolbar">
      {!summary && (
        <button type="button" data-testid="load-flows" disabled={loading !== null} onClick={pick} title="Load Hubble flows (hubble observe -o json, exporter files, .gz; several at once or dropped on the page) and see what the draft would do with them">
          Flows…
        </button>
      )}
      <input
        ref={input}
        type="file"
        multiple
        accept=".json,.jsonl,.txt,.log,.gz,application/json"
        hidden
        data-testid="flows-file"
        onChange={(e) => {
          const files = filesOf(e.target.files)
          if (files.length > 0) void flows().loadFiles(files)
          e.target.value = ''
        }}
      />
      {!summary && !loading && (
        <button type="button" data-testid="load-demo-flows" onClick={() => void flows().loadDemo()} title="Load the recorded traffic of the demo cluster">
          Demo flows
        </button>
      )}
      {summary && counts && (
        <button
          ref={summaryButton}
          type="button"
          className="flows-summary"
          data-testid="flows-summary"
          aria-haspopup="dialog"
          aria-expanded={menuOpen}
          onClick={() => setMenuOpen(!menuOpen)}
          title={`${shownFlows} flows: ${counts.allowed} allowed, ${counts.denied} denied, ${counts.audit} audit under the draft${skipped > 0 ? `; ${skipped} unreadable lines skipped` : ''}${baseline ? '; a baseline is pinned' : ''}. Click for details, which edges to show, the baseline pin and loading other files`}
        >
          {compact(shownFlows)} flows
          <span className="flows-summary__bar" aria-hidden="true">
            <span className="flows-summary__seg flows-summary__seg--allowed" style={{ width: share(counts.allowed) }} />
            <span className="flows-summary__seg flows-summary__seg--denied" style={{ width: share(counts.denied) }} />
            <span className="flows-summary__seg flows-summary__seg--audit" style={{ width: share(counts.audit) }} />
          </span>
          {/* The bar's numbers, for screen readers (the menu shows them in words). */}
          <span className="visually-hidden">
            : {counts.allowed} allowed {counts.denied} denied{counts.audit > 0 ? ` ${counts.audit} audit` : ''}
            {skipped > 0 ? ` · ${skipped} lines skipped` : ''}
          </span>
          {skipped > 0 && <span className="flows-summary__warn" aria-hidden="true">!</span>}
          {baseline && <span className="flows-summary__pin" aria-hidden="true" />}
          <span aria-hidden="true"> ▾</span>
        </button>
      )}
      {menuOpen && summary && <FlowsMenu anchor={summaryButton.current} onPick={pick} onClose={() => setMenuOpen(false)} />}
      {loading && (
        <span className="flows-progress" data-testid="flows-progress" role="progressbar" aria-valuemin={0} aria-valuemax={p?.totalBytes ?? 0} aria-valuenow={p?.bytes ?? 0}>
          <span className="flows-progress__bar">
            <span className="flows-progress__fill" style={{ width: `${p && p.totalBytes > 0 ? Math.round((100 * p.bytes) / p.totalBytes) : 0}%` }} />
          </span>
          <span className="flows-progress__text" title={p ? `${megabytes(p.bytes)} of ${megabytes(p.totalBytes)} read from ${loading.files.join(', ')}` : undefined}>
            {p ? `${p.totalBytes > 0 ? Math.floor((100 * p.bytes) / p.totalBytes) : 0}% · ${compact(p.flows)} flows` : 'Reading…'}
          </span>
          <button type="button" data-testid="flows-cancel" onClick={() => flows().cancel()} title="Stop reading; the flows loaded before stay">
            Cancel
          </button>
        </span>
      )}
      {view && !loading && (
        <span className="flows-disagree" role="group" aria-label="Disagreements with the recorded verdicts">
          <button type="button" className={`flows-count flows-count--break${view.breaks ? ' is-hot' : ''}`} data-testid="would-break" onClick={() => chip('would-break')} title="Recorded forwarded, but the draft denies: traffic this draft would break. Click to list them">
            {view.breaks} <span className="flows-count__would">would </span>break
          </button>
          <button type="button" className={`flows-count flows-count--open${view.opens ? ' is-hot' : ''}`} data-testid="would-open" onClick={() => chip('would-open')} title="Recorded dropped by policy, but the draft allows. Click to list them">
            {view.opens} <span className="flows-count__would">would </span>open
          </button>
        </span>
      )}
      {error && <span className="toolbar__warn" role="alert" title={error}>Flows: {error}</span>}
    </span>
  )
}
