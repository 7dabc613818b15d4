/**
 * The toolbar's flows part: load files (several at once) or the demo's recording, a progress bar
 * with Cancel while a capture streams in, the draft's verdict counts, the disagreements as
 * clickable filters, which edges the graph shows, and the baseline pin of the breakage diff.
 */
import { useRef } from 'react'
import { useEvaluation } from '../../store/evaluation-store.ts'
import { useFlows } from '../../store/flows-store.ts'
import type { ShowEdges } from '../../store/flows-store.ts'
import { megabytes } from '../../store/flows-persistence.ts'
import { filesOf } from './drop.ts'
import './flows.css'

const SHOW: readonly { value: ShowEdges; label: string; title: string }[] = [
  { value: 'rules', label: 'Rules', title: 'Show only the rule edges' },
  { value: 'flows', label: 'Flows', title: 'Show only the observed flows' },
  { value: 'both', label: 'Both', title: 'Show rules and observed flows' },
]

export function FlowsToolbar(): React.JSX.Element {
  const input = useRef<HTMLInputElement>(null)
  const summary = useEvaluation((s) => s.flows)
  const loading = useFlows((s) => s.loading)
  const loaded = useFlows((s) => s.loaded)
  const view = useFlows((s) => s.view)
  const error = useFlows((s) => s.error)
  const show = useFlows((s) => s.show)
  const baseline = useFlows((s) => s.baseline)
  const flows = useFlows.getState
  const p = loading?.progress
  const skipped = summary?.skipped ?? 0
  const firstSkip = loaded?.skippedLines[0]
  const chip = (field: 'would-break' | 'would-open'): void => {
    flows().setFilters([{ field, value: '', side: 'either', negate: false }])
    flows().revealTable()
  }
  return (
    <span className="flows-toolbar">
      <button type="button" data-testid="load-flows" disabled={loading !== null} onClick={() => input.current?.click()} title="Load Hubble flows (hubble observe -o json, exporter files, .gz; several at once or dropped on the page) and see what the draft would do with them">
        Load flows…
      </button>
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
          Load demo flows
        </button>
      )}
      {loading && (
        <span className="flows-progress" data-testid="flows-progress" role="progressbar" aria-valuemin={0} aria-valuemax={p?.totalBytes ?? 0} aria-valuenow={p?.bytes ?? 0}>
          <span className="flows-progress__bar">
            <span className="flows-progress__fill" style={{ width: `${p && p.totalBytes > 0 ? Math.round((100 * p.bytes) / p.totalBytes) : 0}%` }} />
          </span>
          <span className="flows-progress__text">
            {p ? `${megabytes(p.bytes)} / ${megabytes(p.totalBytes)} · ${p.flows.toLocaleString('en-US')} flows` : `Reading ${loading.files.join(', ')}…`}
          </span>
          <button type="button" data-testid="flows-cancel" onClick={() => flows().cancel()} title="Stop reading; the flows loaded before stay">
            Cancel
          </button>
        </span>
      )}
      {summary && (
        <span className="flows-summary" data-testid="flows-summary" title={firstSkip ? `${skipped} unreadable line(s) skipped; first in ${firstSkip.file} at line ${firstSkip.line}: ${firstSkip.reason}` : 'Verdicts of the current draft'}>
          {summary.flows} flows: <span className="verdict verdict--allowed">{summary.summary.allowed} allowed</span>{' '}
          <span className="verdict verdict--denied">{summary.summary.denied} denied</span>
          {summary.summary.audit > 0 && <> <span className="verdict verdict--audit">{summary.summary.audit} audit</span></>}
          {skipped > 0 && <span className="muted"> · {skipped} lines skipped</span>}
        </span>
      )}
      {view && !loading && (
        <>
          <button type="button" className={`flows-count flows-count--break${view.breaks ? ' is-hot' : ''}`} data-testid="would-break" onClick={() => chip('would-break')} title="Recorded forwarded, but the draft denies: traffic this draft would break. Click to list them">
            {view.breaks} would break
          </button>
          <button type="button" className={`flows-count flows-count--open${view.opens ? ' is-hot' : ''}`} data-testid="would-open" onClick={() => chip('would-open')} title="Recorded dropped by policy, but the draft allows. Click to list them">
            {view.opens} would open
          </button>
          <span className="flows-show" role="group" aria-label="Edges shown">
            {SHOW.map((s) => (
              <button key={s.value} type="button" aria-pressed={show === s.value} data-testid={`show-${s.value}`} title={s.title} onClick={() => flows().setShow(s.value)}>
                {s.label}
              </button>
            ))}
          </span>
          <button
            type="button"
            data-testid="pin-baseline"
            aria-pressed={baseline !== null}
            onClick={() => (baseline ? flows().unpinBaseline() : flows().pinBaseline())}
            title={baseline ? 'Unpin the baseline' : 'Pin the current draft as the baseline; later edits list the flows they newly deny or allow'}
          >
            {baseline ? 'Unpin baseline' : 'Pin baseline'}
          </button>
        </>
      )}
      {error && <span className="toolbar__warn" role="alert">{error}</span>}
    </span>
  )
}
