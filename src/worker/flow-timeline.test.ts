import { describe, expect, it } from 'vitest'
import { brushWindow, buildTimeline, gapText } from './flow-timeline.ts'

const T0 = Date.UTC(2024, 4, 1, 10, 40, 0)
const row = (s: number, verdict = 'allowed') => ({ time: T0 + s * 1000, verdict })

describe('flows timeline', () => {
  it('buckets flows evenly over the capture and counts the blocked ones', () => {
    const t = buildTimeline([row(0), row(1), row(9, 'denied'), row(10), row(19.9, 'audit'), row(20)], [], 4)!
    expect(t.from).toBe(T0)
    expect(t.to).toBe(T0 + 20_000)
    expect(t.buckets.map((b) => b.flows)).toEqual([2, 1, 1, 2])
    expect(t.buckets.map((b) => b.blocked)).toEqual([0, 1, 0, 1])
    expect(t.max).toBe(2)
    // Every flow lands in exactly one bucket, the range's end in the last.
    expect(t.buckets.reduce((n, b) => n + b.flows, 0)).toBe(6)
    expect(t.buckets[3].to).toBeGreaterThan(T0 + 20_000)
  })

  it('places lost-events gaps on the strip, widening the range to include them', () => {
    const t = buildTimeline([row(10), row(20)], [{ file: 'a', time: T0, count: 312 }, { file: 'a', time: T0 + 30_000, count: 8 }, { file: 'a', time: Number.NaN, count: 5 }], 3)!
    expect(t.from).toBe(T0)
    expect(t.to).toBe(T0 + 30_000)
    expect(t.gaps.map((g) => [g.count, g.at])).toEqual([[312, 0], [8, 1]])
    // The untimed record is counted, not placed.
    expect(t.lost).toBe(325)
    expect(t.buckets.map((b) => b.flows)).toEqual([0, 1, 1])
  })

  it('flows without a time are counted apart; nothing timed gives no strip', () => {
    expect(buildTimeline([{ time: Number.NaN, verdict: 'allowed' }], [], 10)).toBeNull()
    const t = buildTimeline([row(0), { time: Number.NaN, verdict: 'allowed' }], [], 10)!
    expect(t.untimed).toBe(1)
    expect(t.to - t.from).toBe(1000)
    expect(t.buckets[0].flows).toBe(1)
  })

  it('a brush covers whole buckets, in either drag direction', () => {
    const t = buildTimeline([row(0), row(40)], [], 4)!
    expect(brushWindow(t, 0.3, 0.6)).toEqual({ from: T0 + 10_000, to: T0 + 30_000 })
    expect(brushWindow(t, 0.6, 0.3)).toEqual({ from: T0 + 10_000, to: T0 + 30_000 })
    // A click is its bucket.
    expect(brushWindow(t, 0.99, 0.99)).toEqual({ from: T0 + 30_000, to: T0 + 40_001 })
  })

  it('says a gap the way the capture would be read', () => {
    expect(gapText({ count: 312, time: Date.UTC(2024, 4, 1, 10, 41, 7) })).toBe('312 events lost at 10:41:07')
    expect(gapText({ count: 1, time: Date.UTC(2024, 4, 1, 10, 41, 7) })).toBe('1 event lost at 10:41:07')
  })
})
