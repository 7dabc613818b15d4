/**
 * The bottom panel's Flows tab: filter chips (Hubble UI's: field, from/to/either, negation), the
 * breakage diff against a pinned baseline, and the virtualized table of every flow with what
 * the cluster recorded and what the draft would do. A row click selects the flow's edge and its
 * deciding rule in graph and YAML.
 */
import { useEffect, useState } from 'react'
import { useFlows } from '../../store/flows-store.ts'
import { useWorkspace } from '../../store/workspace-store.ts'
import { filterText, ruleSelectionFor } from '../../store/flow-overlay.ts'
import type { FilterField, FilterSide, FlowFilter, PageRow, SortKey } from '../../worker/flow-query.ts'
import type { FilesLoaded } from '../../worker/protocol.ts'
import { AllowTheseFlows } from './AllowTheseFlows.tsx'
import { FlowTimeline } from './FlowTimeline.tsx'
import { useRowWindow } from '../../ui/useRowWindow.ts'
import { useTableRows } from './useTableRows.ts'
import './flows.css'

const ROW_HEIGHT = 24

const COLUMNS: readonly { key: SortKey | null; label: string; cls: string }[] = [
  { key: 'time', label: 'Time', cls: 'c-time' },
  { key: 'source', label: 'Source', cls: 'c-src' },
  { key: 'destination', label: 'Destination', cls: 'c-dst' },
  { key: 'proto', label: 'Port', cls: 'c-proto' },
  { key: 'verdict', label: 'Draft', cls: 'c-draft' },
  { key: 'recorded', label: 'Recorded', cls: 'c-rec' },
  { key: 'rule', label: 'Deciding rule', cls: 'c-rule' },
  { key: null, label: 'L7', cls: 'c-l7' },
]

const FIELDS: readonly { value: FilterField; label: string; needsValue: boolean; sided: boolean }[] = [
  { value: 'text', label: 'text', needsValue: true, sided: false },
  { value: 'namespace', label: 'namespace', needsValue: true, sided: true },
  { value: 'workload', label: 'workload', needsValue: true, sided: true },
  { value: 'verdict', label: 'draft verdict', needsValue: true, sided: false },
  { value: 'recorded', label: 'recorded verdict', needsValue: true, sided: false },
  { value: 'would-break', label: 'would break', needsValue: false, sided: false },
  { value: 'would-open', label: 'would open', needsValue: false, sided: false },
  { value: 'newly-denied', label: 'newly denied', needsValue: false, sided: false },
  { value: 'newly-allowed', label: 'newly allowed', needsValue: false, sided: false },
  { value: 'dns-expired', label: 'DNS expired', needsValue: false, sided: false },
]

function time(ms: number): string {
  if (Number.isNaN(ms)) return '—'
  const d = new Date(ms)
  return d.toISOString().slice(11, 23)
}

export function FlowsTab(): React.JSX.Element {
  const view = useFlows((s) => s.view)
  const table = useFlows((s) => s.table)
  const filters = useFlows((s) => s.filters)
  const sort = useFlows((s) => s.sort)
  const baseline = useFlows((s) => s.baseline)
  const selected = useFlows((s) => s.selected)
  // Whether a load runs, not its progress: the tab need not render again for every progress message.
  const loading = useFlows((s) => s.loading !== null)
  const loaded = useFlows((s) => s.loaded)
  const persistNote = useFlows((s) => s.persistNote)
  const matched = table?.matched ?? 0
  // Virtualized: only the rows on screen (and a margin) are drawn, or even fetched from the worker.
  const win = useRowWindow(matched, ROW_HEIGHT, ROW_HEIGHT, 12)
  const rowAt = useTableRows(table, win.first, win.last)
  const { scrollTo } = win

  // A flow picked on the graph scrolls into view (the worker knows where it sits in the table).
  const seq = table?.seq
  useEffect(() => {
    if (selected === null || seq === undefined) return
    let live = true
    void useFlows
      .getState()
      .fetchRows(seq, 0, 0, selected)
      .then((a) => {
        if (live && a && a.selectedAt >= 0) scrollTo(a.selectedAt)
      })
    return () => {
      live = false
    }
  }, [selected, seq, scrollTo])

  if (!view) {
    return (
      <div className="flows-empty" data-testid="flows-empty">
        {loading ? 'Reading flows…' : <>No flows loaded. Use <b>Load flows…</b>, drop Hubble JSON files on the page, or <button type="button" onClick={() => void useFlows.getState().loadDemo()}>Load demo flows</button>.</>}
      </div>
    )
  }
  const pick = (r: PageRow): void => {
    const flows = useFlows.getState()
    flows.selectFlow(r.index)
    const target = ruleSelectionFor(r, useWorkspace.getState().displayGraph, flows.overlay)
    useWorkspace.getState().select(target ? { ...target, from: 'graph' } : null)
  }
  return (
    <div className="flows-tab">
      {loaded && loaded.skipped > 0 && <Skipped loaded={loaded} />}
      {persistNote && <div className="flows-skipped" data-testid="flows-persist-note">{persistNote}</div>}
      <FilterBar filters={filters} dnsExpired={view.dnsExpired} />
      {baseline && <Breakage />}
      <FlowTimeline />
      <div className="flows-table" data-testid="flows-table" role="table" aria-rowcount={matched + 1}>
        <div className="flows-table__scroll" ref={win.ref}>
          <div className="flows-table__head" role="row">
            {COLUMNS.map((c) => (
              <span key={c.label} role="columnheader" className={c.cls} aria-sort={c.key === sort.key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
                {c.key ? (
                  <button type="button" onClick={() => useFlows.getState().setSort({ key: c.key!, desc: c.key === sort.key ? !sort.desc : false })}>
                    {c.label}
                    {c.key === sort.key ? (sort.desc ? ' ▾' : ' ▴') : ''}
                  </button>
                ) : (
                  c.label
                )}
              </span>
            ))}
          </div>
          <div className="flows-table__body" style={{ height: win.height }}>
            {Array.from({ length: Math.max(0, win.last - win.first + 1) }, (_, k) => {
              const at = win.first + k
              const r = rowAt(at)
              // A row whose page is on the way: a blank line of the right height, not a row yet.
              if (!r) return <div key={`pending-${at}`} className="flows-row flows-row--pending" style={{ transform: `translateY(${at * ROW_HEIGHT}px)`, height: ROW_HEIGHT }} />
              return (
                <div
                  key={r.index}
                  role="row"
                  aria-rowindex={at + 2}
                  aria-selected={selected === r.index}
                  data-flow-index={r.index}
                  className={`flows-row${r.reply ? ' flows-row--reply' : ''}${r.disagreement ? ` flows-row--${r.disagreement}` : ''}${r.newly ? ` flows-row--newly-${r.newly}` : ''}`}
                  style={{ transform: `translateY(${at * ROW_HEIGHT}px)`, height: ROW_HEIGHT }}
                  onClick={() => pick(r)}
                >
                  <span role="cell" className="c-time">{time(r.time)}</span>
                  <span role="cell" className="c-src" title={r.srcName}>{r.srcName}</span>
                  <span role="cell" className="c-dst" title={r.dstName}>{r.dstName}</span>
                  <span role="cell" className="c-proto">{r.proto}{r.reply ? ' ↩' : ''}</span>
                  <span role="cell" className={`c-draft verdict verdict--${r.verdict}`}>
                    {r.verdict}
                    {r.disagreement === 'break' && <b className="flows-badge flows-badge--break" title="Recorded forwarded, the draft denies">breaks</b>}
                    {r.disagreement === 'open' && <b className="flows-badge flows-badge--open" title="Recorded dropped, the draft allows">opens</b>}
                  </span>
                  <span role="cell" className={`c-rec rec rec--${r.recorded.toLowerCase()}`} title={r.dropReason}>{r.recorded}</span>
                  <span role="cell" className="c-rule" title={`${r.rule ? `${r.rule.side}: ${r.rule.policy} ${r.rule.path} (${r.rule.effect})` : ''}${r.dnsExpired ? `\n${r.dnsExpired}` : ''}`}>
                    {r.dnsExpired ? <span className="flows-expired" data-testid="flow-dns-expired">{r.dnsExpired}</span> : r.rule ? (r.rule.policy ? `${r.rule.policy} ${r.rule.path}` : r.rule.effect) : ''}
                  </span>
                  <span role="cell" className="c-l7" title={r.l7}>{r.l7 ?? ''}</span>
                </div>
              )
            })}
          </div>
        </div>
      </div>
      <div className="flows-tab__foot">
        <span data-testid="flows-count">{matched.toLocaleString('en-US')} of {view.total.toLocaleString('en-US')} flows</span>
        <AllowTheseFlows count={table?.allowable ?? 0} />
      </div>
    </div>
  )
}

/** "12 lines skipped; first at line 4,031: …": unreadable lines are counted, never fatal. */
function Skipped({ loaded }: { loaded: FilesLoaded }): React.JSX.Element {
  const first = loaded.skippedLines[0]
  const text = `${loaded.skipped.toLocaleString('en-US')} line${loaded.skipped === 1 ? '' : 's'} skipped${first ? `; first at line ${first.line.toLocaleString('en-US')} of ${first.file}: ${first.reason}` : ''}`
  return <div className="flows-skipped" data-testid="flows-skipped" title={loaded.skippedLines.map((s) => `${s.file}:${s.line} ${s.reason}`).join('\n')}>{text}</div>
}

/** One-click filters with their counts, for what needs looking at first. */
function QuickFilters({ filters, expired }: { filters: readonly FlowFilter[]; expired: number }): React.JSX.Element | null {
  if (expired === 0) return null
  const on = filters.some((f) => f.field === 'dns-expired' && !f.negate)
  return (
    <button
      type="button"
      className={`flows-quick${on ? ' is-on' : ''}`}
      data-testid="quick-dns-expired"
      aria-pressed={on}
      title="Flows the draft denies because the DNS answer that let a toFQDNs rule match them expired (TTL, tofqdns-min-ttl, idle grace) or fell out of the per-name IP cap (§5.6)"
      onClick={() => useFlows.getState().setFilters(on ? filters.filter((f) => f.field !== 'dns-expired') : [...filters, { field: 'dns-expired', value: '', side: 'either', negate: false }])}
    >
      DNS expired <b>{expired}</b>
    </button>
  )
}

function FilterBar({ filters, dnsExpired }: { filters: readonly FlowFilter[]; dnsExpired: number }): React.JSX.Element {
  const [field, setField] = useState<FilterField>('text')
  const [side, setSide] = useState<FilterSide>('either')
  const [negate, setNegate] = useState(false)
  const [value, setValue] = useState('')
  const spec = FIELDS.find((f) => f.value === field)!
  const add = (): void => {
    if (spec.needsValue && value.trim() === '') return
    useFlows.getState().addFilter({ field, value: value.trim(), side: spec.sided ? side : 'either', negate })
    setValue('')
  }
  return (
    <div className="flows-filters" data-testid="flows-filters">
      {filters.map((f, i) => (
        <span key={`${filterText(f)}-${i}`} className={`flows-chip${f.negate ? ' flows-chip--not' : ''}`} data-testid="flows-chip">
          {filterText(f)}
          <button type="button" title="Remove this filter" onClick={() => useFlows.getState().setFilters(filters.filter((x) => x !== f))}>×</button>
        </span>
      ))}
      <QuickFilters filters={filters} expired={dnsExpired} />
      <form
        className="flows-filters__add"
        onSubmit={(e) => {
          e.preventDefault()
          add()
        }}
      >
        <select aria-label="Filter field" data-testid="filter-field" value={field} onChange={(e) => setField(e.target.value as FilterField)}>
          {FIELDS.map((f) => <option key={f.value} value={f.value}>{f.label}</option>)}
        </select>
        {spec.sided && (
          <select aria-label="Side" data-testid="filter-side" value={side} onChange={(e) => setSide(e.target.value as FilterSide)}>
            <option value="either">either</option>
            <option value="from">from</option>
            <option value="to">to</option>
          </select>
        )}
        <label className="flows-filters__not" title="Keep the flows that do NOT match">
          <input type="checkbox" checked={negate} onChange={(e) => setNegate(e.target.checked)} /> not
        </label>
        {spec.needsValue && (
          <input aria-label="Filter value" data-testid="filter-value" value={value} placeholder={field === 'verdict' ? 'allowed / denied / audit' : field === 'recorded' ? 'FORWARDED / DROPPED' : 'value'} onChange={(e) => setValue(e.target.value)} />
        )}
        <button type="submit" data-testid="filter-add">Add</button>
      </form>
    </div>
  )
}

/** Since the pinned baseline: which flows the edits newly deny (and show red) or newly allow. */
function Breakage(): React.JSX.Element | null {
  const groups = useFlows((s) => s.view?.breakage)
  if (!groups) return null
  const chip = (field: FilterField): void => useFlows.getState().setFilters([{ field, value: '', side: 'either', negate: false }])
  return (
    <div className="flows-breakage" data-testid="breakage-list">
      <span className="flows-breakage__head">Since the baseline:</span>
      <button type="button" className="flows-count flows-count--break" onClick={() => chip('newly-denied')}>{groups.deniedCount} newly denied</button>
      <button type="button" className="flows-count flows-count--open" onClick={() => chip('newly-allowed')}>{groups.allowed} newly allowed</button>
      {groups.denied.length > 0 && (
        <ul>
          {groups.denied.map((g) => <li key={g.text} title={g.text}>{g.text}{g.n > 1 ? ` ×${g.n}` : ''}</li>)}
          {groups.groups > groups.denied.length && <li className="muted">and {groups.groups - groups.denied.length} more</li>}
        </ul>
      )}
    </div>
  )
}
