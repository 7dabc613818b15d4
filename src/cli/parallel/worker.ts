/**
 * Worker thread entry of `evaluate` / `check --jobs N` (bundled as dist-cli/membrane-worker.js).
 * One worker lives for the whole command: it scans the ranges it is sent (the first pass,
 * plan.ts) while the main thread parses the policies, then compiles the parsed policies once
 * (`begin`) and runs the tasks it is sent (task.ts) with one long-lived batch evaluator, reading
 * its byte ranges from the file itself and posting each part back on its port.
 */
import type { MessagePort as NodeMessagePort } from 'node:worker_threads'
import { workerData } from 'node:worker_threads'
import { createIngestCaches } from '../../domain/flows/index.ts'
import { nodeIo } from '../io.ts'
import type { CliIo } from '../io.ts'
import { BatchEvaluator } from './batch-eval.ts'
import { scanRange } from './plan.ts'
import type { WorkerBegin, WorkerInit, WorkerMessage, WorkerRequest } from './pool.ts'
import { readRange } from './ranges.ts'
import { workerSets } from './sets.ts'
import type { TaskOptions } from './task.ts'
import { PartEncoder, runTask, transferables } from './task.ts'

const { init, port, signal } = workerData as { init: WorkerInit; port: NodeMessagePort; signal: Int32Array }

const post = (msg: WorkerMessage, transfer: ArrayBuffer[] = []): void => {
  port.postMessage(msg, transfer)
  Atomics.add(signal, 0, 1)
  Atomics.notify(signal, 0)
}

const io: CliIo = { ...nodeIo(), cwd: init.cwd, stdout: () => undefined, stderr: () => undefined, stderrIsTty: false,
  readStdin: () => init.stdin ?? '' }
const encoder = new PartEncoder()
let evaluator: BatchEvaluator | undefined
let options: TaskOptions | undefined

function begin(b: WorkerBegin): void {
  const { sets, adapter } = workerSets(io, init.command, init.args, b.policies)
  evaluator = new BatchEvaluator(sets, adapter, b.answers)
  // One set of parser caches for all of this thread's tasks: endpoints are sent once.
  options = { ...b.options, caches: createIngestCaches() }
}

port.on('message', (msg: WorkerRequest) => {
  try {
    if ('scan' in msg) {
      const { id, file, start, end } = msg.scan
      post({ scan: { id, result: scanRange(() => readRange(file, start, end), !start) } })
    } else if ('begin' in msg) begin(msg.begin)
    else {
      if (!evaluator || !options) throw new Error('task before begin')
      const task = msg.task
      runTask(task, readRange(task.file, task.start, task.end), evaluator, encoder, options, (part) => post({ part }, transferables(part)))
    }
  } catch (e) {
    post({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) })
  }
})
