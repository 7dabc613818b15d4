/**
 * A compact strip over the flows table: flow density across the capture's time range (blocked
 * flows in red at the foot of each bar), the `lost_events` gaps marked and counted, and a drag
 * (or a click on one bar) that filters the table to that time window.
 */
import { useRef, useState } from 'react'
import { useFlows } from '../../store/flows-store.ts'
import { timeWindowValue } from '../../worker/flow-query.ts'
import { brushWindow, gapText } from '../../worker/flow-timeline.ts'

const clock = (ms: number): string => new Date(ms).toISOString().slice(11, 19)

/** The strip of the loaded capture; the worker buckets every flow and places the gaps (flow-summary.ts). */
export function FlowTimeline(): React.JSX.Element | null {
  const timeline = useFlows((s) => s.view?.timeline ?? null)
  const strip = useRef<HTMLDivElement>(null)
  const [drag, setDrag] = useState<{ a: number; b: number } | null>(null)
  if (!timeline) return null
  const at = (clientX: number): number => {
    const box = strip.current?.getBoundingClientRect()
    return box && box.width > 0 ? Math.min(1, Math.max(0, (clientX - box.left) / box.width)) : 0
  }
  const apply = (a: number, b: number): void => {
    const w = brushWindow(timeline, a, b)
    const flows = useFlows.getState()
    flows.setFilters([...flows.filters.filter((f) => f.field !== 'time'), { field: 'time', value: timeWindowValue(w.from, w.to), side: 'either', negate: false }])
  }
  const { buckets, max, gaps } = timeline
  const lostCount = gaps.length
  return (
    <div className="flows-timeline" data-testid="flows-timeline">
      <span className="flows-timeline__edge">{clock(timeline.from)}</span>
      <div
        ref={strip}
        className="flows-timeline__strip"
        title="Flows over time (red: the draft blocks them). Drag or click to show only that time window"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture?.(e.pointerId)
          const x = at(e.clientX)
          setDrag({ a: x, b: x })
        }}
        onPointerMove={(e) => {
          if (drag) setDrag({ a: drag.a, b: at(e.clientX) })
        }}
        onPointerUp={(e) => {
          if (!drag) return
          apply(drag.a, at(e.clientX))
          setDrag(null)
        }}
        onPointerCancel={() => setDrag(null)}
      >
        <svg viewBox={`0 0 ${buckets.length} 20`} preserveAspectRatio="none" aria-hidden="true">
          {buckets.map((b, i) =>
            b.flows === 0 ? null : (
              <g key={i}>
                <rect className="flows-timeline__bar" x={i + 0.1} width={0.8} y={20 - (20 * b.flows) / max} height={(20 * b.flows) / max} />
                {b.blocked > 0 && <rect className="flows-timeline__bar--blocked" x={i + 0.1} width={0.8} y={20 - (20 * b.blocked) / max} height={(20 * b.blocked) / max} />}
              </g>
            ),
          )}
        </svg>
        {gaps.map((g, i) => (
          <span key={i} className="flows-timeline__gap" data-testid="flows-lost-gap" style={{ left: `${g.at * 100}%` }} title={`${gapText(g)}${g.nodeName ? ` on ${g.nodeName}` : ''}${g.source ? ` (${g.source})` : ''}: Hubble dropped them before recording, the capture has a gap here`} />
        ))}
        {drag && Math.abs(drag.b - drag.a) > 0 && (
          <span className="flows-timeline__brush" style={{ left: `${Math.min(drag.a, drag.b) * 100}%`, width: `${Math.abs(drag.b - drag.a) * 100}%` }} />
        )}
      </div>
      <span className="flows-timeline__edge">{clock(timeline.to)}</span>
      {lostCount > 0 && (
        <span className="flows-timeline__lost" data-testid="flows-lost" title={gaps.map(gapText).join('\n')}>
          {lostCount === 1 ? gapText(gaps[0]) : `${lostCount} gaps · ${timeline.lost.toLocaleString('en-US')} events lost`}
        </span>
      )}
    </div>
  )
}
