/**
 * `npm start` serves the built app and, stopped with SIGTERM or Ctrl+C, stops that server too
 * (the port is free again). Builds first when dist/ is older than the sources, as a user's run does.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createConnection, createServer } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const HOST = '127.0.0.1'

async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, HOST)
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  await once(server, 'close')
  return port
}

/** Whether something accepts TCP connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: HOST, port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

/** Polls until the app's page answers (a build may come first). */
async function answers(port: number, npm: ChildProcess, timeoutMs: number): Promise<string> {
  const until = Date.now() + timeoutMs
  for (;;) {
    if (npm.exitCode !== null || npm.signalCode !== null) throw new Error(`npm start exited early (${npm.exitCode ?? npm.signalCode})`)
    try {
      const res = await fetch(`http://${HOST}:${port}/`)
      if (res.ok) return await res.text()
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`nothing answered on port ${port}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** Polls until nothing accepts connections on the port; false if something still does after `timeoutMs`. */
async function closes(port: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs
  while (await listening(port)) {
    if (Date.now() > until) return false
    await new Promise((r) => setTimeout(r, 100))
  }
  return true
}

/**
 * Runs `npm start` on a free port, stops it with `stop`, and says whether the port was freed.
 * npm itself exits as soon as its shell does, so the server gets a few seconds to go.
 */
async function startThenStop(stop: (npm: ChildProcess) => void): Promise<{ page: string; freed: boolean }> {
  const port = await freePort()
  // Its own process group, so the cleanup below can reach whatever the run left behind.
  const npm = spawn('npm', ['start'], { cwd: ROOT, env: { ...process.env, PORT: String(port), HOST }, stdio: 'ignore', detached: true })
  try {
    const page = await answers(port, npm, 150_000)
    const exited = once(npm, 'exit')
    stop(npm)
    await exited
    return { page, freed: await closes(port, 5_000) }
  } finally {
    try {
      process.kill(-(npm.pid as number), 'SIGKILL')
    } catch {
      // the group is gone already
    }
  }
}

describe('npm start', () => {
  it('stops the server it started when it gets SIGTERM', async () => {
    const r = await startThenStop((npm) => npm.kill('SIGTERM'))
    expect(r.page).toContain('<div id="root">')
    expect(r.freed).toBe(true)
  }, 180_000)

  it('stops the server on Ctrl+C (SIGINT to the whole foreground group, as a terminal sends it)', async () => {
    const r = await startThenStop((npm) => process.kill(-(npm.pid as number), 'SIGINT'))
    expect(r.page).toContain('<div id="root">')
    expect(r.freed).toBe(true)
  }, 180_000)
})
