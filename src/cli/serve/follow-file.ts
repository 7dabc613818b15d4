/**
 * `--follow <file>`: tails a growing Hubble exporter file (`/var/run/cilium/hubble/events.log`)
 * like `tail -F`. The exporter rotates by renaming the file and starting a new one, and some
 * setups truncate in place: the path is polled, a new inode means "read the old file to its end,
 * then start the new one from its first byte", a size below the read position means "truncated,
 * start over". Polling rather than fs events: rename rotation and network file systems are where
 * watch events get lost, and four stat calls a second cost nothing.
 */
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs'
import type { FeedSource } from './flow-feed.ts'

export interface FollowOptions {
  readonly pollMs?: number
  /** How much of the existing file is read at start (its last bytes, from a line start). */
  readonly backlogBytes?: number
}

const CHUNK = 1 << 20

export function followFile(file: string, source: FeedSource, options: FollowOptions = {}): { stop(): void } {
  const { pollMs = 250, backlogBytes = 1 << 20 } = options
  let fd: number | null = null
  let ino = -1
  let pos = 0
  const buffer = Buffer.alloc(CHUNK)

  const readToEnd = (): void => {
    if (fd === null) return
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK, pos)
      if (n <= 0) return
      pos += n
      // The parser keeps what it needs; the buffer is reused for the next read.
      source.push(Uint8Array.prototype.slice.call(buffer, 0, n))
    }
  }

  const open = (first: boolean): void => {
    try {
      fd = openSync(file, 'r')
    } catch {
      fd = null // not there (yet): the next poll tries again
      return
    }
    const st = fstatSync(fd)
    ino = st.ino
    pos = 0
    if (first && st.size > backlogBytes) {
      // Start at a line start inside the backlog, so the first line read is a whole one.
      pos = st.size - backlogBytes
      const probe = Buffer.alloc(Math.min(CHUNK, backlogBytes))
      const n = readSync(fd, probe, 0, probe.length, pos)
      const nl = probe.subarray(0, n).indexOf(10)
      pos = nl === -1 ? st.size : pos + nl + 1
    }
  }

  const close = (): void => {
    if (fd !== null) closeSync(fd)
    fd = null
  }

  const poll = (): void => {
    try {
      if (fd === null) {
        open(false)
        readToEnd()
        return
      }
      let st: ReturnType<typeof statSync> | null = null
      try {
        st = statSync(file)
      } catch {
        st = null // renamed away, the new file not there yet
      }
      if (st === null || st.ino !== ino) {
        // Rotation: what the exporter wrote to the old file before the rename comes first.
        readToEnd()
        if (st === null) return
        close()
        source.restart()
        open(false)
      } else if (st.size < pos) {
        source.restart()
        pos = 0
      }
      readToEnd()
    } catch {
      // A read error (file vanished mid-read): start over on the next poll.
      close()
    }
  }

  open(true)
  readToEnd()
  const timer = setInterval(poll, pollMs)
  timer.unref?.()
  return {
    stop() {
      clearInterval(timer)
      close()
      source.end()
    },
  }
}
