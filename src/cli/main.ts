/**
 * `membrane` CLI entry: `run(argv, io)` returns the exit code and never throws, so tests run
 * commands in-process and bin/membrane.js only wires it to the process.
 */
import { CHECK_HELP, checkCommand } from './commands/check.ts'
import { EVALUATE_HELP, evaluateCommand } from './commands/evaluate.ts'
import { GENERATE_HELP, generateCommand } from './commands/generate.ts'
import { LINT_HELP, lintCommand } from './commands/lint.ts'
import { SERVE_HELP, serveCommand } from './commands/serve.ts'
import { TRACE_HELP, traceCommand } from './commands/trace.ts'
import type { Shell } from './completion.ts'
import { SHELLS, completionScript } from './completion.ts'
import type { CliIo } from './io.ts'
import { CliError, nodeIo } from './io.ts'
import { ellipsize, escapeControls } from './safe-text.ts'
import { version } from './version.ts'

export type { CliIo } from './io.ts'
export { nodeIo } from './io.ts'

type Command = (argv: readonly string[], io: CliIo) => number

interface CommandEntry {
  readonly summary: string
  readonly help: string
  readonly run: Command
  readonly positional?: readonly string[]
}

export const COMPLETION_HELP = `Usage: membrane completion bash|zsh|fish

Prints a shell completion script for membrane's commands and flags.

  bash: source <(membrane completion bash)
  zsh:  source <(membrane completion zsh)      (after compinit)
  fish: membrane completion fish | source
`

const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  evaluate: { summary: 'verdict of the policies for every flow of a Hubble capture', help: EVALUATE_HELP, run: evaluateCommand },
  check: { summary: 'CI gate: fail when forwarded traffic would be denied or an expectation fails', help: CHECK_HELP, run: checkCommand },
  generate: { summary: 'draft allow policies (YAML) from observed Hubble flows', help: GENERATE_HELP, run: generateCommand },
  trace: { summary: "explain one connection, like 'cilium policy trace'", help: TRACE_HELP, run: traceCommand },
  lint: { summary: 'report policy problems with file:line:column', help: LINT_HELP, run: lintCommand },
  serve: { summary: 'edit a policy folder in the browser, with live Hubble traffic', help: SERVE_HELP, run: serveCommand },
  completion: { summary: 'print a shell completion script (bash, zsh, fish)', help: COMPLETION_HELP, run: completionCommand, positional: SHELLS },
}

export const EXIT_CODES = `Exit codes:
  0   ok: lint found no errors, check passed, evaluate/trace answered
  1   findings: lint found errors, check found broken flows or failed expectations
  2   unusable input: bad usage, missing or unreadable files, policies that do not parse
      (check, evaluate and trace refuse to guess; membrane lint lists the problems)
  70  internal error (a bug: please report it with the command line)`

export const USAGE = `Usage: membrane <command> [options]

Commands:
${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(12)}${c.summary}`).join('\n')}

Options:
  --version  print the version
  --help     this help

An input given as '-' is read from standard input:
  kubectl get cnp,ccnp,netpol -A -o yaml | membrane lint --policies -

Run 'membrane <command> --help' for the options of a command.

${EXIT_CODES}
`

function completionCommand(argv: readonly string[], io: CliIo): number {
  if (argv.includes('--help')) {
    io.stdout(COMPLETION_HELP)
    return 0
  }
  const [shell, ...rest] = argv
  if (shell === undefined || rest.length > 0 || !(SHELLS as readonly string[]).includes(shell)) {
    throw new CliError(`completion: give one shell: ${SHELLS.join(', ')} (see membrane completion --help)`)
  }
  const commands = Object.entries(COMMANDS).map(([name, c]) => ({ name, summary: c.summary, help: c.help, ...(c.positional && { positional: c.positional }) }))
  io.stdout(completionScript(shell as Shell, commands))
  return 0
}

export function run(argv: readonly string[], rawIo: CliIo = nodeIo()): number {
  // Every byte the CLI prints passes here: control characters from the input never reach a terminal.
  const io: CliIo = { ...rawIo, stdout: (t) => rawIo.stdout(escapeControls(t)), stderr: (t) => rawIo.stderr(escapeControls(t)) }
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(USAGE)
    return name === undefined ? 2 : 0
  }
  if (name === '--version' || name === 'version') {
    io.stdout(`${version()}\n`)
    return 0
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined
  if (!command) {
    io.stderr(`membrane: unknown command '${name}'\n\n${USAGE}`)
    return 2
  }
  try {
    return command.run(rest.map((a) => (a === '-h' ? '--help' : a)), io)
  } catch (e) {
    if (e instanceof CliError) {
      // Messages may name their command already ('check: …'); say it once.
      const message = e.message.startsWith(`${name}: `) ? e.message.slice(name.length + 2) : e.message
      io.stderr(`membrane ${name}: ${message}\n`)
      return e.exitCode
    }
    // A bug, not bad input: still no stack trace for users, but enough to report it.
    const message = e instanceof Error ? e.message : String(e)
    // Limits of the runtime met by a huge input are the input's problem, not a bug: exit 2.
    if (e instanceof RangeError || /out of memory|Invalid string length|Invalid array length/i.test(message)) {
      io.stderr(`membrane ${name}: the input is too large or too deeply nested to process (${ellipsize(message, 200)})\n`)
      return 2
    }
    io.stderr(`membrane ${name}: internal error: ${ellipsize(message, 1000)}\n`)
    return 70
  }
}
