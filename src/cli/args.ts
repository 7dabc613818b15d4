/** A small, strict argument parser: unknown flags and missing values are usage errors (exit 2). */
import { CliError } from './io.ts'

export interface FlagSpec {
  /** 'bool': no value; 'one': one value; 'many': one or more values, until the next flag. */
  readonly [flag: string]: 'bool' | 'one' | 'many'
}

export interface ParsedArgs {
  readonly bools: ReadonlySet<string>
  readonly values: ReadonlyMap<string, readonly string[]>
}

export function parseArgs(argv: readonly string[], spec: FlagSpec, command: string): ParsedArgs {
  const bools = new Set<string>()
  const values = new Map<string, string[]>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (!arg.startsWith('--')) throw new CliError(`${command}: unexpected argument '${arg}' (see membrane ${command} --help)`)
    const eq = arg.indexOf('=')
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2)
    const kind = Object.hasOwn(spec, name) ? spec[name] : undefined
    if (kind === undefined) throw new CliError(`${command}: unknown flag --${name} (see membrane ${command} --help)`)
    if (kind === 'bool') {
      if (eq > 0) throw new CliError(`${command}: --${name} takes no value`)
      bools.add(name)
      continue
    }
    const list = values.get(name) ?? []
    values.set(name, list)
    if (eq > 0) {
      list.push(arg.slice(eq + 1))
      continue
    }
    const start = i
    while (i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
      list.push(argv[++i])
      if (kind === 'one') break
    }
    if (i === start) throw new CliError(`${command}: --${name} needs a value`)
  }
  for (const [name, list] of values) {
    if (spec[name] === 'one' && list.length > 1) throw new CliError(`${command}: --${name} given more than once`)
  }
  // Checked before anything is read: standard input can feed one input only.
  const fromStdin = [...values].flatMap(([name, list]) => list.filter((v) => v === '-').map(() => `--${name}`))
  if (fromStdin.length > 1) throw new CliError(`${command}: only one input can be '-' (standard input), got ${fromStdin.join(' and ')}`)
  return { bools, values }
}

export const one = (a: ParsedArgs, name: string): string | undefined => a.values.get(name)?.[0]
export const many = (a: ParsedArgs, name: string): readonly string[] => a.values.get(name) ?? []

export function required(a: ParsedArgs, name: string, command: string): string {
  const v = one(a, name)
  if (v === undefined) throw new CliError(`${command}: --${name} is required (see membrane ${command} --help)`)
  return v
}

export function choice<T extends string>(a: ParsedArgs, name: string, options: readonly T[], fallback: T, command: string): T {
  const v = one(a, name)
  if (v === undefined) return fallback
  if ((options as readonly string[]).includes(v)) return v as T
  throw new CliError(`${command}: --${name} must be one of ${options.join(', ')}, got '${v}'`)
}

/** `--output <format>` with `--json` kept as its older spelling; text when neither is given. */
export function outputFormat<T extends string>(a: ParsedArgs, formats: readonly T[], command: string): T | 'text' {
  const chosen = choice<T | 'text'>(a, 'output', formats, 'text', command)
  if (!a.bools.has('json')) return chosen
  if (one(a, 'output') !== undefined && chosen !== 'json') throw new CliError(`${command}: --json means --output json; it cannot be combined with --output ${chosen}`)
  return 'json' as T
}
