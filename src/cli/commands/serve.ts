/**
 * `membrane serve`: the editor on a policy folder, saving back to the files, with live Hubble
 * traffic in the overlay. The arguments are checked here, synchronously (bad usage exits 2 like
 * every command); the server then runs until Ctrl+C. See docs/serve-protocol.md.
 */
import { spawn } from 'node:child_process'
import type { FlagSpec } from '../args.ts'
import { many, one, parseArgs } from '../args.ts'
import type { CliIo } from '../io.ts'
import { CliError, STDIN, resolvePath } from '../io.ts'

export const SERVE_FLAGS: FlagSpec = {
  policies: 'one', flows: 'many', follow: 'one', inventory: 'one', port: 'one', host: 'one', open: 'bool', help: 'bool',
}

export const SERVE_HELP = `Usage: membrane serve [--policies <dir>] [--flows <file|->...] [--follow <file>] [--inventory <file>]
                      [--port 4173] [--host 127.0.0.1] [--open]

Opens the editor on a policy folder: the page shows every policy file of the folder, Save
(Ctrl+S) writes the changed files back, and a file changed on disk reloads in the page.
Hubble traffic streams into the graph and the flows table as it happens:

  hubble observe --follow -o jsonpb | membrane serve --policies ./policies --flows -

  --policies <dir>       the folder to edit (recursive *.yaml, *.yml, *.json); Save writes
                         only the files whose bytes changed, atomically, never outside it
  --flows <file|->...    Hubble flows: files are loaded as captures; - reads standard input
                         as it arrives (a live stream, shown in a bounded window)
  --follow <file>        tail a growing Hubble exporter file (events.log), following rotation
  --inventory <file>     kubectl get pods,namespaces -A -o json|yaml, offered to the page
  --port <n>             port to listen on (default 4173; 0 picks a free one)
  --host <address>       address to bind (default 127.0.0.1). Anything else exposes the
                         server to the network: the token still guards every API call
  --open                 open the page in the default browser
  --help                 this help

The printed URL carries a one-time token (after #token=): only a page opened with it can read
or write. Stop the server with Ctrl+C.
`

export interface ServeArgs {
  readonly policies?: string
  readonly flowFiles: readonly string[]
  readonly stdin: boolean
  readonly follow?: string
  readonly inventory?: string
  readonly port: number
  readonly host: string
  readonly open: boolean
}

/** The checked arguments (paths resolved against the working directory). */
export function serveArgs(argv: readonly string[], io: CliIo): ServeArgs {
  const args = parseArgs(argv, SERVE_FLAGS, 'serve')
  const policies = one(args, 'policies')
  if (policies !== undefined && io.kind(resolvePath(io, policies)) !== 'dir') throw new CliError(`serve: --policies must be a folder: ${policies}`)
  const flows = many(args, 'flows')
  const flowFiles = flows.filter((f) => f !== STDIN).map((f) => {
    const abs = resolvePath(io, f)
    if (io.kind(abs) !== 'file') throw new CliError(`serve: flows file not found: ${f}`)
    return abs
  })
  const inventory = one(args, 'inventory')
  if (inventory !== undefined && io.kind(resolvePath(io, inventory)) !== 'file') throw new CliError(`serve: inventory file not found: ${inventory}`)
  const portText = one(args, 'port') ?? '4173'
  const port = Number(portText)
  if (!/^\d{1,5}$/.test(portText) || port > 65535) throw new CliError(`serve: --port must be a number from 0 to 65535, got '${portText}'`)
  const follow = one(args, 'follow')
  return {
    ...(policies !== undefined && { policies: resolvePath(io, policies) }),
    flowFiles,
    stdin: flows.includes(STDIN),
    ...(follow !== undefined && { follow: resolvePath(io, follow) }),
    ...(inventory !== undefined && { inventory: resolvePath(io, inventory) }),
    port,
    host: one(args, 'host') ?? '127.0.0.1',
    open: args.bools.has('open'),
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1'])

function openBrowser(url: string): void {
  const [cmd, ...args] = process.platform === 'darwin' ? ['open', url] : process.platform === 'win32' ? ['cmd', '/c', 'start', '', url] : ['xdg-open', url]
  const child = spawn(cmd!, args, { stdio: 'ignore', detached: true })
  child.on('error', () => undefined)
  child.unref()
}

export function serveCommand(argv: readonly string[], io: CliIo): number {
  if (argv.includes('--help')) {
    io.stdout(SERVE_HELP)
    return 0
  }
  const a = serveArgs(argv, io)
  if (!LOOPBACK.has(a.host)) {
    io.stderr(`membrane serve: warning: listening on ${a.host}, not only this machine: anyone who can reach it and has the token can edit ${a.policies ?? 'the workspace'}\n`)
  }
  // The server outlives this call: the process stays up while it listens.
  void (async () => {
    try {
      // Loaded here: the server's packages (sirv, chokidar) cost the other commands nothing.
      const [{ ensureApp }, { startServe }] = await Promise.all([import('../serve/app-dir.ts'), import('../serve/server.ts')])
      const appDir = ensureApp((line) => io.stderr(`${line}\n`))
      const handle = await startServe({
        appDir,
        ...(a.policies !== undefined && { policies: a.policies }),
        flowFiles: a.flowFiles,
        ...(a.stdin && { flowStream: process.stdin }),
        ...(a.follow !== undefined && { follow: a.follow }),
        ...(a.inventory !== undefined && { inventory: a.inventory }),
        host: a.host,
        port: a.port,
      })
      io.stdout(`\n  Membrane is at  ${handle.url}\n  (the #token part is the key to this server: share it with no one; Ctrl+C stops)\n\n`)
      if (a.open) openBrowser(handle.url)
      let stopping = false
      const stop = (): void => {
        if (stopping) return
        stopping = true
        void handle.close().then(() => process.exit(0))
      }
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop)
    } catch (e) {
      const err = e as NodeJS.ErrnoException
      const message = err.code === 'EADDRINUSE' ? `port ${a.port} is in use: pick another with --port` : err.message
      io.stderr(`membrane serve: ${message}\n`)
      process.exit(2)
    }
  })()
  return 0
}
