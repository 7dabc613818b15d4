/**
 * Tests only: runs the real evaluator worker module (`evaluator.worker.ts`, unchanged) in a Node
 * worker thread. It gives the module the two pieces of the Web Worker scope it uses,
 * `self.postMessage` and `self.onmessage`, on top of the thread's parent port, each incoming
 * message delivered as a `{ data }` event the way a browser delivers it.
 */
import { parentPort } from 'node:worker_threads'

const port = parentPort
if (!port) throw new Error('node-worker-shim runs only inside a worker thread')

const scope = {
  postMessage: (data: unknown): void => port.postMessage(data),
  set onmessage(handler: (event: { data: unknown }) => void) {
    port.removeAllListeners('message')
    port.on('message', (data: unknown) => handler({ data }))
  },
}
Object.assign(globalThis, { self: scope })
await import('./evaluator.worker.ts')
