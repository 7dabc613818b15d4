/** Loads a Hubble flow file (evaluated in the worker) and shows the draft's verdict counts. */
import { useRef, useState } from 'react'
import { useEvaluation } from '../../store/evaluation-store.ts'

export function FlowsButton(): React.JSX.Element {
  const input = useRef<HTMLInputElement>(null)
  const flows = useEvaluation((s) => s.flows)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const load = async (file: File): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      await useEvaluation.getState().loadFlows(await file.text())
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <span className="toolbar__field">
      <button type="button" data-testid="load-flows" disabled={busy} onClick={() => input.current?.click()} title="Load Hubble flows (hubble observe -o json, exporter files) and see what the draft would do with them">
        {busy ? 'Evaluating…' : 'Load flows…'}
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,.jsonl,.txt,application/json"
        hidden
        data-testid="flows-file"
        onChange={(e) => {
          const file = e.target.files?.[0]
          if (file) void load(file)
          e.target.value = ''
        }}
      />
      {flows && (
        <span className="flows-summary" data-testid="flows-summary" title={flows.skipped > 0 ? `${flows.skipped} unreadable line(s) skipped` : 'Verdicts of the current draft'}>
          {flows.flows} flows: <span className="verdict verdict--allowed">{flows.summary.allowed} allowed</span>{' '}
          <span className="verdict verdict--denied">{flows.summary.denied} denied</span>
          {flows.summary.audit > 0 && <> <span className="verdict verdict--audit">{flows.summary.audit} audit</span></>}
          {flows.skipped > 0 && <span className="muted"> · {flows.skipped} lines skipped</span>}
        </span>
      )}
      {error && <span className="toolbar__warn" role="alert">{error}</span>}
    </span>
  )
}
