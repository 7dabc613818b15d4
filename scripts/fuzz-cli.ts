// `npx tsx scripts/fuzz-cli.ts [runs]`: runs lint / check / evaluate in-process on hostile files (issue 8) and
// counts exit codes other than 0, 1, 2. Inputs: random nesting/alias/control-character mixes as policies, flows,
// and as the other YAML inputs (--inventory, --expect, --agent-config).
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { nodeIo, run } from '../src/cli/main.ts'
import { aliasBombs, nestedBoth } from '../src/domain/policy/fixtures/crashers.ts'

let seed = 8
const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n)
const atoms = ['[', '{', ']', '}', '- ', ': ', 'name: ', 'a', '"', '\u001b[2K', '\r', '\n', '  ', '&a ', '*a', '---\n', '{"flow":{', '"verdict":"FORWARDED"', '}', '\u0000', '😀']
const dir = mkdtempSync(path.join(tmpdir(), 'membrane-fuzz-'))
const runs = Number(process.argv[2] ?? 300)
const codes = new Map<number, number>()
let calls = 0
const outside: string[] = []
const io = { ...nodeIo(), stdout: () => {}, stderr: () => {} }
for (let i = 0; i < runs; i++) {
  const text = i === 0 ? nestedBoth() : i === 1 ? aliasBombs(1000) : Array.from({ length: 1 + rnd(30) }, () => atoms[rnd(atoms.length)].repeat(1 + rnd(300))).join('')
  const file = path.join(dir, `in-${i}.yaml`)
  writeFileSync(file, text)
  const P = 'src/cli/fixtures/policies'
  const trace = ['trace', '--policies', P, '--from', 'world', '--to', 'ip:10.0.0.1', '--port', '80/TCP']
  for (const argv of [['lint', '--policies', file], ['check', '--policies', P, '--flows', file], ['evaluate', '--policies', file, '--flows', file, '--json'],
    [...trace, '--inventory', file], ['check', '--policies', P, '--expect', file], [...trace, '--agent-config', file]]) {
    let err = ''
    const code = run(argv, { ...io, stderr: (t: string) => void (err += t) })
    calls++
    if (code > 2 && outside.length < 5) outside.push(`${code} ${argv.join(' ')}: ${err.slice(0, 300)}`)
    codes.set(code, (codes.get(code) ?? 0) + 1)
  }
}
console.log(JSON.stringify({ inputs: runs, cliRuns: calls, exitCodes: Object.fromEntries(codes), outside012: [...codes].filter(([c]) => c > 2).reduce((s, [, n]) => s + n, 0) }))
for (const o of outside) console.log(o)
