/**
 * The flows table's questions, answered in the worker where the rows are: the page sends its
 * filter chips and sort, and gets back how many rows match and only the rows it draws (the table
 * is virtualized), so what crosses to the main thread is proportional to the screen, not to the
 * capture. The filtered, sorted order is kept for the last question, so scrolling only slices it.
 */
import type { DraftVerdict, FlowRow, FlowTable, ObservedEndpointView } from './flow-view.ts'

export type FilterField =
  | 'namespace'
  | 'workload'
  | 'verdict'
  | 'recorded'
  | 'text'
  | 'would-break'
  | 'would-open'
  | 'newly-denied'
  | 'newly-allowed'
  | 'dns-expired'
  | 'time'
export type FilterSide = 'from' | 'to' | 'either'

/** One chip of the flows filter bar (Hubble UI's: a field, a side, optionally negated). */
export interface FlowFilter {
  readonly field: FilterField
  readonly value: string
  readonly side: FilterSide
  readonly negate: boolean
}

/** `index`: the capture's own order (exports). */
export type SortKey = 'index' | 'time' | 'source' | 'destination' | 'proto' | 'recorded' | 'verdict' | 'rule'

export interface FlowSort {
  readonly key: SortKey
  readonly desc: boolean
}

/** What the table asks: its chips and sort, the window of rows it draws, and where a flow sits. */
export interface FlowRowsQuery {
  readonly filters: readonly FlowFilter[]
  readonly sort: FlowSort
  readonly offset: number
  readonly limit: number
  /** A flow index whose position in the filtered order the answer gives (`selectedAt`). */
  readonly locate?: number
}

/** A row as the table draws it: the view's row, and how it moved since the pinned baseline. */
export type PageRow = FlowRow & { readonly newly?: 'denied' | 'allowed' }

export interface FlowRowsAnswer {
  /** Rows every chip lets through. */
  readonly matched: number
  readonly offset: number
  readonly rows: readonly PageRow[]
  /** Of the matched rows, how many an allow rule would change ("Allow these N flows"). */
  readonly allowable: number
  /** Position of `locate` in the filtered order, -1 when filtered out or not asked. */
  readonly selectedAt: number
}

/** Draft verdicts pinned as the breakage diff's baseline, by flow position. */
export type Baseline = ReadonlyMap<number, DraftVerdict>

/** What a filter reads besides the row: the endpoints, and the baseline's verdicts when pinned. */
export interface FilterContext {
  readonly endpoints: readonly ObservedEndpointView[]
  readonly baseline: Baseline | null
}

export function newlyDenied(r: FlowRow, baseline: Baseline | null): boolean {
  const before = baseline?.get(r.index)
  return before !== undefined && before !== 'denied' && r.verdict === 'denied'
}

export function newlyAllowed(r: FlowRow, baseline: Baseline | null): boolean {
  const before = baseline?.get(r.index)
  return before === 'denied' && r.verdict !== 'denied'
}

/** Denied (or audited) because the DNS answer that let a toFQDNs rule match it expired (§5.6). */
export function isDnsExpired(r: FlowRow): boolean {
  return r.dnsExpired !== undefined && r.verdict !== 'allowed'
}

/**
 * Rows an allow rule would change: requests (replies ride on them) the draft denies or audits,
 * except those an explicit deny rule decides — an allow never overrides a deny (§4.2).
 */
export function isAllowable(r: FlowRow): boolean {
  return !r.reply && r.verdict !== 'allowed' && r.blockedBy !== undefined && r.rule?.effect !== 'deny'
}

/** A time chip's value: `<from ms>-<to ms>`, epoch milliseconds, end exclusive. */
export function timeWindowValue(from: number, to: number): string {
  return `${Math.floor(from)}-${Math.ceil(to)}`
}

export function parseTimeWindow(value: string): { from: number; to: number } | null {
  const m = /^(\d+)-(\d+)$/.exec(value)
  return m ? { from: Number(m[1]), to: Number(m[2]) } : null
}

function matchesOne(r: FlowRow, f: FlowFilter, ctx: FilterContext): boolean {
  const sides = (test: (e: ObservedEndpointView, name: string) => boolean): boolean => {
    const from = test(ctx.endpoints[r.src], r.srcName)
    const to = test(ctx.endpoints[r.dst], r.dstName)
    return f.side === 'from' ? from : f.side === 'to' ? to : from || to
  }
  const v = f.value.toLowerCase()
  switch (f.field) {
    case 'namespace':
      return sides((e) => (e.namespace ?? '').toLowerCase() === v)
    case 'workload':
      return sides((e, name) => e.label.toLowerCase() === v || name.toLowerCase().includes(v))
    case 'verdict':
      return r.verdict === v
    case 'recorded':
      return r.recorded.toLowerCase() === v
    case 'would-break':
      return r.disagreement === 'break'
    case 'would-open':
      return r.disagreement === 'open'
    case 'newly-denied':
      return newlyDenied(r, ctx.baseline)
    case 'newly-allowed':
      return newlyAllowed(r, ctx.baseline)
    case 'dns-expired':
      return isDnsExpired(r)
    case 'time': {
      const w = parseTimeWindow(f.value)
      return w !== null && r.time >= w.from && r.time < w.to
    }
    case 'text': {
      const hay = `${r.srcName} ${r.dstName} ${r.proto} ${r.l7 ?? ''} ${r.recorded} ${r.dropReason ?? ''} ${r.verdict} ${r.rule ? `${r.rule.policy} ${r.rule.path}` : ''} ${r.dnsExpired ?? ''}`
      return hay.toLowerCase().includes(v)
    }
  }
}

/** Rows every chip lets through (chips AND together). */
export function filterRows(rows: readonly FlowRow[], filters: readonly FlowFilter[], ctx: FilterContext): FlowRow[] {
  if (filters.length === 0) return rows.slice()
  return rows.filter((r) => filters.every((f) => matchesOne(r, f, ctx) !== f.negate))
}

export function sortRows(rows: FlowRow[], key: SortKey, descending: boolean): FlowRow[] {
  const val = (r: FlowRow): string | number => {
    switch (key) {
      case 'index':
        return r.index
      case 'time':
        return Number.isNaN(r.time) ? 0 : r.time
      case 'source':
        return r.srcName
      case 'destination':
        return r.dstName
      case 'proto':
        return r.proto
      case 'recorded':
        return r.recorded
      case 'verdict':
        return r.verdict
      case 'rule':
        return r.rule ? `${r.rule.policy} ${r.rule.path}` : ''
    }
  }
  const dir = descending ? -1 : 1
  // Keys read once per row, not once per comparison: the sort of a large capture is n log n compares.
  const keyed = rows.map((r) => ({ r, k: val(r) }))
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.r.index - b.r.index) * dir)
  for (let i = 0; i < keyed.length; i++) rows[i] = keyed[i].r
  return rows
}

/** One table's order, kept while the view and the question stay the same. */
export class FlowRowsCache {
  private view: FlowTable | null = null
  private baseline: Baseline | null = null
  private key = ''
  private order: FlowRow[] = []
  private allowable = 0

  /** The rows `query`'s chips let through, in its order (reused when only the window moved). */
  rows(view: FlowTable, baseline: Baseline | null, query: Pick<FlowRowsQuery, 'filters' | 'sort'>): readonly FlowRow[] {
    const key = JSON.stringify([query.filters, query.sort])
    if (view !== this.view || baseline !== this.baseline || key !== this.key) {
      this.order = sortRows(filterRows(view.rows, query.filters, { endpoints: view.endpoints, baseline }), query.sort.key, query.sort.desc)
      this.allowable = this.order.reduce((n, r) => n + (isAllowable(r) ? 1 : 0), 0)
      this.view = view
      this.baseline = baseline
      this.key = key
    }
    return this.order
  }

  answer(view: FlowTable, baseline: Baseline | null, query: FlowRowsQuery): FlowRowsAnswer {
    const order = this.rows(view, baseline, query)
    const offset = Math.max(0, Math.min(query.offset, order.length))
    const rows = order.slice(offset, offset + Math.max(0, query.limit)).map((r) => pageRow(r, baseline))
    const selectedAt = query.locate === undefined ? -1 : order.findIndex((r) => r.index === query.locate)
    return { matched: order.length, offset, rows, allowable: this.allowable, selectedAt }
  }
}

export function pageRow(r: FlowRow, baseline: Baseline | null): PageRow {
  if (!baseline) return r
  const newly = newlyDenied(r, baseline) ? 'denied' : newlyAllowed(r, baseline) ? 'allowed' : undefined
  return newly ? { ...r, newly } : r
}

/**
 * The allowable rows of a filter, one per (source, destination, sides, port): all "Allow these
 * flows" needs to write its rules, whatever the number of flows behind each.
 */
export function allowableRows(rows: readonly FlowRow[]): FlowRow[] {
  const seen = new Set<string>()
  const out: FlowRow[] = []
  for (const r of rows) {
    if (!isAllowable(r)) continue
    const key = `${r.src}|${r.dst}|${r.blockedBy}|${r.protocol ?? ''}|${r.port ?? ''}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push(r)
  }
  return out
}

/** Since the pinned baseline: flows newly denied, grouped by what the table names them, and newly allowed. */
export interface Breakage {
  /** The largest groups (the panel lists a few), and how many groups there are in all. */
  readonly denied: readonly { readonly text: string; readonly n: number }[]
  readonly groups: number
  readonly deniedCount: number
  readonly allowed: number
}

const BREAKAGE_GROUPS = 6

export function breakageOf(rows: readonly FlowRow[], baseline: Baseline): Breakage {
  const denied = new Map<string, { text: string; n: number }>()
  let allowed = 0
  let deniedCount = 0
  for (const r of rows) {
    if (newlyAllowed(r, baseline)) allowed++
    if (!newlyDenied(r, baseline)) continue
    deniedCount++
    const text = `${r.srcName} → ${r.dstName} ${r.proto}`
    const g = denied.get(text) ?? { text, n: 0 }
    g.n++
    denied.set(text, g)
  }
  const groups = [...denied.values()].sort((a, b) => b.n - a.n)
  return { denied: groups.slice(0, BREAKAGE_GROUPS), groups: groups.length, deniedCount, allowed }
}
