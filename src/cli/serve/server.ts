/**
 * The `membrane serve` server: the built page (sirv), the page's API (docs/serve-protocol.md),
 * the policy folder watched for changes (chokidar), and the live flows pushed to the page as
 * server-sent events. Everything a request could do passes request-guard.ts first.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { watch } from 'chokidar'
import type { FSWatcher } from 'chokidar'
import sirv from 'sirv'
import { SECURITY_HEADERS } from '../../../scripts/security-headers.ts'
import { version } from '../version.ts'
import { DEFAULT_FEED_LIMITS, FlowFeed } from './flow-feed.ts'
import type { FeedLimits, FlowBatch } from './flow-feed.ts'
import { followFile } from './follow-file.ts'
import { PathRefused, PolicyFolder, checkRelativePath, isPolicyFile, versionOf } from './policy-folder.ts'
import type { FolderFile } from './policy-folder.ts'
import { checkHost, checkOrigin, checkToken } from './request-guard.ts'
import type { GuardConfig, Refusal } from './request-guard.ts'

export interface ServeOptions {
  /** The built page to serve (dist/). */
  readonly appDir: string
  readonly policies?: string
  /** `--flows` files sent to the page as captures. */
  readonly flowFiles?: readonly string[]
  /** `--flows -`: a stream of Hubble JSON (standard input). */
  readonly flowStream?: Readable
  readonly follow?: string
  readonly inventory?: string
  readonly host?: string
  /** 0 picks a free port. */
  readonly port?: number
  /** Largest request body accepted (a save of the whole folder). Default 16 MiB. */
  readonly maxBodyBytes?: number
  readonly feedLimits?: FeedLimits
  /** Given in tests; random otherwise. */
  readonly token?: string
  /** How often batches of live flows go out (ms). */
  readonly batchMs?: number
}

export interface ServeHandle {
  readonly url: string
  readonly origin: string
  readonly token: string
  readonly port: number
  readonly feed: FlowFeed
  close(): Promise<void>
}

export const DEFAULT_MAX_BODY = 16 * 1024 * 1024
/** Pages that may follow the events at once (each holds a bounded queue). */
const MAX_EVENT_CLIENTS = 8
/** A page whose connection holds more unsent bytes than this gets no new batch until it drains. */
const BUSY_BYTES = 1 << 20

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message)
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}

function refuse(res: ServerResponse, r: Refusal): void {
  sendJson(res, r.status, { error: r.message })
}

/** Reads a body up to `cap` bytes; a larger one is refused before (Content-Length) or while it arrives. */
function readBody(req: IncomingMessage, cap: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN)
  if (Number.isFinite(declared) && declared > cap) return Promise.reject(new HttpError(413, `request body of ${declared} bytes is over the ${cap}-byte limit`))
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > cap) {
        reject(new HttpError(413, `request body is over the ${cap}-byte limit`))
        req.removeAllListeners('data')
        req.resume()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

interface SaveFile {
  readonly path: string
  readonly text: string
  /** The version the page edited; null for a file the page creates. */
  readonly base: string | null
}

function parseSave(body: Buffer): SaveFile[] {
  let data: unknown
  try {
    data = JSON.parse(body.toString('utf8'))
  } catch {
    throw new HttpError(400, 'the save body is not JSON')
  }
  const files = (data as { files?: unknown } | null)?.files
  if (!Array.isArray(files)) throw new HttpError(400, 'the save body needs "files": [{ path, text, base }]')
  const seen = new Set<string>()
  return files.map((f: unknown) => {
    const { path: p, text, base } = (f ?? {}) as Record<string, unknown>
    const checked = checkRelativePath(p)
    if (typeof text !== 'string') throw new HttpError(400, `"text" of ${checked} must be a string`)
    if (base !== null && typeof base !== 'string') throw new HttpError(400, `"base" of ${checked} must be a version string or null`)
    if (seen.has(checked)) throw new HttpError(400, `${checked} is listed twice`)
    seen.add(checked)
    return { path: checked, text, base }
  })
}

export async function startServe(options: ServeOptions): Promise<ServeHandle> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const host = options.host ?? '127.0.0.1'
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY
  const folder = options.policies !== undefined ? new PolicyFolder(options.policies) : null
  const feed = new FlowFeed(options.feedLimits ?? DEFAULT_FEED_LIMITS)
  const flowFiles = (options.flowFiles ?? []).map((file, id) => ({ id, file, name: path.basename(file), bytes: statSync(file).size }))
  const inventory = options.inventory !== undefined ? { name: path.basename(options.inventory), text: readFileSync(options.inventory, 'utf8') } : null
  const sources: string[] = []
  /** What each file's bytes were when the page last heard of them: a watcher event for the same bytes is our own write. */
  const known = new Map<string, string | null>()
  const clients = new Set<ServerResponse>()
  const guard: { config: GuardConfig | null } = { config: null }

  const statics = sirv(options.appDir, {
    etag: true,
    // Vite names its assets by content hash: they never change under the same name.
    setHeaders: (res, pathname) => {
      res.setHeader('Cache-Control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache')
    },
  })

  const event = (res: ServerResponse, type: string, data: unknown): boolean => res.write(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`)
  const broadcast = (type: string, data: unknown): void => {
    for (const res of clients) event(res, type, data)
  }

  const listFolder = (): FolderFile[] => {
    if (!folder) return []
    const files = folder.list()
    for (const f of files) known.set(f.path, f.version)
    return files
  }

  const api = async (req: IncomingMessage, res: ServerResponse, pathname: string, query: URLSearchParams): Promise<void> => {
    const denied = checkToken(req.headers.authorization, guard.config!)
    if (denied) return refuse(res, denied)
    const method = req.method ?? 'GET'
    if (pathname === '/api/session' && method === 'GET') {
      return sendJson(res, 200, {
        version: version(),
        folder: folder && { name: path.basename(folder.root), files: listFolder(), skipped: [...folder.skipped] },
        flowFiles: flowFiles.map(({ id, name, bytes }) => ({ id, name, bytes })),
        inventory: inventory && { name: inventory.name },
        live: { sources, open: feed.live },
        limits: { maxBodyBytes: maxBody, windowFlows: feed.limits.windowFlows },
      })
    }
    if (pathname === '/api/save' && method === 'POST') {
      if (!folder) throw new HttpError(409, 'membrane serve was started without --policies: there is no folder to save to')
      const files = parseSave(await readBody(req, maxBody))
      // All checked before any is written: a refused path or a conflict writes nothing.
      const conflicts: { path: string; text: string | null; version: string | null }[] = []
      const writes: SaveFile[] = []
      const unchanged: string[] = []
      for (const f of files) {
        const current = folder.currentVersion(f.path)
        if (current === versionOf(Buffer.from(f.text, 'utf8'))) unchanged.push(f.path)
        else if (current !== f.base) {
          const disk = folder.read(f.path)
          conflicts.push({ path: f.path, text: disk?.text ?? null, version: disk?.version ?? null })
        } else writes.push(f)
      }
      if (conflicts.length > 0) return sendJson(res, 409, { error: `changed on disk since the page read ${conflicts.length === 1 ? 'it' : 'them'}: ${conflicts.map((c) => c.path).join(', ')}`, conflicts })
      const written = writes.map((f) => {
        // Noted before the rename, so the watcher's event for our own write is recognised.
        known.set(f.path, versionOf(Buffer.from(f.text, 'utf8')))
        return { path: f.path, version: folder.write(f.path, f.text) }
      })
      return sendJson(res, 200, { written, unchanged })
    }
    if (pathname === '/api/events' && method === 'GET') {
      if (clients.size >= MAX_EVENT_CLIENTS) throw new HttpError(429, `at most ${MAX_EVENT_CLIENTS} pages follow one server`)
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' })
      res.flushHeaders()
      clients.add(res)
      event(res, 'hello', { open: feed.live, sources })
      const after = Number(query.get('after') ?? 0)
      const unsubscribe = feed.subscribe({
        send: (batch: FlowBatch) => {
          if (res.writableLength > BUSY_BYTES) return false
          event(res, 'flows', batch)
          return true
        },
      }, Number.isSafeInteger(after) && after > 0 ? after : 0)
      req.on('close', () => {
        clients.delete(res)
        unsubscribe()
      })
      return
    }
    const flowMatch = /^\/api\/flows\/(\d+)$/.exec(pathname)
    if (flowMatch && method === 'GET') {
      const f = flowFiles[Number(flowMatch[1])]
      if (!f) throw new HttpError(404, `no flow file ${flowMatch[1]}`)
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Cache-Control': 'no-store', 'Content-Length': f.bytes })
      res.end(readFileSync(f.file))
      return
    }
    if (pathname === '/api/inventory' && method === 'GET') {
      if (!inventory) throw new HttpError(404, 'membrane serve was started without --inventory')
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
      res.end(inventory.text)
      return
    }
    throw new HttpError(404, `no API ${method} ${pathname}`)
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value)
    const config = guard.config!
    const badHost = checkHost(req.headers.host, config)
    if (badHost) return refuse(res, badHost)
    const badOrigin = checkOrigin({ origin: req.headers.origin, host: req.headers.host, 'sec-fetch-site': req.headers['sec-fetch-site'] as string | undefined })
    if (badOrigin) return refuse(res, badOrigin)
    let url: URL
    try {
      url = new URL(req.url ?? '/', 'http://x')
    } catch {
      return refuse(res, { status: 400, message: 'malformed request path' })
    }
    const pathname = url.pathname
    if (pathname.startsWith('/api/')) return api(req, res, pathname, url.searchParams)
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, { status: 405, message: 'the page is read-only: use the API' })
    statics(req, res, () => refuse(res, { status: 404, message: `not found: ${pathname}` }))
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : e instanceof PathRefused ? e.status : 500
      const message = e instanceof Error ? e.message : String(e)
      if (res.headersSent) res.end()
      else {
        if (status === 413) res.setHeader('Connection', 'close')
        sendJson(res, status, { error: status === 500 ? `internal error: ${message}` : message })
      }
    })
  })
  server.headersTimeout = 30_000
  server.requestTimeout = 60_000

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 4173, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  guard.config = { port, host, token }

  // The folder, watched: a `git checkout` or another editor's save reaches the page.
  let watcher: FSWatcher | null = null
  if (folder) {
    listFolder()
    watcher = watch(folder.root, {
      ignoreInitial: true,
      followSymlinks: false,
      ignored: (p, stats) => {
        const base = path.basename(p)
        if (p !== folder.root && (base.startsWith('.') || base === 'node_modules')) return true
        return stats?.isFile() === true && !isPolicyFile(base)
      },
      awaitWriteFinish: { stabilityThreshold: 80, pollInterval: 20 },
    })
    const changed = (abs: string): void => {
      const rel = path.relative(folder.root, abs).split(path.sep).join('/')
      if (!isPolicyFile(rel)) return
      let file: FolderFile | null
      try {
        file = folder.read(rel)
      } catch {
        file = null
      }
      const v = file?.version ?? null
      if (known.get(rel) === v) return
      known.set(rel, v)
      broadcast('file', { path: rel, text: file?.text ?? null, version: v })
    }
    watcher.on('add', changed).on('change', changed).on('unlink', changed)
    // A folder that cannot be watched (too many files for inotify, a vanished subfolder) costs the
    // page its live reload, not the server its life.
    watcher.on('error', (e: unknown) => broadcast('notice', { message: `watching ${folder.root} failed: ${e instanceof Error ? e.message : String(e)}` }))
    await new Promise<void>((resolve) => watcher!.once('ready', () => resolve()))
  }

  // Live flows: the pipe and the followed file feed one buffer; batches go out a few times a second.
  const stops: (() => void)[] = []
  if (options.flowStream) {
    sources.push('stdin')
    const src = feed.source()
    options.flowStream.on('data', (chunk: Buffer | string) => src.push(typeof chunk === 'string' ? chunk : new Uint8Array(chunk)))
    options.flowStream.on('end', () => {
      src.end()
      feed.flush()
      broadcast('live', { open: feed.live })
    })
    options.flowStream.on('error', () => src.end())
  }
  if (options.follow !== undefined) {
    sources.push(`follow ${path.basename(options.follow)}`)
    const f = followFile(options.follow, feed.source())
    stops.push(() => f.stop())
  }
  const timer = setInterval(() => feed.flush(), options.batchMs ?? 250)
  const keepAlive = setInterval(() => {
    for (const res of clients) res.write(': keep-alive\n\n')
  }, 15_000)

  const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host
  const origin = `http://${shownHost}:${port}`
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    port,
    feed,
    async close() {
      clearInterval(timer)
      clearInterval(keepAlive)
      for (const stop of stops) stop()
      await watcher?.close()
      for (const res of clients) res.end()
      clients.clear()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
