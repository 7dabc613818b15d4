import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { CHECK_HELP } from './commands/check.ts'
import { LINT_HELP } from './commands/lint.ts'
import { helpFlags } from './completion.ts'
import type { CliIo } from './io.ts'
import { nodeIo } from './io.ts'
import { run } from './main.ts'

function script(shell: string): string {
  let out = ''
  const io: CliIo = { ...nodeIo(), stdout: (t) => void (out += t), stderr: () => undefined }
  expect(run(['completion', shell], io)).toBe(0)
  return out
}

/** What bash offers for the words typed so far (the last one being completed), with the script loaded. */
function bashComplete(words: string[], cwd: string): string[] {
  const file = path.join(cwd, 'membrane.bash')
  writeFileSync(file, script('bash'))
  const array = words.map((w) => `'${w}'`).join(' ')
  const out = execFileSync('bash', ['-c', `source ${JSON.stringify(file)}; COMP_WORDS=(${array}); COMP_CWORD=${words.length - 1}; _membrane; printf '%s\\n' "\${COMPREPLY[@]}"`],
    { cwd, encoding: 'utf8' })
  return out.split('\n').filter((l) => l !== '').sort()
}

describe('helpFlags', () => {
  it('reads flags, values, file values and choices from a help text', () => {
    const lint = helpFlags(LINT_HELP)
    expect(lint.map((f) => f.name)).toEqual(['policies', 'inventory', 'flows', 'output', 'json', 'junit', 'sarif', 'help'])
    expect(lint.find((f) => f.name === 'output')?.value).toEqual({ files: false, choices: ['text', 'json', 'junit', 'sarif'] })
    expect(lint.find((f) => f.name === 'policies')?.value).toEqual({ files: true, choices: [] })
    expect(lint.find((f) => f.name === 'json')?.value).toBeUndefined()
    expect(helpFlags(CHECK_HELP).find((f) => f.name === 'enforcement-mode')?.value?.choices).toEqual(['default', 'always', 'never'])
  })

  it('splits "--from, --to <peer>" into two flags with free values, and skips continuation lines', () => {
    const help = `Usage: x
  --from, --to <peer>        ns/pod or ns:key=value
                             --not-a-flag on a continuation line
  --http '<METHOD> <path>'   an HTTP request
  --audit-mode               a switch
`
    expect(helpFlags(help)).toEqual([
      { name: 'from', description: 'ns/pod or ns:key=value', value: { files: false, choices: [] } },
      { name: 'to', description: 'ns/pod or ns:key=value', value: { files: false, choices: [] } },
      { name: 'http', description: 'an HTTP request', value: { files: false, choices: [] } },
      { name: 'audit-mode', description: 'a switch' },
    ])
  })
})

describe('membrane completion', () => {
  it('bash: completes commands, each command\'s flags, choices and files', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'membrane-completion-'))
    writeFileSync(path.join(dir, 'policy.yaml'), '')
    expect(bashComplete(['membrane', ''], dir)).toEqual(['--help', '--version', 'check', 'completion', 'evaluate', 'generate', 'lint', 'serve', 'trace'])
    expect(bashComplete(['membrane', 'lint', '--'], dir)).toEqual(['--flows', '--help', '--inventory', '--json', '--junit', '--output', '--policies', '--sarif'])
    expect(bashComplete(['membrane', 'check', '--output', ''], dir)).toEqual(['json', 'junit', 'sarif', 'text'])
    expect(bashComplete(['membrane', 'check', '--enforcement-mode', 'a'], dir)).toEqual(['always'])
    expect(bashComplete(['membrane', 'lint', '--policies', 'pol'], dir)).toEqual(['policy.yaml'])
    expect(bashComplete(['membrane', 'trace', '--from', ''], dir)).toEqual([])
    expect(bashComplete(['membrane', 'completion', ''], dir)).toEqual(['bash', 'fish', 'zsh'])
    expect(bashComplete(['membrane', 'serve', '--'], dir)).toEqual(['--flows', '--follow', '--help', '--host', '--inventory', '--open', '--policies', '--port'])
    expect(bashComplete(['membrane', 'serve', '--follow', 'pol'], dir)).toEqual(['policy.yaml'])
  })

  it('zsh: one _arguments spec per command, with choices and files', () => {
    const zsh = script('zsh')
    expect(zsh.startsWith('#compdef membrane\n')).toBe(true)
    expect(zsh).toContain("'check:CI gate\\: fail when forwarded traffic would be denied or an expectation fails'")
    expect(zsh).toMatch(/ {4}lint\)\n {6}_arguments '\*--policies\[[^\]]*\]:policies:_files'/)
    expect(zsh).toContain("'*--output[text | json | junit | sarif (default text), on standard output]:output:(text json junit sarif)'")
    expect(zsh).toContain("'*:completion:(bash zsh fish)'")
  })

  it('fish: a complete line per command flag', () => {
    const fish = script('fish')
    expect(fish).toContain("complete -c membrane -n __fish_use_subcommand -a lint -d 'report policy problems with file:line:column'")
    expect(fish).toContain("complete -c membrane -n '__fish_seen_subcommand_from check' -l output -x -a 'text json junit sarif'")
    expect(fish).toContain("complete -c membrane -n '__fish_seen_subcommand_from lint' -l policies -r -F")
    expect(fish).toContain("complete -c membrane -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'")
  })

  it('rejects an unknown shell with exit 2', () => {
    let err = ''
    const io: CliIo = { ...nodeIo(), stdout: () => undefined, stderr: (t) => void (err += t) }
    expect(run(['completion', 'powershell'], io)).toBe(2)
    expect(err).toContain('completion: give one shell: bash, zsh, fish')
  })
})
