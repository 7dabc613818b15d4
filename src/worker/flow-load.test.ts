import { describe, expect, it } from 'vitest'
import { DEFAULT_AGENT_SETTINGS } from '../domain/settings/index.ts'
import { readFileSync } from 'node:fs'
import { CancelledError, createEvaluator } from './evaluator-client.ts'
import type { LoadProgress } from './protocol.ts'

const DEMO_YAML = readFileSync('public/samples/demo.yaml', 'utf8')
const DEMO_FLOWS = readFileSync('public/samples/demo-flows.jsonl', 'utf8')
const settings = { ...DEFAULT_AGENT_SETTINGS, auditMode: false, enforcementMode: 'default' } as const

async function gzip(text: string): Promise<Blob> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>)
  return new Response(stream).blob()
}

describe('streamed flow files', () => {
  it('merges several files (gzip too), skips duplicates and counts bad lines with their file', async () => {
    const ev = createEvaluator()
    await ev.call({ type: 'setWorkspace', text: DEMO_YAML, settings })
    const lines = DEMO_FLOWS.trim().split('\n')
    const first = lines.slice(0, 50).join('\n')
    // The second file repeats ten records of the first (overlapping exports) and holds a junk line.
    const second = [...lines.slice(40, 60), 'garbage {', ...lines.slice(60)].join('\n')
    const progress: LoadProgress[] = []
    const loaded = await ev.call(
      { type: 'loadFlowFiles', files: [{ name: 'a.jsonl', blob: new Blob([first]) }, { name: 'b.jsonl.gz', blob: await gzip(second) }] },
      { onProgress: (p) => progress.push(p) },
    )
    expect(loaded.flows).toBe(lines.length)
    expect(loaded.duplicates).toBe(10)
    expect(loaded.skipped).toBe(1)
    expect(loaded.skippedLines[0]).toMatchObject({ file: 'b.jsonl.gz', line: 21 })
    expect(progress.length).toBeGreaterThan(0)
    expect(progress.at(-1)!.bytes).toBe(progress.at(-1)!.totalBytes)
    expect(progress.some((p) => p.summary !== undefined)).toBe(true)
    const view = await ev.call({ type: 'flowView' })
    expect(view.total).toBe(lines.length)
    const rows = await ev.call({ type: 'flowRows', query: { filters: [], sort: { key: 'index', desc: false }, offset: 0, limit: lines.length } })
    expect(rows.rows.map((r) => r.index)).toEqual(lines.map((_, i) => i))
  })

  it('names the flows the demo draft would break, and the endpoints by graph id', async () => {
    const ev = createEvaluator()
    await ev.call({ type: 'setWorkspace', text: DEMO_YAML, settings })
    await ev.call({ type: 'loadFlowFiles', files: [{ name: 'demo.jsonl', blob: new Blob([DEMO_FLOWS]) }] })
    const view = await ev.call({ type: 'flowView' })
    // The demo recording holds two forwarded flows the demo draft denies (issue 10).
    const answer = await ev.call({ type: 'flowRows', query: { filters: [{ field: 'would-break', value: '', side: 'either', negate: false }], sort: { key: 'time', desc: false }, offset: 0, limit: 1000 } })
    const breaks = answer.rows
    expect(answer.matched).toBe(breaks.length)
    expect(breaks.length).toBeGreaterThan(0)
    expect(view.breaks).toBe(breaks.length)
    for (const r of breaks) {
      expect(r.verdict).toBe('denied')
      expect(r.rule?.effect).toMatch(/deny/)
    }
    expect(view.endpoints.some((e) => e.id === 'wl/shop/app=backend' && e.kind === 'workload')).toBe(true)
    const detail = await ev.call({ type: 'flowDetail', index: breaks[0].index })
    expect(detail?.result.verdict).toBe('denied')
    expect(detail?.flow.index).toBe(breaks[0].index)
    expect(detail?.row).toEqual(breaks[0])
  })

  it('a cancelled load leaves the flows loaded before it', async () => {
    const ev = createEvaluator()
    await ev.call({ type: 'setWorkspace', text: DEMO_YAML, settings })
    await ev.call({ type: 'loadFlows', text: DEMO_FLOWS })
    const ac = new AbortController()
    const big = new Blob(Array.from({ length: 200 }, () => DEMO_FLOWS))
    const run = ev.call(
      { type: 'loadFlowFiles', files: [{ name: 'big.jsonl', blob: big }] },
      { signal: ac.signal, onProgress: () => ac.abort() },
    )
    await expect(run).rejects.toBeInstanceOf(CancelledError)
    const v = await ev.call({ type: 'verdicts' })
    expect(v.flows).toHaveLength(DEMO_FLOWS.trim().split('\n').length)
  })
})
