/** Live flows from `membrane serve`: state and rate, the window (last N flows / M minutes), pause. */
import { useState } from 'react'
import { useServeSession } from '../../store/serve-session.ts'
import type { LiveState } from '../../store/serve-session-live.ts'

const count = (n: number): string => n.toLocaleString('en-US')

export function LiveControls({ live }: { readonly live: LiveState }): React.JSX.Element {
  const [editing, setEditing] = useState(false)
  const state = !live.connected ? 'reconnecting' : live.paused ? 'paused' : live.open ? 'live' : 'ended'
  const label = state === 'live' ? 'Live' : state === 'paused' ? 'Paused' : state === 'ended' ? 'Stream ended' : 'Reconnecting…'
  const rate = live.rate >= 10 ? Math.round(live.rate).toString() : live.rate.toFixed(1)
  const { setPaused, setWindow } = useServeSession.getState()
  return (
    <span className="serve-live" data-testid="serve-live" data-state={state} title={`Flows from ${live.sources.join(' and ')}`}>
      <span className={`serve-live__dot serve-live__dot--${state}`} aria-hidden="true" />
      <strong data-testid="serve-live-state">{label}</strong>
      {state === 'live' && <span data-testid="serve-live-rate">{rate} flows/s</span>}
      <span data-testid="serve-live-shown">{count(live.shown)} in window</span>
      {live.paused && live.waiting > 0 && <span>{count(live.waiting)} waiting</span>}
      {live.dropped > 0 && (
        <span className="serve-live__dropped" data-testid="serve-live-dropped" title="Flows this page never showed: it fell behind the stream, or was paused longer than the window holds">
          {count(live.dropped)} dropped
        </span>
      )}
      {editing ? (
        <form
          className="serve-live__window"
          onSubmit={(e) => {
            e.preventDefault()
            const data = new FormData(e.currentTarget)
            setWindow({ maxFlows: Number(data.get('flows')), maxMinutes: Number(data.get('minutes')) })
            setEditing(false)
          }}
        >
          <label>last <input name="flows" type="number" min={1} max={1000000} defaultValue={live.window.maxFlows} data-testid="serve-window-flows" aria-label="Flows kept" /> flows</label>
          <label>or <input name="minutes" type="number" min={0} max={1440} defaultValue={live.window.maxMinutes} data-testid="serve-window-minutes" aria-label="Minutes kept (0: no limit)" /> min</label>
          <button type="submit" data-testid="serve-window-apply">Apply</button>
        </form>
      ) : (
        <button type="button" className="serve-live__window-button" data-testid="serve-window" onClick={() => setEditing(true)} title="How many flows the table and the graph keep while the stream runs">
          window: last {count(live.window.maxFlows)}{live.window.maxMinutes > 0 ? ` / ${live.window.maxMinutes} min` : ''}
        </button>
      )}
      <button type="button" data-testid="serve-pause" onClick={() => setPaused(!live.paused)} title={live.paused ? 'Show the flows again as they arrive' : 'Hold the table and graph still; flows keep arriving (the newest window is kept)'}>
        {live.paused ? 'Resume' : 'Pause'}
      </button>
    </span>
  )
}
