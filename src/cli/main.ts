/**
 * `membrane` CLI entry: `run(argv, io)` returns the exit code and never throws, so tests run
 * commands in-process and bin/membrane.js only wires it to the process.
 */
import { checkCommand } from './commands/check.ts'
import { evaluateCommand } from './commands/evaluate.ts'
import { lintCommand } from './commands/lint.ts'
import { traceCommand } from './commands/trace.ts'
import type { CliIo } from './io.ts'
import { CliError, nodeIo } from './io.ts'

export type { CliIo } from './io.ts'
export { nodeIo } from './io.ts'

export const USAGE = `Usage: membrane <command> [options]

Commands:
  evaluate   verdict of the policies for every flow of a Hubble capture
  check      CI gate: fail when forwarded traffic would be denied or an expectation fails
  trace      explain one connection, like 'cilium policy trace'
  lint       report policy problems with file:line:column

Run 'membrane <command> --help' for the options of a command.
Exit codes: 0 ok, 1 check/lint failed, 2 usage or input error.
`

type Command = (argv: readonly string[], io: CliIo) => number

const COMMANDS: Readonly<Record<string, Command>> = {
  evaluate: evaluateCommand,
  check: checkCommand,
  trace: traceCommand,
  lint: lintCommand,
}

export function run(argv: readonly string[], io: CliIo = nodeIo()): number {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(USAGE)
    return name === undefined ? 2 : 0
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined
  if (!command) {
    io.stderr(name === 'generate'
      ? 'membrane: generate is not available in this build yet\n'
      : `membrane: unknown command '${name}'\n\n${USAGE}`)
    return 2
  }
  try {
    return command(rest.map((a) => (a === '-h' ? '--help' : a)), io)
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr(`membrane ${name}: ${e.message}\n`)
      return e.exitCode
    }
    // A bug, not bad input: still no stack trace for users, but enough to report it.
    io.stderr(`membrane ${name}: internal error: ${e instanceof Error ? e.message : String(e)}\n`)
    return 70
  }
}
