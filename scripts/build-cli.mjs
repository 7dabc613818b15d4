#!/usr/bin/env node
// Bundles the `membrane` CLI (src/cli/entry.ts → main.ts, the domain code it uses, yaml, re2js, ipaddr.js)
// into one ES module, dist-cli/membrane.js, that bin/membrane.js runs with plain node: no
// TypeScript loader and no runtime dependencies. Plain JavaScript so that checking whether the
// bundle is fresh (npm run membrane) costs no TypeScript loader either.
//
//   node scripts/build-cli.mjs          build (npm run build, npm pack through prepack)
//   import { ensureCli } from …         build only when a source is newer than the bundle
import { builtinModules } from 'node:module'
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { thirdPartyLicenses } from './third-party-licenses.mjs'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const CLI_BUNDLE = path.join(ROOT, 'dist-cli', 'membrane.js')
/** The worker threads' entry (`evaluate`/`check --jobs`), next to the bundle that starts them. */
export const WORKER_NAME = 'membrane-worker.js'

/** What the bundle is made of: a change to any of these makes it stale. */
const INPUTS = ['src/cli', 'src/domain', 'package.json', 'scripts/build-cli.mjs', 'scripts/third-party-licenses.mjs', 'scripts/security-headers.ts']

function newest(p) {
  let st
  try {
    st = statSync(p)
  } catch {
    return 0
  }
  if (!st.isDirectory()) return st.mtimeMs
  let max = st.mtimeMs
  for (const entry of readdirSync(p)) max = Math.max(max, newest(path.join(p, entry)))
  return max
}

/** True when the bundle is missing or older than one of its sources. */
export function cliIsStale(outfile = CLI_BUNDLE) {
  const worker = path.join(path.dirname(outfile), WORKER_NAME)
  if (!existsSync(outfile) || !existsSync(worker)) return true
  const built = Math.min(statSync(outfile).mtimeMs, statSync(worker).mtimeMs)
  return INPUTS.some((p) => newest(path.join(ROOT, p)) > built)
}

/** Builds the bundle; written to a temporary name and renamed, so a concurrent reader never sees half a file. */
export async function buildCli(outfile = CLI_BUNDLE) {
  // Loaded here, not at the top: a fresh-bundle check must not pay for esbuild.
  const { build } = await import('esbuild')
  const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
  const outdir = path.dirname(outfile)
  const result = await build({
    // Two entries, each one self-contained file: the CLI, and the worker it starts from its own folder.
    entryPoints: { [path.basename(outfile, '.js')]: path.join(ROOT, 'src/cli/entry.ts'), [path.basename(WORKER_NAME, '.js')]: path.join(ROOT, 'src/cli/parallel/worker.ts') },
    bundle: true,
    write: false,
    format: 'esm',
    target: 'node20',
    // 'neutral' rather than 'node': yaml's "node" export is CommonJS that require()s node
    // builtins, which an ES module bundle cannot do; its default export is the same code as ESM.
    platform: 'neutral',
    mainFields: ['module', 'main'],
    // Built-ins by their bare names too: chokidar and sirv import 'fs', 'path', 'events'.
    external: ['node:*', ...builtinModules],
    define: { __MEMBRANE_VERSION__: JSON.stringify(version), __MEMBRANE_WORKER__: JSON.stringify(WORKER_NAME) },
    // Smaller file, faster start: parsing the bundle is most of the startup time.
    minify: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    outdir,
  })
  mkdirSync(outdir, { recursive: true })
  writeAtomically(path.join(outdir, 'THIRD-PARTY-LICENSES.txt'), thirdPartyLicenses(Object.keys(result.metafile.inputs), 'dist-cli/membrane.js'))
  // The worker first: a fresh CLI bundle must never start a missing or older worker.
  const files = [...result.outputFiles].sort((a, b) => Number(b.path.endsWith(WORKER_NAME)) - Number(a.path.endsWith(WORKER_NAME)))
  for (const file of files) writeAtomically(file.path, file.contents)
  return outfile
}

function writeAtomically(file, contents) {
  const tmp = `${file}.${process.pid}.tmp`
  writeFileSync(tmp, contents)
  renameSync(tmp, file)
}

/** Builds when stale; returns the bundle path. */
export async function ensureCli(outfile = CLI_BUNDLE) {
  if (cliIsStale(outfile)) await buildCli(outfile)
  return outfile
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = await buildCli()
  // stderr: `npm pack --json` (which runs this as prepack) keeps only JSON on stdout.
  process.stderr.write(`built ${path.relative(ROOT, out)} (${Math.round(statSync(out).size / 1024)} KiB)\n`)
}
