import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { ingestFlows } from '../domain/flows/index.ts'
import type { Flow } from '../domain/flows/index.ts'
import { DEFAULT_AGENT_SETTINGS } from '../domain/settings/index.ts'
import { createEvaluator } from './evaluator-client.ts'

const DEMO_YAML = readFileSync('public/samples/demo.yaml', 'utf8')
const FLOWS = ingestFlows(readFileSync('public/samples/demo-flows.jsonl', 'utf8')).flows
const settings = { ...DEFAULT_AGENT_SETTINGS, auditMode: false, enforcementMode: 'default' } as const

describe('appendLiveFlows', () => {
  it('appends batches to the loaded flows and keeps only the last maxFlows, renumbered', async () => {
    const ev = createEvaluator()
    await ev.call({ type: 'setWorkspace', text: DEMO_YAML, settings })
    const a = await ev.call({ type: 'appendLiveFlows', flows: FLOWS.slice(0, 30), maxFlows: 50, maxAgeMs: 0, reset: true })
    expect(a).toMatchObject({ flows: 30, evicted: 0 })
    const b = await ev.call({ type: 'appendLiveFlows', flows: FLOWS.slice(30, 70), maxFlows: 50, maxAgeMs: 0 })
    expect(b).toMatchObject({ flows: 50, evicted: 20 })
    expect(b.summary.allowed + b.summary.denied + b.summary.audit).toBe(50)
    const view = await ev.call({ type: 'flowRows', query: { filters: [], sort: { key: 'index', desc: false }, offset: 0, limit: 100 } })
    expect(view.rows.map((r) => r.index)).toEqual([...Array(50).keys()])
    // The window holds the newest flows: the detail of row 0 is the 21st flow sent.
    const first = await ev.call({ type: 'flowDetail', index: 0 })
    expect(first?.flow.timeNanos).toBe(FLOWS[20]!.timeNanos)
  })

  it('drops flows older than maxAgeMs before the newest one (by the flows’ own timestamps)', async () => {
    const ev = createEvaluator()
    const base = FLOWS[0]!
    const at = (ms: number): Flow => ({ ...base, time: ms, timeNanos: ms * 1e6 })
    const first = await ev.call({ type: 'appendLiveFlows', flows: [at(0), at(1000), at(61_000)], maxFlows: 100, maxAgeMs: 60_000, reset: true })
    expect(first).toMatchObject({ flows: 2, evicted: 1 })
    const r = await ev.call({ type: 'appendLiveFlows', flows: [at(62_000)], maxFlows: 100, maxAgeMs: 60_000 })
    expect(r).toMatchObject({ flows: 2, evicted: 1 })
    const again = await ev.call({ type: 'appendLiveFlows', flows: [at(200_000)], maxFlows: 100, maxAgeMs: 60_000 })
    expect(again.flows).toBe(1)
  })

  it('a reset starts a fresh window', async () => {
    const ev = createEvaluator()
    await ev.call({ type: 'appendLiveFlows', flows: FLOWS.slice(0, 10), maxFlows: 100, maxAgeMs: 0 })
    const r = await ev.call({ type: 'appendLiveFlows', flows: FLOWS.slice(0, 3), maxFlows: 100, maxAgeMs: 0, reset: true })
    expect(r.flows).toBe(3)
  })
})
