/**
 * `membrane serve` against the running server (in-process, on a free port, a temp policy folder):
 * every refusal answers a clear status and the server keeps serving; saves write exactly the
 * changed files, atomically, never outside the folder; disk changes and live flows reach a page.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PassThrough } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServe } from './server.ts'
import type { ServeHandle } from './server.ts'
import { takeSseEvents } from '../../domain/serve/sse.ts'

const FIXTURE_PATH = new URL('../../../fixtures/hubble/kind-bookinfo-2021_tcp-l3l4-http-policyverdict_400.jsonl', import.meta.url).pathname
const FIXTURE = readFileSync(FIXTURE_PATH, 'utf8')
const TOKEN = 'test-token-0123456789abcdef'
const MAX_BODY = 64 * 1024

interface Answer {
  status: number
  body: string
  json: () => Record<string, unknown>
}

/** A raw request: node's http lets a test send any Host / Origin, which fetch forbids. */
function send(h: ServeHandle, method: string, p: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: h.port, method, path: p, headers: { Host: `127.0.0.1:${h.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        resolve({ status: res.statusCode ?? 0, body: text, json: () => JSON.parse(text) as Record<string, unknown> })
      })
    })
    req.on('error', reject)
    if (body !== undefined) req.end(body)
    else req.end()
  })
}

const auth = { Authorization: `Bearer ${TOKEN}` }
const save = (h: ServeHandle, files: unknown[]): Promise<Answer> => send(h, 'POST', '/api/save', { ...auth, 'Content-Type': 'application/json', Origin: h.origin }, JSON.stringify({ files }))

let dir: string
let outside: string
let app: string
let server: ServeHandle
let stdin: PassThrough

beforeAll(async () => {
  const base = mkdtempSync(path.join(tmpdir(), 'membrane-serve-'))
  dir = path.join(base, 'policies')
  outside = path.join(base, 'outside')
  app = path.join(base, 'app')
  mkdirSync(path.join(dir, 'shop'), { recursive: true })
  mkdirSync(outside)
  mkdirSync(app)
  writeFileSync(path.join(app, 'index.html'), '<!doctype html><title>app</title>')
  writeFileSync(path.join(dir, 'a.yaml'), 'kind: CiliumNetworkPolicy\nmetadata:\n  name: a\n')
  writeFileSync(path.join(dir, 'shop', 'b.yml'), 'kind: CiliumNetworkPolicy\nmetadata:\n  name: b\n')
  writeFileSync(path.join(dir, 'notes.txt'), 'not a policy')
  writeFileSync(path.join(outside, 'secret.yaml'), 'secret: 1\n')
  symlinkSync(outside, path.join(dir, 'escape'))
  symlinkSync(path.join(outside, 'secret.yaml'), path.join(dir, 'linked.yaml'))
  stdin = new PassThrough()
  writeFileSync(path.join(base, 'pods.json'), '{"kind":"List","items":[]}\n')
  server = await startServe({ appDir: app, policies: dir, flowFiles: [FIXTURE_PATH], inventory: path.join(base, 'pods.json'), port: 0, token: TOKEN, maxBodyBytes: MAX_BODY, flowStream: stdin, batchMs: 50, feedLimits: { windowFlows: 100, queueFlows: 100 } })
  return () => rmSync(base, { recursive: true, force: true })
})

afterAll(async () => {
  await server.close()
})

describe('refusals answer a clear status, never a crash', () => {
  it('an API call without the token is 401', async () => {
    const r = await send(server, 'GET', '/api/session')
    expect(r.status).toBe(401)
    expect(r.json().error).toMatch(/missing token/)
  })

  it('a wrong token is 401', async () => {
    const r = await send(server, 'GET', '/api/session', { Authorization: 'Bearer not-the-token' })
    expect(r.status).toBe(401)
    expect(r.json().error).toMatch(/wrong token/)
  })

  it('a foreign Host (DNS rebinding) is refused, on the page and the API', async () => {
    for (const p of ['/', '/api/session']) {
      const r = await send(server, 'GET', p, { ...auth, Host: `evil.example:${server.port}` })
      expect(r.status).toBe(421)
      expect(r.json().error).toMatch(/is not this server/)
    }
    expect((await send(server, 'GET', '/', { Host: `127.0.0.1:${server.port + 1}` })).status).toBe(421)
  })

  it('a foreign Origin is 403, also with the right token, on calls and on the event stream', async () => {
    for (const [method, p] of [['GET', '/api/session'], ['GET', '/api/events'], ['POST', '/api/save']] as const) {
      const r = await send(server, method, p, { ...auth, Origin: 'http://evil.example' }, method === 'POST' ? '{"files":[]}' : undefined)
      expect(r.status).toBe(403)
      expect(r.json().error).toMatch(/cross-origin request refused/)
    }
    const site = await send(server, 'GET', '/api/session', { ...auth, 'Sec-Fetch-Site': 'cross-site' })
    expect(site.status).toBe(403)
  })

  it('no CORS: no Access-Control header is ever sent, a preflight is refused', async () => {
    const r = await send(server, 'OPTIONS', '/api/save', { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' })
    expect(r.status).toBe(403)
    expect(r.body).not.toMatch(/access-control/i)
  })

  it('traversal and absolute paths are refused and write nothing', async () => {
    const before = readdirSync(path.dirname(dir)).sort()
    for (const p of ['../outside/x.yaml', 'shop/../../x.yaml', '/tmp/x.yaml', 'C:/x.yaml']) {
      const r = await save(server, [{ path: p, text: 'x: 1\n', base: null }])
      expect(r.status, p).toBe(403)
      expect(String(r.json().error)).toMatch(/inside the policy folder/)
    }
    expect((await save(server, [{ path: 'shop\\x.yaml', text: '', base: null }])).status).toBe(400)
    expect((await save(server, [{ path: 'run.sh', text: '', base: null }])).status).toBe(400)
    expect(readdirSync(path.dirname(dir)).sort()).toEqual(before)
  })

  it('a symlink out of the folder is refused: through a linked folder or a linked file', async () => {
    const a = await save(server, [{ path: 'escape/new.yaml', text: 'x: 1\n', base: null }])
    expect(a.status).toBe(403)
    expect(String(a.json().error)).toMatch(/leads out of the policy folder/)
    const b = await save(server, [{ path: 'linked.yaml', text: 'x: 1\n', base: null }])
    expect(b.status).toBe(403)
    expect(readdirSync(outside)).toEqual(['secret.yaml'])
    expect(readFileSync(path.join(outside, 'secret.yaml'), 'utf8')).toBe('secret: 1\n')
  })

  it('an oversize body is 413, declared or not', async () => {
    const big = JSON.stringify({ files: [{ path: 'a.yaml', text: 'x'.repeat(MAX_BODY * 2), base: null }] })
    const r = await send(server, 'POST', '/api/save', { ...auth, 'Content-Type': 'application/json' }, big)
    expect(r.status).toBe(413)
    expect(r.json().error).toMatch(/limit/)
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/save', headers: { Host: `127.0.0.1:${server.port}`, ...auth, 'Transfer-Encoding': 'chunked' } }, (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      req.on('error', reject)
      req.write(big.slice(0, MAX_BODY))
      req.end(big.slice(MAX_BODY))
    })
    expect(chunked).toBe(413)
  })

  it('a malformed save body is 400, and the server still answers afterwards', async () => {
    expect((await send(server, 'POST', '/api/save', auth, '{not json')).status).toBe(400)
    expect((await send(server, 'POST', '/api/save', auth, '{"files": 3}')).status).toBe(400)
    expect((await send(server, 'GET', '/api/session', auth)).status).toBe(200)
  })

  it('the page has the preview server security headers', async () => {
    const r = await new Promise<Record<string, unknown>>((resolve, reject) => {
      request({ host: '127.0.0.1', port: server.port, path: '/', headers: { Host: `localhost:${server.port}` } }, (res) => {
        res.resume()
        resolve(res.headers)
      }).on('error', reject).end()
    })
    expect(String(r['content-security-policy'])).toMatch(/connect-src 'self'/)
    expect(r['x-frame-options']).toBe('DENY')
    expect(r['x-content-type-options']).toBe('nosniff')
  })
})

describe('the policy folder', () => {
  it('the session lists the policy files, sorted, and leaves out links out of the folder and other files', async () => {
    const r = await send(server, 'GET', '/api/session', auth)
    expect(r.status).toBe(200)
    const folder = r.json().folder as { files: { path: string; text: string }[]; skipped: string[] }
    expect(folder.files.map((f) => f.path)).toEqual(['a.yaml', 'shop/b.yml'])
    expect(folder.skipped.join(' ')).toMatch(/escape|linked\.yaml/)
  })

  it('saves write only the files whose bytes changed, atomically, and nothing when nothing changed', async () => {
    const session = (await send(server, 'GET', '/api/session', auth)).json().folder as { files: { path: string; text: string; version: string }[] }
    const [a, b] = session.files
    const bBytes = readFileSync(path.join(dir, 'shop', 'b.yml'))
    const same = await save(server, [{ path: a!.path, text: a!.text, base: a!.version }])
    expect(same.json()).toEqual({ written: [], unchanged: ['a.yaml'] })
    const edited = a!.text.replace('name: a', 'name: a2')
    const r = await save(server, [{ path: a!.path, text: edited, base: a!.version }, { path: b!.path, text: b!.text, base: b!.version }])
    expect(r.status).toBe(200)
    expect((r.json().written as { path: string }[]).map((w) => w.path)).toEqual(['a.yaml'])
    expect(readFileSync(path.join(dir, 'a.yaml'), 'utf8')).toBe(edited)
    expect(readFileSync(path.join(dir, 'shop', 'b.yml')).equals(bBytes)).toBe(true)
    // No temp file left behind.
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([])
  })

  it('a save over a file changed on disk since the page read it is a 409 with the disk version, and writes nothing', async () => {
    const session = (await send(server, 'GET', '/api/session', auth)).json().folder as { files: { path: string; text: string; version: string }[] }
    const b = session.files.find((f) => f.path === 'shop/b.yml')!
    writeFileSync(path.join(dir, 'shop', 'b.yml'), 'changed: on disk\n')
    const r = await save(server, [{ path: b.path, text: 'mine: 1\n', base: b.version }])
    expect(r.status).toBe(409)
    expect(r.json().conflicts).toEqual([{ path: 'shop/b.yml', text: 'changed: on disk\n', version: expect.any(String) }])
    expect(readFileSync(path.join(dir, 'shop', 'b.yml'), 'utf8')).toBe('changed: on disk\n')
  })

  it('a new file is created inside the folder (a new subfolder too)', async () => {
    const r = await save(server, [{ path: 'new/c.yaml', text: 'kind: CiliumNetworkPolicy\n', base: null }])
    expect(r.status).toBe(200)
    expect(readFileSync(path.join(dir, 'new', 'c.yaml'), 'utf8')).toBe('kind: CiliumNetworkPolicy\n')
  })
})

/** Follows the event stream as a page does; resolves each awaited event by predicate. */
function follow(h: ServeHandle): { next(type: string, pred?: (d: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>; close(): void } {
  const waiting: { type: string; pred: (d: Record<string, unknown>) => boolean; resolve: (d: Record<string, unknown>) => void }[] = []
  const seen: { type: string; data: Record<string, unknown> }[] = []
  let buffer = ''
  const req = request({ host: '127.0.0.1', port: h.port, path: '/api/events', headers: { Host: `127.0.0.1:${h.port}`, ...auth } }, (res) => {
    res.setEncoding('utf8')
    res.on('data', (chunk: string) => {
      const taken = takeSseEvents(buffer + chunk)
      buffer = taken.rest
      for (const { type, data } of taken.events) {
        const d = data as Record<string, unknown>
        const i = waiting.findIndex((w) => w.type === type && w.pred(d))
        if (i >= 0) waiting.splice(i, 1)[0]!.resolve(d)
        else seen.push({ type, data: d })
      }
    })
  })
  req.on('error', () => undefined)
  req.end()
  return {
    next(type, pred = () => true) {
      const i = seen.findIndex((s) => s.type === type && pred(s.data))
      if (i >= 0) return Promise.resolve(seen.splice(i, 1)[0]!.data)
      return new Promise((resolve) => waiting.push({ type, pred, resolve }))
    },
    close: () => req.destroy(),
  }
}

describe('captures and inventory', () => {
  it('lists --flows files and --inventory in the session and serves their bytes', async () => {
    const session = (await send(server, 'GET', '/api/session', auth)).json()
    expect(session.flowFiles).toEqual([{ id: 0, name: path.basename(FIXTURE_PATH), bytes: Buffer.byteLength(FIXTURE) }])
    expect(session.inventory).toEqual({ name: 'pods.json' })
    expect((await send(server, 'GET', '/api/flows/0', auth)).body).toBe(FIXTURE)
    expect((await send(server, 'GET', '/api/flows/1', auth)).status).toBe(404)
    expect((await send(server, 'GET', '/api/flows/0')).status).toBe(401)
    expect((await send(server, 'GET', '/api/inventory', auth)).body).toBe('{"kind":"List","items":[]}\n')
  })
})

describe('events', () => {
  it('a file changed on disk reaches the page; the server’s own writes do not echo', async () => {
    const events = follow(server)
    await events.next('hello')
    writeFileSync(path.join(dir, 'a.yaml'), 'edited: elsewhere\n')
    const e = await events.next('file', (d) => d.path === 'a.yaml')
    expect(e.text).toBe('edited: elsewhere\n')
    events.close()
  })

  it('flows piped in arrive in batches, parsed, and the server keeps a bounded window', async () => {
    const events = follow(server)
    await events.next('hello')
    const lines = FIXTURE.split('\n').filter((l) => l.trim() !== '')
    stdin.write(lines.slice(0, 10).join('\n') + '\n')
    const first = await events.next('flows', (d) => (d.total as number) >= 10)
    expect((first.flows as { verdict: string }[]).length).toBeGreaterThan(0)
    expect((first.flows as { verdict: string }[])[0]!.verdict).toMatch(/FORWARDED|DROPPED|AUDIT/)
    stdin.write(lines.slice(10).join('\n') + '\n')
    await events.next('flows', (d) => (d.total as number) >= lines.length)
    const stats = server.feed.stats()
    expect(stats.total).toBe(lines.length)
    expect(stats.window).toBe(100)
    expect(stats.queued).toBeLessThanOrEqual(100)
    events.close()
  })
})
