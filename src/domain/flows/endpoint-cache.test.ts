/**
 * The endpoint cache (endpoint.ts, keyed by the raw `"source":{…}` text, which line-scan.ts finds in place)
 * must never give one line's answer to another: each case compares the cached path with the
 * same records parsed in full, and checks the distinction the cache could blur.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Flow } from './flow.ts'
import { ingestFlows } from './parser.ts'

const FIXTURES = new URL('../../../fixtures/hubble/', import.meta.url)

/** The reference: each line as a one-element array, which the line scanner never takes. */
const full = (text: string): Flow[] => ingestFlows(text.split('\n').map((l) => (l.trim() === '' ? l : `[${l}]`)).join('\n')).flows

const pod = (name: string, labels: string[]): Record<string, unknown> =>
  ({ ID: 7, identity: 4242, namespace: 'ns', labels, pod_name: name })
const wrap = (flow: Record<string, unknown>): string => JSON.stringify({ flow, node_name: 'n1', time: flow.time })
const flow = (t: string, source: unknown, destination: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  time: `2026-12-02T10:00:0${t}Z`, verdict: 'FORWARDED', IP: { source: '10.0.0.1', destination: '10.0.0.2', ipVersion: 'IPv4' },
  l4: { TCP: { source_port: 40000, destination_port: 80 } }, source, destination, Type: 'L3_L4', ...extra })

/** Asserts the cached path equals the full parse, and returns its flows. */
function both(lines: readonly string[]): Flow[] {
  const text = lines.join('\n')
  const flows = ingestFlows(text).flows
  expect(flows).toEqual(full(text))
  expect(flows).toHaveLength(lines.length)
  return flows
}

describe('endpoint cache', () => {
  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.jsonl'))) {
    it(`${file}: the cached path gives exactly the flows of a full parse`, () => {
      const text = readFileSync(new URL(file, FIXTURES), 'utf8')
      expect(ingestFlows(text).flows).toEqual(full(text))
    })
  }

  it('combines one endpoint text with each line\'s own IP, names and service, snake_case or camelCase', () => {
    const a = pod('web-0', ['k8s:app=web', 'k8s:io.kubernetes.pod.namespace=ns'])
    const lines = [
      wrap(flow('1', a, a, { source_names: ['one.example.'] })),
      JSON.stringify({ flow: { ...flow('2', a, a), IP: undefined, ip: { source: '10.9.9.9', destination: '10.0.0.2' },
        sourceNames: ['two.example.'], sourceService: { name: 'svc', namespace: 'ns' } }, nodeName: 'n2' }),
      wrap(flow('3', a, a)),
    ]
    const [f1, f2, f3] = both(lines)
    expect([f1.source.ip, f2.source.ip, f3.source.ip]).toEqual(['10.0.0.1', '10.9.9.9', '10.0.0.1'])
    expect([f1.source.names, f2.source.names, f3.source.names]).toEqual([['one.example.'], ['two.example.'], undefined])
    expect([f1.source.service, f2.source.service, f3.source.service]).toEqual([undefined, { name: 'svc', namespace: 'ns' }, undefined])
    expect(f2.nodeName).toBe('n2')
    // Same text and IP, no names or service: one shared endpoint.
    expect(f3.destination).toBe(f1.destination)
  })

  it('keeps apart endpoint texts that differ by one label, one label value or the pod', () => {
    const base = ['k8s:app=web', 'k8s:io.kubernetes.pod.namespace=ns']
    const endpoints = [pod('web-0', base), pod('web-0', [...base, 'k8s:tier=front']), pod('web-0', ['k8s:app=wEb', base[1]]),
      pod('web-1', base)]
    const flows = both(endpoints.map((e, i) => wrap(flow(String(i), e, endpoints[0]))))
    expect(flows.map((f) => f.source.labels.map((l) => `${l.key}=${l.value}`).join(','))).toEqual([
      'app=web,io.kubernetes.pod.namespace=ns', 'app=web,io.kubernetes.pod.namespace=ns,tier=front',
      'app=wEb,io.kubernetes.pod.namespace=ns', 'app=web,io.kubernetes.pod.namespace=ns'])
    expect(flows.map((f) => f.source.podName)).toEqual(['web-0', 'web-0', 'web-0', 'web-1'])
    expect(new Set(flows.map((f) => f.source)).size).toBe(4)
  })

  it('reads the same endpoint with its keys in another order, or with escapes that decode alike, as equal endpoints', () => {
    const labels = ['k8s:app=web', 'k8s:io.kubernetes.pod.namespace=ns']
    const e = pod('web-0', labels)
    const reordered = { pod_name: 'web-0', labels, namespace: 'ns', identity: 4242, ID: 7 }
    const plain = wrap(flow('1', e, e))
    // `\u0077eb-0` is `web-0`: another text, the same value.
    const escaped = plain.replace('"pod_name":"web-0"', '"pod_name":"\\u0077eb-0"')
    expect(escaped).not.toBe(plain)
    const flows = both([plain, wrap(flow('2', reordered, e)), escaped])
    expect(flows[1].source).toEqual(flows[0].source)
    expect(flows[2].source).toEqual(flows[0].source)
    expect(flows[2].source.podName).toBe('web-0')
  })

  it('is not misled by braces, quotes and key-like text inside escaped strings', () => {
    const tricky = pod('p},"destination":{"x', ['k8s:app=a\\"}', 'k8s:note={"source":{}}', 'k8s:io.kubernetes.pod.namespace=ns'])
    const other = pod('q', ['k8s:app=b', 'k8s:io.kubernetes.pod.namespace=ns'])
    const flows = both([wrap(flow('1', tricky, other)), wrap(flow('2', other, tricky)), wrap(flow('3', tricky, tricky))])
    expect(flows.map((f) => f.source.podName)).toEqual(['p},"destination":{"x', 'q', 'p},"destination":{"x'])
    expect(flows[0].source.labels.map((l) => l.value)).toEqual(['a\\"}', '{"source":{}}', 'ns'])
    // Same text, same address: the same endpoint.
    expect(flows[2].source).toBe(flows[0].source)
  })

  it('shares endpoints only frozen, and never shares the per-flow parts', () => {
    const e = pod('web-0', ['k8s:app=web'])
    const [a, b] = both([wrap(flow('1', e, e)), wrap(flow('2', e, e))])
    expect(a.source).toBe(b.source)
    expect(Object.isFrozen(a.source)).toBe(true)
    expect(Object.isFrozen(a.source.labels)).toBe(true)
    expect(Object.isFrozen(a.source.labels[0])).toBe(true)
    expect(() => {
      ;(a.source as { podName?: string }).podName = 'changed'
    }).toThrow()
    expect(b.source.podName).toBe('web-0')
    expect(a.l4).not.toBe(b.l4)
    ;(a.l4 as { destinationPort?: number }).destinationPort = 1
    expect(b.l4?.destinationPort).toBe(80)
  })

  it('stays right past its size cap (the cache is cleared and refills)', () => {
    // More distinct endpoint texts than the cache keeps (MAX_TEXTS), then the first ones again.
    const n = 20_500
    const lines: string[] = []
    for (let i = 0; i < n; i++) lines.push(wrap(flow(String(i % 10), pod(`p${i}`, ['k8s:app=a']), pod('d', ['k8s:app=d']))))
    for (let i = 0; i < 50; i++) lines.push(wrap(flow('9', pod(`p${i}`, ['k8s:app=a']), pod('d', ['k8s:app=d']))))
    const flows = both(lines)
    for (let i = 0; i < 50; i++) {
      expect(flows[n + i].source).toEqual(flows[i].source)
      expect(flows[n + i].source.podName).toBe(`p${i}`)
    }
  })
})
