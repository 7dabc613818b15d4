import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { aliasesToOneAnchor, crashers } from '../domain/policy/fixtures/crashers.ts'
import type { CliIo } from './io.ts'
import { nodeIo } from './io.ts'
import { run } from './main.ts'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const REPO = path.resolve(HERE, '../..')
const POLICIES = 'src/cli/fixtures/policies'
const dir = mkdtempSync(path.join(tmpdir(), 'membrane-readers-'))

function cli(argv: string[]): { code: number; err: string } {
  let err = ''
  const io: CliIo = { ...nodeIo(), cwd: REPO, stdout: () => undefined, stderr: (t) => void (err += t), readStdin: () => '' }
  return { code: run(argv, io), err }
}

// Each of the CLI's other YAML inputs, fed every crasher of the parser's regression corpus.
const readers: [string, (file: string) => string[]][] = [
  ['--inventory', (f) => ['trace', '--policies', POLICIES, '--inventory', f, '--from', 'world', '--to', 'ip:10.0.0.1', '--port', '80/TCP']],
  ['--expect', (f) => ['check', '--policies', POLICIES, '--expect', f]],
  ['--agent-config', (f) => ['trace', '--policies', POLICIES, '--agent-config', f, '--from', 'world', '--to', 'ip:10.0.0.1', '--port', '80/TCP']],
]

describe('regression corpus through the CLI\'s other YAML readers: exit 2 at the line, never a crash', () => {
  for (const [name, text] of Object.entries(crashers())) {
    const file = path.join(dir, `${name.replaceAll(' ', '-')}.yaml`)
    writeFileSync(file, text)
    for (const [flag, argv] of readers) {
      it(`${flag} ${name}`, () => {
        const r = cli(argv(file))
        expect(r.code).toBe(2)
        const at = `${file.replaceAll('.', '\\.')}:\\d+`
        // Several documents are an error of their own to a reader that takes one (expectations, agent config).
        const several = name.startsWith('alias bombs') && flag !== '--inventory'
        expect(r.err).toMatch(new RegExp(several ? `${at}(:\\d+)?: ` : `${at}:\\d+: (error: )?(nesting deeper than 64 levels|aliases expand to more than 50,000 nodes)`))
      })
    }
  }
})

describe('many cheap aliases: the readers that resolve them with yaml\'s toJS refuse them (quadratic there)', () => {
  const file = path.join(dir, 'aliases-to-one-anchor.yaml')
  writeFileSync(file, aliasesToOneAnchor())
  for (const [flag, argv] of readers.filter(([f]) => f !== '--agent-config')) {
    it(flag, () => {
      const r = cli(argv(file))
      expect(r.code).toBe(2)
      expect(r.err).toContain(`${file}:2:5: `)
      expect(r.err).toContain('40,000 aliases in a document of')
    })
  }
})

describe('an alias without an anchor (found by scripts/fuzz-cli.ts: exit 70 from yaml\'s toJS)', () => {
  const file = path.join(dir, 'unknown-alias.yaml')
  writeFileSync(file, '- name: x\n  from: *a*a\n')
  for (const [flag, argv] of readers.filter(([f]) => f !== '--agent-config')) {
    it(flag, () => {
      const r = cli(argv(file))
      expect(r.code).toBe(2)
      expect(r.err).toContain(`${file}:2:9: `)
      expect(r.err).toContain('unknown alias *a*a')
    })
  }
})
