#!/usr/bin/env node
// `npm start`: build the app if the sources are newer than dist/, then serve it and print the URL.
import { spawnSync, spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const port = process.env.PORT ?? '4173'
const host = process.env.HOST ?? '127.0.0.1'

function newest(path) {
  if (!existsSync(path)) return 0
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  let max = st.mtimeMs
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)))
  return max
}

const built = join(root, 'dist', 'index.html')
const sources = Math.max(...['src', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((p) => newest(join(root, p))))
if (!existsSync(built) || statSync(built).mtimeMs < sources) {
  console.log('Building Membrane…')
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}
console.log(`\n  Membrane is at  http://${host}:${port}/  (Ctrl+C to stop)\n`)
const server = spawn('npx', ['vite', 'preview', '--host', host, '--port', port, '--strictPort'], { cwd: root, stdio: 'inherit' })
server.on('exit', (code) => process.exit(code ?? 0))
