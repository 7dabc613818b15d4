/**
 * Entry of the bundle (dist-cli/membrane.js) that bin/membrane.js runs. `--version` is answered
 * here; everything else loads the commands (the domain code, yaml, re2js) on first use, so the
 * cheapest call does not pay for evaluating modules it does not need. In-process callers and
 * tests use main.ts's synchronous `run` directly.
 */
import { version } from './version.ts'

export async function run(argv: readonly string[]): Promise<number> {
  if (argv.length === 1 && argv[0] === '--version') {
    process.stdout.write(`${version()}\n`)
    return 0
  }
  const main = await import('./main.ts')
  return main.run(argv)
}
