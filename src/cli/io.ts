/** The CLI's only contact with the outside world, so tests can run commands in-process. */
import { closeSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export interface CliIo {
  readonly cwd: string
  stdout(text: string): void
  stderr(text: string): void
  readFile(file: string): string
  /** All of standard input, read to the end (`--policies -`, `--flows -`). */
  readStdin(): string
  /** Writes a report file, creating its directory (CI recipes write into a fresh `reports/`). */
  writeFile(file: string, text: string): void
  /** 'file', 'dir' or undefined when the path does not exist. */
  kind(file: string): 'file' | 'dir' | undefined
  list(dir: string): string[]
  /** A file's bytes in chunks, for inputs too big to hold (flow captures); absent: `readFile` is used. */
  readChunks?(file: string): Iterable<Uint8Array>
  /** Size in bytes of a file, for progress lines. */
  size?(file: string): number
  /** Whether standard error is a terminal (progress lines are only drawn there). */
  readonly stderrIsTty?: boolean
  /** Paths name files on this machine's disk, so worker threads may read them themselves (`--jobs`). */
  readonly realFiles?: boolean
}

export function nodeIo(): CliIo {
  return {
    cwd: process.cwd(),
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    readFile: (f) => readFileSync(f, 'utf8'),
    readStdin: readStdinSync,
    writeFile: (f, t) => {
      mkdirSync(path.dirname(f), { recursive: true })
      writeFileSync(f, t)
    },
    kind: (f) => {
      try {
        const s = statSync(f)
        return s.isDirectory() ? 'dir' : 'file'
      } catch {
        return undefined
      }
    },
    list: (d) => readdirSync(d).sort(),
    readChunks: readChunksSync,
    size: (f) => statSync(f).size,
    stderrIsTty: process.stderr.isTTY === true,
    realFiles: true,
  }
}

const CHUNK = 1 << 20

/** Reads a file 1 MiB at a time (a fresh buffer per chunk: consumers may keep it). */
function* readChunksSync(file: string): Generator<Uint8Array> {
  const fd = openSync(file, 'r')
  try {
    for (;;) {
      const buffer = new Uint8Array(CHUNK)
      const n = readSync(fd, buffer, 0, CHUNK, null)
      if (n === 0) return
      yield n === CHUNK ? buffer : buffer.subarray(0, n)
    }
  } finally {
    closeSync(fd)
  }
}

/**
 * Reads fd 0 to the end. A loop of readSync rather than readFileSync(0): a pipe that some CI
 * runners leave in non-blocking mode answers EAGAIN until data arrives, so wait a little and retry.
 */
function readStdinSync(): string {
  const chunks: Buffer[] = []
  const buffer = Buffer.alloc(1 << 16)
  const pause = new Int32Array(new SharedArrayBuffer(4))
  for (;;) {
    let n: number
    try {
      n = readSync(0, buffer, 0, buffer.length, null)
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 10)
        continue
      }
      if (code === 'EOF') break
      throw e
    }
    if (n === 0) break
    chunks.push(Buffer.from(buffer.subarray(0, n)))
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** `-` for an input file means standard input; messages name it like this. */
export const STDIN = '-'
export const STDIN_NAME = '<stdin>'

/** Standard input can be read once: which input took it, per io. */
const stdinTakenBy = new WeakMap<CliIo, string>()

/** Thrown for bad input that is the user's to fix; printed without a stack, exit code 2. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message)
  }
}

export function resolvePath(io: CliIo, p: string): string {
  return path.resolve(io.cwd, p)
}

/** Reads a file with a clear message instead of an ENOENT stack. */
export function readText(io: CliIo, file: string, what: string): string {
  if (file === STDIN) {
    const first = stdinTakenBy.get(io)
    if (first !== undefined) throw new CliError(`only one input can read standard input ('-'); it is already used for the ${first} input`)
    stdinTakenBy.set(io, what)
    try {
      return io.readStdin()
    } catch (e) {
      throw new CliError(`cannot read ${what} from standard input: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  const abs = resolvePath(io, file)
  const kind = io.kind(abs)
  if (kind === undefined) throw new CliError(`${what} file not found: ${file}`)
  if (kind === 'dir') throw new CliError(`${what} must be a file, got a directory: ${file}`)
  try {
    return io.readFile(abs)
  } catch (e) {
    throw new CliError(`cannot read ${what} file ${file}: ${e instanceof Error ? e.message : String(e)}`)
  }
}
