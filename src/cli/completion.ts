/**
 * `membrane completion bash|zsh|fish`: shell completion scripts made from the commands' own
 * --help texts, so a flag added to a command's help completes without touching this file.
 * A help line `  --name <value>   description` (indented two spaces) declares a flag that takes a
 * value; a description starting `a | b | c` lists its choices; a value named like a file
 * (`<file>`, `<path>`, `<hubble.json>`) completes file names.
 */

export interface CompletionCommand {
  readonly name: string
  readonly summary: string
  readonly help: string
  /** Words that complete as positional arguments; file names when absent. */
  readonly positional?: readonly string[]
}

export interface CompletionFlag {
  readonly name: string
  readonly description: string
  /** undefined: takes no value. */
  readonly value?: { readonly files: boolean; readonly choices: readonly string[] }
}

export const SHELLS = ['bash', 'zsh', 'fish'] as const
export type Shell = (typeof SHELLS)[number]

const FLAG_LINE = /^ {2}(--[a-z][\w-]*(?:, --[a-z][\w-]*)*)((?: [^ ]+)*?)(?: {2,}(.*))?$/
const CHOICES = /^([\w-]+(?: \| [\w-]+)+)\b/

/** The flags a help text documents, in order, each once. */
export function helpFlags(help: string): CompletionFlag[] {
  const out = new Map<string, CompletionFlag>()
  for (const line of help.split('\n')) {
    const m = FLAG_LINE.exec(line)
    if (!m) continue
    const [, names, placeholder, description = ''] = m
    const takesValue = placeholder.trim() !== ''
    const choices = CHOICES.exec(description)?.[1].split(' | ') ?? []
    // A quoted placeholder is free text (`--http '<METHOD> <path>'`), not a file name.
    const files = takesValue && choices.length === 0 && !placeholder.trim().startsWith("'") && /file|dir|path|\.json|\.ya?ml/.test(placeholder)
    for (const n of names.split(', ')) {
      const name = n.slice(2)
      if (!out.has(name)) out.set(name, { name, description: description.trim(), ...(takesValue && { value: { files, choices } }) })
    }
  }
  return [...out.values()]
}

export function completionScript(shell: Shell, commands: readonly CompletionCommand[]): string {
  const flags = new Map(commands.map((c) => [c.name, helpFlags(c.help)]))
  switch (shell) {
    case 'bash':
      return bash(commands, flags)
    case 'zsh':
      return zsh(commands, flags)
    case 'fish':
      return fish(commands, flags)
  }
}

type FlagTable = ReadonlyMap<string, readonly CompletionFlag[]>

const GLOBAL = ['--help', '--version']
const sq = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`

function bash(commands: readonly CompletionCommand[], flags: FlagTable): string {
  const cases = commands.map((c) => {
    const list = flags.get(c.name) ?? []
    const valueCases = list.filter((f) => f.value).map((f) => {
      const reply = f.value!.choices.length > 0 ? `COMPREPLY=($(compgen -W ${sq(f.value!.choices.join(' '))} -- "$cur"))`
        : f.value!.files ? 'compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur"))' : 'COMPREPLY=()'
      return `        --${f.name}) ${reply}; return ;;`
    })
    return [
      `    ${c.name})`,
      ...(valueCases.length > 0 ? [`      case "$prev" in`, ...valueCases, `      esac`] : []),
      `      flags=${sq(list.map((f) => `--${f.name}`).join(' '))}`,
      ...(c.positional ? [`      positional=${sq(c.positional.join(' '))}`] : []),
      `      ;;`,
    ].join('\n')
  })
  return `# membrane completion for bash. Load it with:
#   source <(membrane completion bash)
# or save it as ~/.local/share/bash-completion/completions/membrane
_membrane() {
  local cur prev flags positional=''
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W ${sq([...commands.map((c) => c.name), ...GLOBAL].join(' '))} -- "$cur"))
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases.join('\n')}
    *) return ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
  elif [ -n "$positional" ]; then
    COMPREPLY=($(compgen -W "$positional" -- "$cur"))
  else
    # A value for a flag that takes several (--policies a.yaml b.yaml): file names.
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -F _membrane membrane
`
}

function zsh(commands: readonly CompletionCommand[], flags: FlagTable): string {
  const esc = (s: string): string => s.replace(/[[\]:\\]/g, (c) => `\\${c}`)
  const spec = (f: CompletionFlag): string => {
    const head = `--${f.name}[${esc(f.description)}]`
    if (!f.value) return sq(head)
    const action = f.value.choices.length > 0 ? `(${f.value.choices.join(' ')})` : f.value.files ? '_files' : ' '
    return sq(`*${head}:${f.name}:${action}`)
  }
  const rest = (c: CompletionCommand): string => sq(c.positional ? `*:${c.name}:(${c.positional.join(' ')})` : '*:file:_files')
  const cases = commands.map((c) => `    ${c.name})\n      _arguments ${[...(flags.get(c.name) ?? []).map(spec), rest(c)].join(' \\\n        ')}\n      ;;`)
  return `#compdef membrane
# membrane completion for zsh. Load it with:
#   source <(membrane completion zsh)
# or save it as _membrane in a directory on $fpath
_membrane() {
  local -a commands
  commands=(
${commands.map((c) => `    ${sq(`${c.name}:${esc(c.summary)}`)}`).join('\n')}
  )
  if (( CURRENT == 2 )); then
    _describe -t commands 'membrane command' commands
    compadd -- ${GLOBAL.join(' ')}
    return
  fi
  local cmd=\${words[2]}
  shift 1 words
  (( CURRENT-- ))
  case $cmd in
${cases.join('\n')}
  esac
}
if [ "$funcstack[1]" = "_membrane" ]; then _membrane "$@"; else compdef _membrane membrane; fi
`
}

function fish(commands: readonly CompletionCommand[], flags: FlagTable): string {
  const lines = [
    '# membrane completion for fish. Load it with:',
    '#   membrane completion fish | source',
    '# or save it as ~/.config/fish/completions/membrane.fish',
    'complete -c membrane -f',
    `complete -c membrane -n __fish_use_subcommand -l help -d ${sq('show help')}`,
    `complete -c membrane -n __fish_use_subcommand -l version -d ${sq('print the version')}`,
    ...commands.map((c) => `complete -c membrane -n __fish_use_subcommand -a ${c.name} -d ${sq(c.summary)}`),
  ]
  for (const c of commands) {
    const when = sq(`__fish_seen_subcommand_from ${c.name}`)
    lines.push(c.positional ? `complete -c membrane -n ${when} -a ${sq(c.positional.join(' '))}` : `complete -c membrane -n ${when} -F`)
    for (const f of flags.get(c.name) ?? []) {
      const value = !f.value ? '' : f.value.choices.length > 0 ? ` -x -a ${sq(f.value.choices.join(' '))}` : f.value.files ? ' -r -F' : ' -x'
      lines.push(`complete -c membrane -n ${when} -l ${f.name}${value} -d ${sq(f.description || f.name)}`)
    }
  }
  return `${lines.join('\n')}\n`
}
