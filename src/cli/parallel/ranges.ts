/** Positioned reads of a file on disk: the parts of a split file, for the planner and the workers. */
import { closeSync, openSync, readSync, statSync } from 'node:fs'

const CHUNK = 1 << 20

/** `[start, end)` of a file, 1 MiB at a time (the whole file without bounds); a fresh buffer per chunk. */
export function* readRange(file: string, start = 0, end?: number): Generator<Uint8Array> {
  const fd = openSync(file, 'r')
  try {
    let at = start
    const stop = end ?? statSync(file).size
    while (at < stop) {
      const buffer = new Uint8Array(Math.min(CHUNK, stop - at))
      const n = readSync(fd, buffer, 0, buffer.length, at)
      if (n === 0) return
      at += n
      yield n === buffer.length ? buffer : buffer.subarray(0, n)
    }
  } finally {
    closeSync(fd)
  }
}

/** Up to `length` bytes at `offset` (fewer at the end of the file). */
export function readAt(fd: number, offset: number, length: number): Buffer {
  const buffer = Buffer.alloc(length)
  const n = readSync(fd, buffer, 0, length, offset)
  return n === length ? buffer : buffer.subarray(0, n)
}
