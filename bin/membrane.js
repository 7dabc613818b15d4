#!/usr/bin/env node
// Launcher: runs the TypeScript CLI through tsx (a runtime dependency), from any cwd, with no
// build step. tsx's ESM loader is registered in-process, then src/cli/main.ts is imported.
import { register } from 'tsx/esm/api'

register()
const { run } = await import(new URL('../src/cli/main.ts', import.meta.url).href)
process.exitCode = run(process.argv.slice(2))
