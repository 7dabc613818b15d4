import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { DEFAULT_AGENT_SETTINGS } from '../domain/settings/index.ts'
import { createEvaluator } from './evaluator-client.ts'
import type { FlowFilter, FlowRowsQuery } from './flow-query.ts'
import { filterRows, isAllowable, sortRows } from './flow-query.ts'

const DEMO_YAML = readFileSync('public/samples/demo.yaml', 'utf8')
const DEMO_FLOWS = readFileSync('public/samples/demo-flows.jsonl', 'utf8')
const settings = { ...DEFAULT_AGENT_SETTINGS, auditMode: false, enforcementMode: 'default' } as const
const q = (over: Partial<FlowRowsQuery> = {}): FlowRowsQuery => ({ filters: [], sort: { key: 'time', desc: false }, offset: 0, limit: 1000, ...over })

async function loaded() {
  const ev = createEvaluator()
  await ev.call({ type: 'setWorkspace', text: DEMO_YAML, settings })
  await ev.call({ type: 'loadFlowFiles', files: [{ name: 'demo.jsonl', blob: new Blob([DEMO_FLOWS]) }] })
  const all = (await ev.call({ type: 'flowRows', query: q({ sort: { key: 'index', desc: false } }) })).rows
  const view = await ev.call({ type: 'flowView' })
  return { ev, all, view }
}

describe('flow rows, paged from the worker', () => {
  it('a window of the filtered, sorted order, with the count and the allowable count of all matches', async () => {
    const { ev, all, view } = await loaded()
    const filters: FlowFilter[] = [{ field: 'namespace', value: 'shop', side: 'either', negate: false }]
    const sort = { key: 'source', desc: true } as const
    const expected = sortRows(filterRows(all, filters, { endpoints: view.endpoints, baseline: null }), sort.key, sort.desc)
    expect(expected.length).toBeGreaterThan(20)
    const page = await ev.call({ type: 'flowRows', query: q({ filters, sort, offset: 10, limit: 7 }) })
    expect(page.matched).toBe(expected.length)
    expect(page.offset).toBe(10)
    expect(page.rows.map((r) => r.index)).toEqual(expected.slice(10, 17).map((r) => r.index))
    expect(page.allowable).toBe(expected.filter(isAllowable).length)
    // A window past the end is empty, not an error; the count stays.
    const past = await ev.call({ type: 'flowRows', query: q({ filters, sort, offset: 10_000, limit: 5 }) })
    expect(past).toMatchObject({ matched: expected.length, rows: [] })
  })

  it('locates a flow in the order (the graph selects it, the table scrolls there), -1 when filtered out', async () => {
    const { ev, all } = await loaded()
    const target = all[40]
    const sort = { key: 'time', desc: true } as const
    const order = sortRows(all.slice(), sort.key, sort.desc)
    const at = await ev.call({ type: 'flowRows', query: q({ sort, limit: 0, locate: target.index }) })
    expect(at.rows).toEqual([])
    expect(at.selectedAt).toBe(order.findIndex((r) => r.index === target.index))
    const other = target.verdict === 'allowed' ? 'denied' : 'allowed'
    const gone = await ev.call({ type: 'flowRows', query: q({ filters: [{ field: 'verdict', value: other, side: 'either', negate: false }], locate: target.index }) })
    expect(gone.selectedAt).toBe(-1)
  })

  it('marks the rows an edit newly denies against the pinned baseline, and the summary counts them', async () => {
    const { ev } = await loaded()
    await ev.call({ type: 'pinBaseline', pin: true })
    await ev.call({ type: 'setWorkspace', text: '', settings: { ...settings, enforcementMode: 'always' } })
    const newly = await ev.call({ type: 'flowRows', query: q({ filters: [{ field: 'newly-denied', value: '', side: 'either', negate: false }] }) })
    expect(newly.matched).toBeGreaterThan(0)
    expect(newly.rows.every((r) => r.newly === 'denied' && r.verdict === 'denied')).toBe(true)
    const view = await ev.call({ type: 'flowView' })
    expect(view.breakage?.deniedCount).toBe(newly.matched)
    await ev.call({ type: 'pinBaseline', pin: false })
    expect((await ev.call({ type: 'flowView' })).breakage).toBeNull()
    expect((await ev.call({ type: 'flowRows', query: q() })).rows.some((r) => r.newly !== undefined)).toBe(false)
  })

  it('"Allow these flows" gets one row per source, destination, sides and port', async () => {
    const { ev, all } = await loaded()
    const filters: FlowFilter[] = [{ field: 'would-break', value: '', side: 'either', negate: false }]
    const rows = await ev.call({ type: 'flowAllowable', query: { filters, sort: { key: 'time', desc: false } } })
    const keys = (list: readonly (typeof all)[number][]) => new Set(list.map((r) => `${r.src}|${r.dst}|${r.blockedBy}|${r.protocol}|${r.port}`))
    const breaking = all.filter((r) => r.disagreement === 'break' && isAllowable(r))
    expect(rows.length).toBe(keys(breaking).size)
    expect(keys(rows)).toEqual(keys(breaking))
  })
})
