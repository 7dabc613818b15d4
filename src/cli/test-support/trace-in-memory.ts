/** `membrane trace` run in-process on one policy file held in memory (for the parity tests). */
import type { CliIo } from '../io.ts'
import { run } from '../main.ts'

export function traceInMemory(file: string, policies: string, argv: readonly string[]): { code: number; out: string; err: string } {
  let out = ''
  let err = ''
  const io: CliIo = {
    cwd: '/virtual',
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readFile: (f) => {
      if (f !== file) throw new Error(`no file ${f}`)
      return policies
    },
    readStdin: () => '',
    writeFile: () => undefined,
    kind: (f) => (f === file ? 'file' : undefined),
    list: () => [],
  }
  const code = run(['trace', '--policies', file, ...argv], io)
  return { code, out, err }
}
