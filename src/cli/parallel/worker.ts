/**
 * Worker thread entry of `evaluate` / `check --jobs N` (bundled as dist-cli/membrane-worker.js):
 * rebuilds the command's policy sets from its command line, then runs the tasks it is sent
 * (task.ts) with one long-lived batch evaluator, posting each part back on its port.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs'
import type { MessagePort as NodeMessagePort } from 'node:worker_threads'
import { workerData } from 'node:worker_threads'
import { createIngestCaches } from '../../domain/flows/index.ts'
import { nodeIo } from '../io.ts'
import type { CliIo } from '../io.ts'
import { BatchEvaluator } from './batch-eval.ts'
import type { WorkerBegin, WorkerInit, WorkerMessage } from './pool.ts'
import { workerSets } from './sets.ts'
import type { TaskSpec } from './task.ts'
import { PartEncoder, runTask, transferables } from './task.ts'

const { init, port, signal } = workerData as { init: WorkerInit; port: NodeMessagePort; signal: Int32Array }

const post = (msg: WorkerMessage, transfer: ArrayBuffer[] = []): void => {
  port.postMessage(msg, transfer)
  Atomics.add(signal, 0, 1)
  Atomics.notify(signal, 0)
}

const CHUNK = 1 << 20

/** `[start, end)` of a file, 1 MiB at a time (the whole file when the task has no range). */
function* range(task: TaskSpec): Generator<Uint8Array> {
  const fd = openSync(task.file, 'r')
  try {
    let at = task.start ?? 0
    const end = task.end ?? statSync(task.file).size
    while (at < end) {
      const buffer = new Uint8Array(Math.min(CHUNK, end - at))
      const n = readSync(fd, buffer, 0, buffer.length, at)
      if (n === 0) return
      at += n
      yield n === buffer.length ? buffer : buffer.subarray(0, n)
    }
  } finally {
    closeSync(fd)
  }
}

try {
  const io: CliIo = { ...nodeIo(), cwd: init.cwd, stdout: () => undefined, stderr: () => undefined, stderrIsTty: false,
    readStdin: () => init.stdin ?? '' }
  const { sets, adapter } = workerSets(io, init.command, init.args)
  const encoder = new PartEncoder()
  let evaluator: BatchEvaluator | undefined
  let options: WorkerBegin['options'] | undefined
  port.on('message', (msg: { task: TaskSpec } | { begin: WorkerBegin }) => {
    try {
      if ('begin' in msg) {
        evaluator = new BatchEvaluator(sets, adapter, msg.begin.answers)
        // One set of parser caches for all of this thread's tasks: endpoints are sent once.
        options = { ...msg.begin.options, caches: createIngestCaches() }
        return
      }
      if (!evaluator || !options) throw new Error('task before begin')
      runTask(msg.task, range(msg.task), evaluator, encoder, options, (part) => post({ part }, transferables(part)))
    } catch (e) {
      post({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) })
    }
  })
} catch (e) {
  post({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) })
}
