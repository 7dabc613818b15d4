import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Flow } from './index.ts'
import {
  F_DNS_ANSWER, F_EPHEMERAL_DST, F_IRREGULAR, F_L7, F_REPLY, F_REPLY_KNOWN, PROTO_ICMPV4, PROTO_NONE, PROTO_TCP, PROTO_UDP,
  ingestFlows, isReply, isReplyFlags, timeOrderOf, toColumns,
} from './index.ts'

const FIXTURES = new URL('../../../fixtures/hubble/', import.meta.url)
const CAPTURES = readdirSync(FIXTURES).filter((f) => f.endsWith('.jsonl'))

const line = (sec: number, flow: Record<string, unknown>): string =>
  JSON.stringify({ flow: { time: `2025-03-04T09:00:0${sec}.000000000Z`, verdict: 'FORWARDED', source: { identity: 2, labels: ['reserved:world'] },
    destination: { identity: 1, labels: ['reserved:host'] }, ...flow } })

describe('toColumns', () => {
  for (const file of CAPTURES) {
    it(`${file}: every column matches the flow objects`, () => {
      const flows = ingestFlows(readFileSync(new URL(file, FIXTURES), 'utf8')).flows
      const c = toColumns(flows)
      expect(c.length).toBe(flows.length)
      expect(new Set(c.endpoints).size).toBe(c.endpoints.length)
      for (let i = 0; i < flows.length; i++) {
        const f = flows[i]
        expect(c.endpoints[c.src[i]]).toBe(f.source)
        expect(c.endpoints[c.dst[i]]).toBe(f.destination)
        const icmp = f.l4?.protocol === 'ICMPv4' || f.l4?.protocol === 'ICMPv6'
        expect(c.port[i]).toBe((icmp ? f.l4?.icmpType : f.l4?.destinationPort) ?? -1)
        expect((c.flags[i] & F_REPLY_KNOWN) !== 0).toBe(f.isReply !== undefined)
        expect((c.flags[i] & F_REPLY) !== 0).toBe(f.isReply === true)
        expect(isReplyFlags(c.flags[i])).toBe(isReply(f))
        expect((c.flags[i] & F_L7) !== 0).toBe(f.l7 !== undefined)
        expect((c.flags[i] & F_DNS_ANSWER) !== 0).toBe(Boolean(f.l7?.dns?.ips && f.l7.dns.query))
        expect(c.payloads.get(i)).toBe(f.l7 ? f : undefined)
      }
    })
  }

  it('codes protocols, ports, ICMP types and the reply evidence; marks unrepresentable ports', () => {
    const flows = ingestFlows([
      line(1, { l4: { TCP: { source_port: 8080, destination_port: 40000 } } }),
      line(2, { l4: { UDP: { source_port: 40000, destination_port: 53 } }, is_reply: false }),
      line(3, { l4: { ICMPv4: { type: 8 } } }),
      line(4, {}),
      line(5, { l4: { TCP: { source_port: 1, destination_port: 70000 } }, is_reply: true }),
    ].join('\n')).flows
    const c = toColumns(flows)
    expect([...c.proto]).toEqual([PROTO_TCP, PROTO_UDP, PROTO_ICMPV4, PROTO_NONE, PROTO_TCP])
    expect([...c.port]).toEqual([40000, 53, 8, -1, -1])
    expect([...c.flags]).toEqual([F_EPHEMERAL_DST, F_REPLY_KNOWN, 0, 0, F_REPLY_KNOWN | F_REPLY | F_IRREGULAR | F_EPHEMERAL_DST])
    expect(c.payloads.get(4)).toBe(flows[4])
    expect(c.endpoints).toHaveLength(2)
  })

  it('numbers L7 records by content, ignoring latency; DNS answers get none', () => {
    const http = (sec: number, url: string, latency: number): string => line(sec, { Type: 'L7', l4: { TCP: { source_port: 40000, destination_port: 80 } },
      l7: { type: 'REQUEST', latency_ns: latency, http: { method: 'GET', url } } })
    const flows = ingestFlows([http(1, 'http://a/x', 5), http(2, 'http://a/x', 7), http(3, 'http://a/y', 5),
      line(4, { Type: 'L7', l4: { UDP: { source_port: 53, destination_port: 40000 } }, l7: { type: 'RESPONSE', dns: { query: 'a.', ips: ['1.2.3.4'] } } }),
      line(5, {})].join('\n')).flows
    const k = [...toColumns(flows).l7Key]
    expect(k[0]).toBe(k[1])
    expect(k[2]).not.toBe(k[0])
    expect(k[0]).toBeGreaterThanOrEqual(0)
    expect(k.slice(3)).toEqual([-1, -1])
  })
})

describe('timeOrderOf', () => {
  it('orders by time, then nanoseconds, then file order (NaN times first); sorted input is the identity', () => {
    const mk = (i: number, time: number, timeNanos: number): Flow => ({ index: i, time, timeNanos } as unknown as Flow)
    const flows = Array.from({ length: 500 }, (_, i) => mk(i, i % 7 === 0 ? NaN : 1000 + ((i * 37) % 11), (i * 13) % 3))
    const t = (f: Flow): number => (Number.isNaN(f.time) ? -Infinity : f.time)
    const expected = flows.map((_, i) => i).sort((a, b) => t(flows[a]) - t(flows[b]) || flows[a].timeNanos - flows[b].timeNanos || a - b)
    expect([...timeOrderOf(flows)]).toEqual(expected)
    const sorted = expected.map((i) => flows[i])
    expect([...timeOrderOf(sorted)]).toEqual(sorted.map((_, i) => i))
  })

  it('merges files laid one after the other (sorted runs, ties across runs in file order) as the full sort orders them', () => {
    const mk = (i: number, time: number, timeNanos: number): Flow => ({ index: i, time, timeNanos } as unknown as Flow)
    const t = (f: Flow): number => (Number.isNaN(f.time) ? -Infinity : f.time)
    for (const runs of [2, 3, 5, 64, 65, 200]) {
      // `runs` sorted runs of uneven length over overlapping times, with equal times across runs and NaN heads.
      const flows: Flow[] = []
      for (let r = 0; r < runs; r++) {
        const len = 3 + ((r * 7) % 11)
        for (let k = 0; k < len; k++) flows.push(mk(flows.length, k === 0 && r % 4 === 1 ? NaN : 1000 + k * 2 + (r % 3), k % 2))
      }
      const expected = flows.map((_, i) => i).sort((a, b) => t(flows[a]) - t(flows[b]) || flows[a].timeNanos - flows[b].timeNanos || a - b)
      expect([...timeOrderOf(flows)]).toEqual(expected)
    }
  })
})
