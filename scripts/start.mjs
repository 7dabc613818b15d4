#!/usr/bin/env node
// `npm start`: build the app if the sources are newer than dist/, then serve it and print the URL.
// Vite runs as a direct child (node on its bin, no npx or shell between), so the SIGINT/SIGTERM
// this process forwards reach the server, and this process exits only once the server is gone.
// npm runs this through `sh -c`, and a SIGTERM sent to npm stops only that shell (dash passes
// nothing on): so losing the parent that started us counts as being told to stop, too.
import { spawnSync, spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const port = process.env.PORT ?? '4173'
const host = process.env.HOST ?? '127.0.0.1'

const vitePackage = createRequire(import.meta.url).resolve('vite/package.json')
const vite = join(dirname(vitePackage), 'bin', 'vite.js')

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
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' })
  if (r.signal) process.kill(process.pid, r.signal)
  if (r.status !== 0) process.exit(r.status ?? 1)
}
console.log(`\n  Membrane is at  http://${host}:${port}/  (Ctrl+C to stop)\n`)
const server = spawn(process.execPath, [vite, 'preview', '--host', host, '--port', port, '--strictPort'], { cwd: root, stdio: 'inherit' })
const stop = (signal) => {
  if (server.exitCode === null && server.signalCode === null) server.kill(signal)
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  // Ctrl+C already reaches the server through the terminal's process group; a signal sent to
  // this process alone (a service manager, `kill`) is passed on here.
  process.on(signal, () => stop(signal))
}
const parent = process.ppid
setInterval(() => {
  if (process.ppid !== parent) stop('SIGTERM')
}, 250).unref()
server.on('exit', (code, signal) => {
  // Exit the way the server did, so a caller sees a stop by signal as one.
  if (signal) {
    process.removeAllListeners(signal)
    process.kill(process.pid, signal)
  } else process.exit(code ?? 0)
})
