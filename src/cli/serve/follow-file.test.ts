/** `--follow`: a growing exporter file is tailed across rename rotation and truncation. */
import { appendFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FlowFeed } from './flow-feed.ts'
import { followFile } from './follow-file.ts'

const LINES = readFileSync(new URL('../../../fixtures/hubble/kind-bookinfo-2021_udp-dns-policyverdict_400.jsonl', import.meta.url), 'utf8').split('\n').filter((l) => l.trim() !== '')
const text = (from: number, to: number): string => LINES.slice(from, to).join('\n') + '\n'

/** Waits until the feed has read `n` flows (polling is the feature: the file is polled too). */
async function until(feed: FlowFeed, n: number): Promise<void> {
  for (let i = 0; i < 200 && feed.stats().total < n; i++) await new Promise((r) => setTimeout(r, 10))
  expect(feed.stats().total).toBe(n)
}

describe('followFile', () => {
  it('reads what is there, then what is appended, a half line only once it is whole', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'membrane-follow-'))
    const file = path.join(dir, 'events.log')
    writeFileSync(file, text(0, 5))
    const feed = new FlowFeed({ windowFlows: 1000, queueFlows: 1000 })
    const f = followFile(file, feed.source(), { pollMs: 10 })
    try {
      await until(feed, 5)
      const next = text(5, 6)
      appendFileSync(file, next.slice(0, 40))
      await new Promise((r) => setTimeout(r, 50))
      expect(feed.stats().total).toBe(5)
      appendFileSync(file, next.slice(40))
      await until(feed, 6)
      expect(feed.stats().skipped).toBe(0)
    } finally {
      f.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('follows a rename rotation (old file read to its end first) and a truncation', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'membrane-follow-'))
    const file = path.join(dir, 'events.log')
    writeFileSync(file, text(0, 3))
    const feed = new FlowFeed({ windowFlows: 1000, queueFlows: 1000 })
    const f = followFile(file, feed.source(), { pollMs: 10 })
    try {
      await until(feed, 3)
      appendFileSync(file, text(3, 4))
      renameSync(file, path.join(dir, 'events.log.1'))
      writeFileSync(file, text(4, 8))
      await until(feed, 8)
      writeFileSync(file, text(8, 10)) // truncated in place, shorter than before
      await until(feed, 10)
      expect(feed.stats().skipped).toBe(0)
    } finally {
      f.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('FlowFeed', () => {
  it('keeps a bounded window and bounded per-page queues, counting what a busy page lost', () => {
    const feed = new FlowFeed({ windowFlows: 10, queueFlows: 4 })
    const src = feed.source()
    const batches: { n: number; dropped: number }[] = []
    let busy = true
    feed.subscribe({ send: (b) => (busy ? false : (batches.push({ n: b.flows.length, dropped: b.dropped }), true)) })
    src.push(text(0, 30))
    feed.flush()
    expect(feed.stats()).toMatchObject({ window: 10, queued: 4, total: 30 })
    busy = false
    feed.flush()
    expect(batches).toEqual([{ n: 4, dropped: 26 }])
    // A page that joins now starts from the window.
    const late: number[] = []
    feed.subscribe({ send: (b) => (late.push(b.flows.length), true) })
    feed.flush()
    expect(late).toEqual([10])
    // A page that reconnects after flow 25 gets the 5 after it, not the window again.
    const again: number[] = []
    feed.subscribe({ send: (b) => (again.push(b.flows.length), true) }, 25)
    feed.flush()
    expect(again).toEqual([5])
  })
})
