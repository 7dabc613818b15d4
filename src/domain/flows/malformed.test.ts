import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createFlowParser, ingestFlows } from './index.ts'

const FLOW = {
  time: '2025-03-04T09:15:27.481516273Z', verdict: 'FORWARDED',
  IP: { source: '10.244.2.17', destination: '10.244.1.44', ipVersion: 'IPv4' },
  l4: { TCP: { source_port: 51834, destination_port: 8080, flags: { SYN: true } } },
  source: { identity: 48213, namespace: 'shop', labels: ['k8s:app=frontend', 'k8s:io.kubernetes.pod.namespace=shop'], pod_name: 'fe' },
  destination: { ID: 1187, identity: 30571, namespace: 'shop', labels: ['k8s:app=cart'], pod_name: 'cart' },
  Type: 'L3_L4', node_name: 'demo/node-2', event_type: { type: 4 }, traffic_direction: 'INGRESS', is_reply: false,
}
const wrapped = JSON.stringify({ flow: FLOW, node_name: 'demo/node-2', time: FLOW.time })
const bare = JSON.stringify(FLOW)
const lost = '{"lost_events":{"source":"PERF_EVENT_RING_BUFFER","num_events_lost":"3","cpu":2},"node_name":"n","time":"2025-03-04T09:15:27Z"}'

describe('ingestFlows input shapes', () => {
  it.each([
    ['wrapped JSONL', `${wrapped}\n${wrapped}\n`, 2],
    ['bare legacy flows', `${bare}\n${bare}`, 2],
    ['CRLF line ends and a BOM', `\uFEFF${wrapped}\r\n${wrapped}\r\n`, 2],
    ['a one-line JSON array', `[${wrapped},${bare}]`, 2],
    ['a pretty-printed array', JSON.stringify([FLOW, { flow: FLOW }, FLOW], null, 2), 3],
    ['concatenated pretty objects (jq .)', `${JSON.stringify({ flow: FLOW }, null, 2)}\n${JSON.stringify(FLOW, null, 4)}\n`, 2],
    ['a compact array one element per line', `[${wrapped},\n${wrapped},\n${wrapped}]\n`, 3],
    ['CRI-prefixed log lines', `2025-03-04T09:15:27.1Z stdout F ${wrapped}\n`, 1],
    ['logfmt with escaped JSON', `level=info msg=${JSON.stringify(wrapped)} subsys=hubble\n`, 1],
  ])('%s', (_name, text, flows) => {
    const r = ingestFlows(text)
    expect(r.skipped).toBe(0)
    expect(r.flows).toHaveLength(flows)
    expect(r.flows[0].l4).toMatchObject({ protocol: 'TCP', destinationPort: 8080, tcpFlags: ['SYN'] })
  })

  it('skips lost_events, node_status and agent events without counting them as flows', () => {
    const text = [wrapped, lost, '{"node_status":{"state_change":"NODE_UNAVAILABLE"}}', '{"agent_event":{"type":"AGENT_STARTED"},"node_name":"n"}', wrapped].join('\n')
    const r = ingestFlows(text)
    expect(r.flows.map((f) => f.index)).toEqual([0, 1])
    expect(r.nonFlow).toBe(3)
    expect(r.skipped).toBe(0)
  })

  it('counts a truncated line with its line number and keeps reading', () => {
    const r = ingestFlows([wrapped, wrapped.slice(0, 200), wrapped].join('\n'))
    expect(r.flows).toHaveLength(2)
    expect(r.skipped).toBe(1)
    expect(r.skippedSamples[0]).toEqual({ line: 2, reason: 'invalid JSON (truncated line?)', text: wrapped.slice(0, 120) })
  })

  it('counts a truncated pretty document once', () => {
    const pretty = JSON.stringify([FLOW, FLOW], null, 2)
    const r = ingestFlows(pretty.slice(0, pretty.length - 300))
    expect(r.flows).toHaveLength(1)
    expect(r.skipped).toBe(1)
  })

  it('handles binary junk, empty input and JSON that is not a flow', () => {
    expect(ingestFlows('')).toEqual({ flows: [], skipped: 0, skippedSamples: [], nonFlow: 0, lostEvents: [] })
    expect(ingestFlows('\n\n  \n').skipped).toBe(0)
    const junk = new Uint8Array(5000).map((_, i) => (i * 7919) % 256)
    const r = ingestFlows([junk, new TextEncoder().encode(`\n${wrapped}\n`)])
    expect(r.flows).toHaveLength(1)
    expect(r.skipped).toBeGreaterThan(0)
    const odd = ingestFlows('42\n"x"\nnull\n{"foo":1}\n{"flow":7}\n[1,2]\n')
    expect(odd.flows).toHaveLength(0)
    expect(odd.skipped).toBe(7) // [1,2] is two unreadable elements
  })

  it('ignores __proto__ keys and never pollutes prototypes', () => {
    const evil = wrapped.replace('{"flow":{', '{"__proto__":{"polluted":1},"flow":{"__proto__":{"verdict":"DROPPED"},')
      .replace('"source":{', '"source":{"__proto__":{"isEndpoint":false},')
    const r = ingestFlows(evil)
    expect(r.flows[0].verdict).toBe('FORWARDED')
    expect(r.flows[0].source.isEndpoint).toBe(true)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('skips over-long lines without buffering them', () => {
    const p = createFlowParser({ maxLineLength: 10_000 })
    p.push(wrapped + '\n')
    for (let i = 0; i < 100; i++) p.push('x'.repeat(1000))
    p.push('\n' + wrapped)
    const r = p.end()
    expect(r.flows).toHaveLength(2)
    expect(r.skippedSamples).toEqual([{ line: 2, reason: 'line longer than 10000 characters' }])
  })

  it('accepts camelCase names, enum numbers and string uint64s', () => {
    const camel = JSON.stringify({ flow: { verdict: 2, dropReasonDesc: 181, Type: 1, trafficDirection: 2, isReply: true,
      IP: { source: '1.1.1.1', destination: '2.2.2.2', ipVersion: 1 }, l4: { UDP: { sourcePort: 1, destinationPort: 53 } },
      source: { identity: '2', labels: ['reserved:world'] }, destination: { identity: 7, labels: [] },
      eventType: { type: 5 }, egressDeniedBy: [{ name: 'deny', namespace: 'a', revision: '6', kind: 'CiliumNetworkPolicy' }] } })
    const f = ingestFlows(camel).flows[0]
    expect(f).toMatchObject({ verdict: 'DROPPED', dropReason: 'POLICY_DENY', type: 'L3_L4', direction: 'EGRESS', isReply: true,
      ipVersion: 4, eventType: 5, policy: { egressDeniedBy: [{ name: 'deny', namespace: 'a', revision: '6', kind: 'CiliumNetworkPolicy' }] } })
    expect(f.source).toMatchObject({ identity: 2, reserved: 'world', isEndpoint: false })
    expect(f.destination).toMatchObject({ identity: 7, reserved: 'kube-apiserver', isEndpoint: false })
    expect(ingestFlows(JSON.stringify({ flow: { verdict: 99, drop_reason: 250 } })).flows[0]).toMatchObject({ verdict: 'VERDICT_99', dropReason: 'DROP_250' })
  })

  it('is lenient with field-masked exporter lines', () => {
    const masked = '{"flow":{"time":"2023-08-21T12:00:00Z","verdict":"DROPPED","IP":{"source":"fe80::1","destination":"ff02::2","ipVersion":"IPv6"},"l4":{"ICMPv6":{"type":133}},"source":{},"destination":{},"drop_reason_desc":"INVALID_SOURCE_IP"}}'
    const f = ingestFlows(masked).flows[0]
    expect(f.source).toMatchObject({ identity: 0, labels: [], isEndpoint: false, ip: 'fe80::1' })
    expect(f.isReply).toBeUndefined()
  })

  it('never throws on arbitrary input, split anywhere', () => {
    fc.assert(fc.property(fc.string(), fc.nat(50), (s, cut) => {
      const text = `${wrapped}\n${s}\n${wrapped}`
      const p = createFlowParser()
      p.push(text.slice(0, cut))
      p.push(text.slice(cut))
      const r = p.end()
      expect(r.flows.length).toBeGreaterThanOrEqual(1)
    }), { numRuns: 300 })
  })
})
