/** The CLI's only contact with the outside world, so tests can run commands in-process. */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export interface CliIo {
  readonly cwd: string
  stdout(text: string): void
  stderr(text: string): void
  readFile(file: string): string
  writeFile(file: string, text: string): void
  /** 'file', 'dir' or undefined when the path does not exist. */
  kind(file: string): 'file' | 'dir' | undefined
  list(dir: string): string[]
}

export function nodeIo(): CliIo {
  return {
    cwd: process.cwd(),
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    readFile: (f) => readFileSync(f, 'utf8'),
    writeFile: (f, t) => writeFileSync(f, t),
    kind: (f) => {
      try {
        const s = statSync(f)
        return s.isDirectory() ? 'dir' : 'file'
      } catch {
        return undefined
      }
    },
    list: (d) => readdirSync(d).sort(),
  }
}

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
