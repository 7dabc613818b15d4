/**
 * Where the built page lives: the `dist/` folder next to the package (the build `npm start`
 * serves). In a source checkout without it, it is built first, as scripts/start.mjs does (vite
 * run by node directly); an installed package without it says how to get it.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The package root: the nearest folder above this module whose package.json is membrane's. */
export function packageRoot(from = fileURLToPath(import.meta.url)): string {
  let dir = path.dirname(from)
  for (;;) {
    const pkg = path.join(dir, 'package.json')
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'membrane') return dir
      } catch {
        // not ours: keep looking
      }
    }
    const up = path.dirname(dir)
    if (up === dir) throw new Error('cannot find the membrane package folder')
    dir = up
  }
}

/**
 * The folder to serve; builds it when missing in a source checkout. `log` gets progress lines
 * (stderr), so a piped stdout stays clean.
 */
export function ensureApp(log: (line: string) => void, root = packageRoot()): string {
  const dist = path.join(root, 'dist')
  if (existsSync(path.join(dist, 'index.html'))) return dist
  let vite: string
  try {
    const vitePackage = createRequire(path.join(root, 'package.json')).resolve('vite/package.json')
    vite = path.join(path.dirname(vitePackage), 'bin', 'vite.js')
  } catch {
    throw new Error(`the page is not built (${dist} is missing) and vite is not installed here to build it: run 'npm run build' in a source checkout`)
  }
  if (!existsSync(path.join(root, 'index.html'))) throw new Error(`the page is not built (${dist} is missing): run 'npm run build'`)
  log('Building the Membrane page (dist/ is missing)…')
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 2, 2] })
  if (r.status !== 0 || !existsSync(path.join(dist, 'index.html'))) throw new Error('building the page failed (see the messages above)')
  return dist
}
