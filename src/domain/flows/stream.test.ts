import { readFileSync } from 'node:fs'
import { gzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { connectionKey, createFlowIngest, groupConnections, ingestFlows, isGzip, mergeCaptures, readFlowStream } from './index.ts'
import type { Flow } from './index.ts'

const FIXTURES = new URL('../../../fixtures/hubble/', import.meta.url)
const read = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8')
const TCP = 'kind-bookinfo-2021_tcp-l3l4-http-policyverdict_400.jsonl'
const STARWARS = 'kind-starwars-2024_exporter-drops-ipv6-proxy_60.jsonl'

const FLOW = {
  time: '2025-03-04T09:15:27.481516273Z', verdict: 'FORWARDED',
  IP: { source: '10.244.2.17', destination: '10.244.1.44', ipVersion: 'IPv4' },
  l4: { TCP: { source_port: 51834, destination_port: 8080, flags: { SYN: true } } },
  source: { identity: 48213, namespace: 'shop', labels: ['k8s:app=frontend'], pod_name: 'fe' },
  destination: { identity: 30571, namespace: 'shop', labels: ['k8s:app=cart'], pod_name: 'cart' },
  Type: 'L3_L4', node_name: 'n2', event_type: { type: 4 }, traffic_direction: 'INGRESS', trace_observation_point: 'TO_ENDPOINT', is_reply: false,
}
const line = (f: object): string => `${JSON.stringify({ flow: f })}\n`
const enc = (s: string): Uint8Array => new TextEncoder().encode(s)

function feed(bytes: Uint8Array, size: number): { flows: Flow[]; result: ReturnType<ReturnType<typeof createFlowIngest>['end']>['result'] } {
  const ingest = createFlowIngest({ keepFlows: false })
  const flows: Flow[] = []
  for (let i = 0; i < bytes.length; i += size) flows.push(...ingest.push(bytes.subarray(i, i + size)))
  const end = ingest.end()
  flows.push(...end.flows)
  return { flows, result: end.result }
}

describe('createFlowIngest', () => {
  it('reads a .gz capture in small chunks exactly like the plain text', () => {
    const text = read(TCP)
    const gz = gzipSync(enc(text))
    expect(isGzip(gz)).toBe(true)
    expect(isGzip(enc(text))).toBe(false)
    const plain = ingestFlows(text).flows
    const { flows } = feed(gz, 7)
    expect(flows).toHaveLength(400)
    expect(flows.map((f) => f.uuid ?? f.time)).toEqual(plain.map((f) => f.uuid ?? f.time))
    const big = feed(gz, 4096)
    expect(big.flows).toHaveLength(400)
  })

  it('reads concatenated gzip members (cat of rotated backups) as one stream', () => {
    const a = gzipSync(enc(read(TCP)))
    const b = gzipSync(enc(read(STARWARS)))
    const both = new Uint8Array(a.length + b.length)
    both.set(a)
    both.set(b, a.length)
    expect(feed(both, 10_000).flows).toHaveLength(460)
  })

  it('counts a truncated .gz as one skipped record and keeps what was unpacked', () => {
    const gz = gzipSync(enc(read(TCP)))
    const { flows, result } = feed(gz.subarray(0, Math.floor(gz.length / 2)), 1000)
    expect(flows.length).toBeGreaterThan(50)
    expect(flows.length).toBeLessThan(400)
    expect(result.skipped).toBeGreaterThanOrEqual(1)
    expect(result.skippedSamples.some((s) => s.reason.includes('gzip'))).toBe(true)
  })

  it('reports progress in input bytes, flows and skipped lines with the first one\'s line and text', () => {
    const text = `${line(FLOW)}this is not json\n${line(FLOW)}{"broken": \n`
    const ingest = createFlowIngest()
    const bytes = enc(text)
    ingest.push(bytes.subarray(0, 10))
    expect(ingest.progress().inputBytes).toBe(10)
    ingest.push(bytes.subarray(10))
    const { result } = ingest.end()
    const p = ingest.progress()
    expect(p.inputBytes).toBe(bytes.length)
    expect(p.flows).toBe(2)
    expect(result.skipped).toBe(2)
    expect(result.skippedSamples[0]).toMatchObject({ line: 2, reason: 'not JSON', text: 'this is not json' })
    expect(result.skippedSamples[1]).toMatchObject({ line: 4, text: '{"broken":' })
  })

  it('keeps lost-events records as gaps with time and count', () => {
    const lost = '{"lost_events":{"source":"PERF_EVENT_RING_BUFFER","num_events_lost":"17","cpu":2},"node_name":"n1","time":"2025-03-04T09:15:28Z"}\n'
    const camel = '{"lostEvents":{"source":"HUBBLE_RING_BUFFER","numEventsLost":3}}\n'
    const r = ingestFlows(line(FLOW) + lost + camel)
    expect(r.flows).toHaveLength(1)
    expect(r.nonFlow).toBe(2)
    expect(r.lostEvents).toEqual([
      { line: 2, time: Date.parse('2025-03-04T09:15:28Z'), count: 17, source: 'PERF_EVENT_RING_BUFFER', nodeName: 'n1', cpu: 2 },
      { line: 3, time: NaN, count: 3, source: 'HUBBLE_RING_BUFFER' },
    ])
  })

  it('readFlowStream reads a web ReadableStream (File.stream()) with progress and stops on abort', async () => {
    const gz = gzipSync(enc(read(TCP)))
    const chunks = Array.from({ length: Math.ceil(gz.length / 8192) }, (_, i) => gz.subarray(i * 8192, (i + 1) * 8192))
    const stream = (): ReadableStream<Uint8Array> => new ReadableStream({ pull(c) {
      const next = chunks.shift()
      if (next) c.enqueue(next)
      else c.close()
    } })
    const seen: number[] = []
    const r = await readFlowStream(stream(), { keepFlows: false, onFlows: (_f, p) => seen.push(p.inputBytes) })
    expect(r.flows).toHaveLength(0)
    expect(seen.at(-1)).toBe(gz.length)
    expect(seen.length).toBeGreaterThan(1)
    const controller = new AbortController()
    controller.abort()
    const aborted = await readFlowStream(new ReadableStream({ start(c) { c.enqueue(enc(line(FLOW))); c.close() } }), { signal: controller.signal })
    expect(aborted.flows).toHaveLength(0)
  })
})

describe('mergeCaptures', () => {
  it('merges files into one time-ordered timeline and drops the file uploaded twice', () => {
    const a = ingestFlows(read(TCP))
    const b = ingestFlows(read(STARWARS))
    const m = mergeCaptures([{ name: 'a', result: a }, { name: 'b', result: b }, { name: 'a-again', result: ingestFlows(read(TCP)) }])
    expect(m.flows).toHaveLength(460)
    expect(m.duplicates).toBe(400)
    expect(m.files.map((f) => [f.name, f.flows, f.duplicates])).toEqual([['a', 400, 0], ['b', 60, 0], ['a-again', 400, 400]])
    expect(m.flows.map((f) => f.index)).toEqual([...Array(460).keys()])
    for (let i = 1; i < m.flows.length; i++) {
      const p = m.flows[i - 1]
      const f = m.flows[i]
      expect(p.time < f.time || (p.time === f.time && p.timeNanos <= f.timeNanos)).toBe(true)
    }
    expect(m.fileOf.filter((x) => x === 1).length).toBe(60)
  })

  it('de-duplicates flows without uuid by their fields, keeping distinct events', () => {
    const one = ingestFlows(line(FLOW) + line({ ...FLOW, time: '2025-03-04T09:15:27.481516274Z' }))
    const m = mergeCaptures([{ name: 'x', result: one }, { name: 'y', result: ingestFlows(line(FLOW)) }])
    expect(m.flows).toHaveLength(2)
    expect(m.duplicates).toBe(1)
  })
})

describe('groupConnections', () => {
  it('groups one connection seen at egress, ingress, policy verdict, L7 and as a reply into one', () => {
    const egress = { ...FLOW, node_name: 'n1', traffic_direction: 'EGRESS', trace_observation_point: 'FROM_ENDPOINT' }
    const verdict = { ...FLOW, event_type: { type: 5 }, trace_observation_point: undefined, verdict: 'REDIRECTED' }
    const l7 = { ...FLOW, Type: 'L7', event_type: { type: 129 }, trace_observation_point: undefined,
      l7: { type: 'REQUEST', http: { method: 'GET', url: 'http://cart/x' } } }
    const reply = { ...FLOW, IP: { source: FLOW.IP.destination, destination: FLOW.IP.source },
      l4: { TCP: { source_port: 8080, destination_port: 51834 } }, source: FLOW.destination, destination: FLOW.source, is_reply: true }
    const other = { ...FLOW, l4: { TCP: { source_port: 40000, destination_port: 8080 } } }
    const later = { ...FLOW, time: '2025-03-04T10:15:27Z' }
    const flows = ingestFlows([egress, FLOW, verdict, l7, reply, other, later].map(line).join('')).flows
    expect(connectionKey(flows[0])).toBe('TCP|10.244.2.17|51834|10.244.1.44|8080')
    expect(connectionKey(flows[4])).toBe(connectionKey(flows[0]))
    const c = groupConnections(flows)
    expect(c).toHaveLength(3)
    expect(c[0].records).toEqual([0, 1, 2, 3, 4])
    expect(c[0].canonical).toBe(2)
    expect(c[0].recorded).toBe('REDIRECTED')
    expect(c[0].l7).toBe(true)
    expect(c[0].client.podName).toBe('fe')
    expect(c[0].port).toBe(8080)
    expect(c[1].records).toEqual([5])
    expect(c[2].key).toBe('TCP|10.244.2.17|51834|10.244.1.44|8080#1')
  })

  it('counts far fewer connections than records on a real capture, and loses no record', () => {
    const flows = ingestFlows(read(TCP)).flows
    const c = groupConnections(flows)
    expect(c.length).toBeLessThan(flows.length / 2)
    expect(c.reduce((n, x) => n + x.records.length, 0)).toBe(flows.length)
    const all = c.flatMap((x) => x.records).sort((a, b) => a - b)
    expect(all).toEqual([...flows.keys()])
  })

  it('marks a connection dropped when its request was dropped', () => {
    const drop = { ...FLOW, verdict: 'DROPPED', drop_reason_desc: 'POLICY_DENIED', event_type: { type: 1, sub_type: 133 } }
    const c = groupConnections(ingestFlows(line(FLOW) + line(drop)).flows)
    expect(c).toHaveLength(1)
    expect(c[0]).toMatchObject({ recorded: 'DROPPED', dropReason: 'POLICY_DENIED' })
  })
})

describe('the endpoint-text fast path', () => {
  it('gives exactly the flows a full parse gives, on every capture', () => {
    for (const file of ['gke-istio-2021_http-l7-request-response_348.jsonl', TCP, STARWARS]) {
      const text = read(file)
      const fast = ingestFlows(text).flows
      // A one-element array per line misses the fast path's cut: the full-parse reference.
      const slow = ingestFlows(text.split('\n').map((l) => (l === '' ? l : `[${l}]`)).join('\n')).flows
      expect(fast).toEqual(slow)
    }
  })

  it('is not fooled by braces, quotes and "source":{ inside strings, nor by nested source keys', () => {
    const tricky = { ...FLOW, Summary: 'x "source":{ } \\" {', source: { ...FLOW.source, labels: ['k8s:a=}{', 'k8s:b="\\\\"'] } }
    const nested = { ...FLOW, l7: { type: 'REQUEST', http: { url: 'http://x/', headers: [{ key: 'source', value: '{}' }] } } }
    const bare = { ...FLOW, source: undefined }
    for (const f of [tricky, nested, bare]) {
      const fast = ingestFlows(line(f)).flows
      const slow = ingestFlows(`[${line(f).trim()}]`).flows
      expect(fast).toHaveLength(1)
      expect(fast).toEqual(slow)
    }
    expect(ingestFlows(line(tricky)).flows[0].source.labels.map((l) => l.value)).toEqual(['}{', '"\\\\"'])
  })

  it('a flow completed by the last line without a newline is returned by end()', () => {
    const ingest = createFlowIngest({ keepFlows: false })
    expect(ingest.push(enc(line(FLOW).trim()))).toHaveLength(0)
    const end = ingest.end()
    expect(end.flows).toHaveLength(1)
    expect(ingest.lines()).toEqual([1])
  })
})
