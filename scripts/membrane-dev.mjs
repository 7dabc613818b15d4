#!/usr/bin/env node
// `npm run membrane -- <command>` in a source checkout: rebuilds dist-cli/membrane.js when a
// source is newer (about half a second, once), then runs it exactly as the installed `membrane`
// does. So the command works right after `npm install` and always runs the current sources.
import { cliIsStale, buildCli } from './build-cli.mjs'

if (cliIsStale()) {
  // stderr, so `npm run -s membrane -- … --json` still prints only JSON on stdout.
  process.stderr.write('membrane: sources changed, rebuilding dist-cli/membrane.js\n')
  await buildCli()
}
await import('../bin/membrane.js')
