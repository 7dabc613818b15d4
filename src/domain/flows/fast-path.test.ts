/**
 * The ingest's fast paths (line-scan.ts, endpoint.ts sampled-hash lookup, time.ts
 * second reuse) only change speed: the same lines parsed in full (each line as its own bare-array
 * document, which takes the full-parse path) give the same flows.
 */
import { describe, expect, it } from 'vitest'
import { ingestFlows } from './parser.ts'

const ep = (pod: string, label: string) => ({ ID: 1, identity: 10001, namespace: 'ns', labels: [`k8s:app=${label}`, 'k8s:io.kubernetes.pod.namespace=ns'], pod_name: pod })
const line = (flow: Record<string, unknown>): string => JSON.stringify({ flow, node_name: 'n', time: flow.time })
const base = (t: string, src: object, dst: object, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  time: t, verdict: 'FORWARDED', IP: { source: '10.0.0.1', destination: '10.0.0.2' }, l4: { TCP: { source_port: 40000, destination_port: 80 } },
  source: src, destination: dst, Type: 'L3_L4', ...extra })

/** The reference: the same records, each parsed whole (a one-element array never takes the scanner). */
const full = (lines: readonly string[]): unknown[] => lines.flatMap((l) => ingestFlows(`[${l}]`).flows).map((f, index) => ({ ...f, index }))

describe('ingest fast paths', () => {
  it('tells apart endpoint texts that differ only where the sampled hash does not look', () => {
    // Same length, one character apart at a place the sampled hash skips (they collide: checked when written).
    const a = ep('pod-a', 'abcdefghijklmnopqrstuvwxyz0123456789')
    const b = ep('pod-a', 'aXcdefghijklmnopqrstuvwxyz0123456789')
    const lines = [line(base('2026-12-01T10:00:00.1Z', a, b)), line(base('2026-12-01T10:00:00.2Z', b, a)), line(base('2026-12-01T10:00:00.3Z', a, a))]
    const flows = ingestFlows(lines.join('\n')).flows
    expect(flows.map((f) => f.source.labels[0].value)).toEqual(['abcdefghijklmnopqrstuvwxyz0123456789', 'aXcdefghijklmnopqrstuvwxyz0123456789', 'abcdefghijklmnopqrstuvwxyz0123456789'])
    expect(flows.map((f) => f.destination.labels[0].value)).toEqual(['aXcdefghijklmnopqrstuvwxyz0123456789', 'abcdefghijklmnopqrstuvwxyz0123456789', 'abcdefghijklmnopqrstuvwxyz0123456789'])
    expect(flows[0].source).toBe(flows[2].source)
    expect(flows).toEqual(full(lines))
  })

  it('reads endpoints in unusual places: destination last, before source, with nested objects and braces in strings', () => {
    const a = { ...ep('p}",{a', 'x},"y'), workloads: [{ name: 'w', kind: 'Deployment' }, { name: 'v', kind: 'ReplicaSet' }] }
    const b = ep('p2', 'y')
    const lines = [
      JSON.stringify({ flow: { time: '2026-12-01T10:00:01Z', verdict: 'DROPPED', source: a, Type: 'L3_L4', destination: b } }),
      JSON.stringify({ flow: { destination: b, time: '2026-12-01T10:00:02Z', source: a, verdict: 'FORWARDED', l4: { UDP: { destination_port: 53 } } } }),
      JSON.stringify({ time: '2026-12-01T10:00:03Z', verdict: 'FORWARDED', source: a, destination: b }),
      line(base('2026-12-01T10:00:04+01:00', a, b)),
      line(base('2026-12-01T10:00:04.5Z', a, b, { source_service: { name: 's', namespace: 'ns' } })),
    ]
    const flows = ingestFlows(lines.join('\n')).flows
    expect(flows).toHaveLength(5)
    expect(flows.map((f) => f.source.podName)).toEqual(Array(5).fill('p}",{a'))
    expect(flows[0].source.workloads).toEqual([{ name: 'w', kind: 'Deployment' }, { name: 'v', kind: 'ReplicaSet' }])
    expect(flows[4].source.service).toEqual({ name: 's', namespace: 'ns' })
    expect(flows).toEqual(full(lines))
  })

  it('reuses a second only when the zone is the same too', () => {
    const a = ep('p', 'a')
    const lines = ['2026-12-01T10:00:00.250Z', '2026-12-01T10:00:00.500+01:00', '2026-12-01T10:00:00.750Z', '2026-12-01T10:00:01Z']
      .map((t) => line(base(t, a, a)))
    const times = ingestFlows(lines.join('\n')).flows.map((f) => f.time)
    const at = Date.UTC(2026, 11, 1, 10)
    expect(times).toEqual([at + 250, at - 3600e3 + 500, at + 750, at + 1000])
  })
})
