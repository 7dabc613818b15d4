import { describe, expect, it } from 'vitest'
import type { Flow } from './index.ts'
import { ingestFlows, isReply, isReplyFlags, toColumns } from './index.ts'

const flow = (isReplyField: boolean | undefined, src: number | undefined, dst: number | undefined): string =>
  JSON.stringify({ flow: { time: '2025-03-04T09:00:01.000000000Z', verdict: 'FORWARDED', source: { identity: 2, labels: ['reserved:world'] },
    destination: { identity: 1, labels: ['reserved:host'] },
    ...(src !== undefined && dst !== undefined && { l4: { TCP: { source_port: src, destination_port: dst } } }),
    ...(isReplyField !== undefined && { is_reply: isReplyField }) } })

// [is_reply, source port, destination port, reply?]
const CASES: [boolean | undefined, number | undefined, number | undefined, boolean][] = [
  [true, 40000, 443, true], // Hubble says so, whatever the ports
  [false, 443, 40000, false],
  [undefined, 443, 40000, true], // a well-known port answering an ephemeral one (pitfall 1)
  [undefined, 40000, 443, false],
  [undefined, 40000, 40001, false], // both ephemeral
  [undefined, 53, 32768, true], // the ephemeral range starts at 32768
  [undefined, 53, 32767, false],
  [undefined, undefined, undefined, false], // no L4
]

describe('the reply rule, per flow and from the columnar flags', () => {
  const flows: Flow[] = ingestFlows(CASES.map(([r, s, d]) => flow(r, s, d)).join('\n')).flows
  const columns = toColumns(flows)
  CASES.forEach(([known, src, dst, reply], i) => {
    it(`is_reply ${String(known)}, ports ${src ?? '-'} → ${dst ?? '-'}: ${reply ? 'a reply' : 'not a reply'}`, () => {
      expect(isReply(flows[i])).toBe(reply)
      expect(isReplyFlags(columns.flags[i])).toBe(reply)
    })
  })
})
