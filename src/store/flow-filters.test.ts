/**
 * The flows table's filters that read the draft's reasons and the capture's times: "DNS expired"
 * (a toFQDNs answer that ran out, §5.6) and the timeline's time window, over the synthetic
 * dns-expiry capture (fixtures/flows/README.md).
 */
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { appStores } from './test-util.ts'
import { filterText } from './flow-overlay.ts'
import type { FlowFilter } from '../worker/flow-query.ts'
import { filterRows, isDnsExpired, parseTimeWindow, timeWindowValue } from '../worker/flow-query.ts'
import type { FlowRow } from '../worker/flow-view.ts'

const YAML = readFileSync('fixtures/flows/dns-expiry.yaml', 'utf8')
const FLOWS = readFileSync('fixtures/flows/dns-expiry.jsonl', 'utf8')
const chip = (field: FlowFilter['field'], value = '', negate = false): FlowFilter => ({ field, value, side: 'either', negate })

async function loaded() {
  const stores = appStores({ demoText: YAML })
  const files = await stores.flows.getState().loadFiles([{ name: 'dns-expiry.jsonl', blob: new Blob([FLOWS]) }])
  const view = (await stores.flows.getState().refresh())!
  const rows = await stores.flows.getState().allRows()
  return { stores, files, view, rows, ctx: { endpoints: view.endpoints, baseline: null } }
}

describe('DNS expired filter', () => {
  it('§5.6 keeps exactly the connection made after the answer expired, with the reason', async () => {
    const { stores, view, rows, ctx } = await loaded()
    const expired = filterRows(rows, [chip('dns-expired')], ctx)
    expect(expired.map((r) => new Date(r.time).toISOString())).toEqual(['2024-05-01T10:41:22.000Z'])
    expect(expired[0]).toMatchObject({ verdict: 'denied', recorded: 'FORWARDED', disagreement: 'break', dnsExpired: 'DNS answer for api.github.com expired at 10:41:07 (TTL 30 s)' })
    // The four connections within the TTL are allowed and not listed; negation gives the rest.
    expect(filterRows(rows, [chip('dns-expired', '', true)], ctx)).toHaveLength(rows.length - 1)
    // The quick filter's count comes with the summary.
    expect(view.dnsExpired).toBe(1)
    expect(rows.filter((r) => r.verdict === 'allowed' && r.proto === 'TCP/443')).toHaveLength(4)
    stores.dispose()
  })

  it('the predicate needs both the expiry reason and a blocking verdict', () => {
    const row = { verdict: 'denied', dnsExpired: 'DNS answer for a.example expired at 10:00:00 (TTL 5 s)' } as FlowRow
    expect(isDnsExpired(row)).toBe(true)
    expect(isDnsExpired({ ...row, verdict: 'audit' })).toBe(true)
    expect(isDnsExpired({ ...row, verdict: 'allowed' })).toBe(false)
    expect(isDnsExpired({ verdict: 'denied' } as FlowRow)).toBe(false)
    expect(filterText(chip('dns-expired'))).toBe('DNS expired')
    expect(filterText(chip('dns-expired', '', true))).toBe('not DNS expired')
  })

  it('free text finds the expiry reason too', async () => {
    const { stores, rows, ctx } = await loaded()
    expect(filterRows(rows, [chip('text', 'expired at 10:41:07')], ctx)).toHaveLength(1)
    stores.dispose()
  })
})

describe('time window filter', () => {
  it('keeps flows from the start (inclusive) to the end (exclusive)', async () => {
    const { stores, rows, ctx } = await loaded()
    const from = Date.UTC(2024, 4, 1, 10, 40, 42)
    const to = Date.UTC(2024, 4, 1, 10, 40, 52)
    const value = timeWindowValue(from, to)
    expect(parseTimeWindow(value)).toEqual({ from, to })
    const kept = filterRows(rows, [chip('time', value)], ctx)
    expect(kept.map((r) => (r.time - Date.UTC(2024, 4, 1, 10, 40, 37)) / 1000)).toEqual([5, 10])
    expect(filterText(chip('time', value))).toBe('time: 10:40:42–10:40:52')
    stores.dispose()
  })

  it('a malformed window keeps nothing rather than everything', () => {
    expect(parseTimeWindow('soon')).toBeNull()
    expect(filterRows([{ time: 5 } as FlowRow], [chip('time', 'soon')], { endpoints: [], baseline: null })).toHaveLength(0)
  })
})

describe('lost events', () => {
  const gaps = (view: { timeline: { gaps: readonly { count: number; time: number }[] } | null } | null) =>
    view?.timeline?.gaps.map((g) => ({ count: g.count, at: new Date(g.time).toISOString() }))
  const expected = [
    { count: 312, at: '2024-05-01T10:41:07.000Z' },
    { count: 40, at: '2024-05-01T10:41:39.000Z' },
  ]

  it('the streamed load keeps the capture\'s lost-events records in time order, and the timeline shows them', async () => {
    const { stores, files, view } = await loaded()
    expect(files?.lostEvents?.map((l) => ({ count: l.count, at: new Date(l.time).toISOString(), file: l.file }))).toEqual(expected.map((e) => ({ ...e, file: 'dns-expiry.jsonl' })))
    expect(gaps(view)).toEqual(expected)
    stores.dispose()
  })

  it('a capture loaded as text (the scripting API\'s loadFlows) shows the same gaps', async () => {
    const stores = appStores({ demoText: YAML })
    await stores.flows.getState().loadText(FLOWS)
    const view = await stores.flows.getState().refresh()
    expect(gaps(view)).toEqual(expected)
    expect(stores.flows.getState().loaded?.lostEvents).toHaveLength(2)
    stores.dispose()
  })

  it('so does a text loaded straight into the evaluator (the empty workspace\'s flows button)', async () => {
    const stores = appStores({ demoText: YAML })
    await stores.evaluation.getState().loadFlows(FLOWS)
    const view = await stores.flows.getState().refresh()
    expect(gaps(view)).toEqual(expected)
    stores.dispose()
  })
})
