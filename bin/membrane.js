#!/usr/bin/env node
// Launcher: runs the bundled CLI (dist-cli/membrane.js, made by `npm run build` or `npm pack`)
// with plain node, from any working directory. No TypeScript loader, no dependencies.
import module from 'node:module'

// Node 22+ keeps the compiled bundle in its on-disk cache; a no-op where unsupported.
module.enableCompileCache?.()

let cli
try {
  cli = await import('../dist-cli/membrane.js')
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('dist-cli')) throw e
  process.stderr.write('membrane: dist-cli/membrane.js is missing. In a source checkout run `npm run build:cli`, or use `npm run membrane -- <command>`, which builds it.\n')
  process.exit(2)
}
process.exitCode = await cli.run(process.argv.slice(2))
