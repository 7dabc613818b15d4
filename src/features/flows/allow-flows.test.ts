/** "Allow these flows" over the demo: every would-break flow's rule written in one text change. */
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { parsePolicies } from '../../domain/policy/parse.ts'
import { appStores } from '../../store/test-util.ts'
import { filterRows } from '../../worker/flow-query.ts'
import type { FlowRow } from '../../worker/flow-view.ts'
import { allowGestures, allowable, applyGestures } from './allow-flows.ts'

const DEMO_YAML = readFileSync('public/samples/demo.yaml', 'utf8')
const DEMO_FLOWS = readFileSync('public/samples/demo-flows.jsonl', 'utf8')

const row = (over: Partial<FlowRow>): FlowRow => ({ index: 0, time: 0, src: 0, dst: 1, srcName: 'a', dstName: 'b', proto: 'TCP/80', protocol: 'TCP', port: 80, recorded: 'FORWARDED', verdict: 'denied', reply: false, conn: 0, blockedBy: 'ingress', ...over })

describe('allow these flows', () => {
  it('groups flows per pair and side, merging their ports; replies, allowed and deny-ruled flows are left out', () => {
    const nodes = ['wl/shop/app=a', 'wl/shop/app=b', 'entity/world']
    const g = allowGestures(
      [
        row({ port: 8080, proto: 'TCP/8080' }),
        row({ port: 80 }),
        row({ port: 80, index: 2 }),
        row({ blockedBy: 'both', protocol: 'UDP', port: 53 }),
        row({ src: 2, protocol: 'ICMPv4', port: undefined }),
        row({ reply: true, port: 9 }),
        row({ verdict: 'allowed', blockedBy: undefined, port: 10 }),
        // §4.2 an explicit deny decides: an allow rule would not change it.
        row({ port: 11, rule: { side: 'ingress', policy: 'shop/no', path: 'spec.ingressDeny[0]', effect: 'deny' } }),
      ],
      nodes,
    )
    expect(g).toEqual([
      { type: 'connect', from: 'wl/shop/app=a', to: 'wl/shop/app=b', ports: [{ port: '80', protocol: 'TCP' }, { port: '8080', protocol: 'TCP' }], action: 'allow', placement: 'ingress' },
      { type: 'connect', from: 'wl/shop/app=a', to: 'wl/shop/app=b', ports: [{ port: '53', protocol: 'UDP' }], action: 'allow', placement: 'both' },
      // Without a port the rule is L3 (any port), as "Allow this flow" writes it.
      { type: 'connect', from: 'entity/world', to: 'wl/shop/app=b', ports: [], action: 'allow', placement: 'ingress' },
    ])
  })

  it('writes every would-break flow of the demo in one edit, after which none breaks', async () => {
    const stores = appStores({ demoText: DEMO_YAML })
    await stores.flows.getState().loadFiles([{ name: 'demo.jsonl', blob: new Blob([DEMO_FLOWS]) }])
    const view = (await stores.flows.getState().refresh())!
    const breaking = filterRows(await stores.flows.getState().allRows(), [{ field: 'would-break', value: '', side: 'either', negate: false }], { endpoints: view.endpoints, baseline: null })
    expect(breaking.length).toBeGreaterThan(1)
    const gestures = allowGestures(allowable(breaking), stores.flows.getState().overlay.endpointNode)
    expect(gestures.length).toBeGreaterThan(1)
    const out = applyGestures(DEMO_YAML, parsePolicies(DEMO_YAML), gestures)
    if ('error' in out) throw new Error(out.error)
    // One replacement against the original text, which gives exactly the final text.
    expect(out.edits).toHaveLength(1)
    const e = out.edits[0]
    expect(DEMO_YAML.slice(0, e.start) + e.text + DEMO_YAML.slice(e.end)).toBe(out.text)
    expect(out.description).toBe(`Allowed the flows: ${gestures.length} rules written`)
    stores.workspace.getState().commitText({ text: out.text, origin: 'gesture', edits: out.edits, parse: out.parse })
    await stores.evaluation.getState().verdicts()
    const after = (await stores.flows.getState().refresh())!
    expect(after.breaks).toBe(0)
    stores.dispose()
  })

  it('a gesture that cannot be written is skipped and named; none writable is an error', () => {
    const yaml = DEMO_YAML
    const bad = { type: 'connect' as const, from: 'fqdn/api.example.com' as never, to: 'wl/shop/app=backend' as never, ports: [], action: 'allow' as const }
    const good = { type: 'connect' as const, from: 'wl/shop/app=frontend' as never, to: 'wl/shop/app=backend' as never, ports: [{ port: '9090', protocol: 'TCP' as const }], action: 'allow' as const }
    const out = applyGestures(yaml, parsePolicies(yaml), [bad, good])
    if ('error' in out) throw new Error(out.error)
    expect(out.text).toContain('9090')
    expect(out.warning).toMatch(/1 could not be written: fqdn\/api\.example\.com → wl\/shop\/app=backend: .*cannot be a source/)
    expect(applyGestures(yaml, parsePolicies(yaml), [bad])).toMatchObject({ error: expect.stringMatching(/cannot be a source/) })
  })
})
