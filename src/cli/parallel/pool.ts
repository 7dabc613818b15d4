/**
 * Worker threads for `evaluate` / `check --jobs N` (N - 1 of them: the main thread evaluates
 * too), driven synchronously: the commands are synchronous functions (tests run them
 * in-process), so the main thread does not return to its event loop while workers run. Each worker answers on its own MessagePort, read with
 * `receiveMessageOnPort`; a shared counter bumped after every message lets the main thread sleep
 * in `Atomics.wait` until something arrives instead of spinning.
 *
 * The worker script is `membrane-worker.js` next to the bundle (scripts/build-cli.mjs builds both);
 * from the sources (tests, bench) the TypeScript module is loaded through tsx.
 */
import type { MessagePort as NodeMessagePort, WorkerOptions } from 'node:worker_threads'
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads'
import type { ParsedArgs } from '../args.ts'
import type { DnsAnswerRecord } from './batch-eval.ts'
import type { ByteRange, RangeScan } from './plan.ts'
import type { PolicySource } from './sets.ts'
import type { FlowPart, TaskOptions, TaskSpec } from './task.ts'

/** Replaced by the bundler with the worker bundle's file name. */
declare const __MEMBRANE_WORKER__: string | undefined

/** What a worker needs, with `WorkerBegin`'s policies, to rebuild the command's policy sets exactly as the main thread did. */
export interface WorkerInit {
  readonly command: 'evaluate' | 'check'
  /** The command's parsed arguments (Sets and Maps clone as they are): settings, inventory. */
  readonly args: ParsedArgs
  readonly cwd: string
  /** Standard input's text, when a settings input came from it. */
  readonly stdin?: string
}

/** A range to scan in the first pass (plan.ts), numbered in the order the main thread reads the answers. */
export interface ScanRequest extends ByteRange {
  readonly id: number
  readonly file: string
}

/**
 * Sent once the first pass is done, before the tasks. The policies come parsed (the main thread
 * parsed them while the workers scanned): a worker only compiles them.
 */
export interface WorkerBegin {
  readonly answers: readonly DnsAnswerRecord[]
  readonly options: TaskOptions
  readonly policies: readonly PolicySource[]
}

export type WorkerRequest = { readonly scan: ScanRequest } | { readonly begin: WorkerBegin } | { readonly task: TaskSpec }

export type WorkerReply = { readonly part: FlowPart } | { readonly scan: { readonly id: number; readonly result: RangeScan } }

export type WorkerMessage = WorkerReply | { readonly error: string }

interface Thread {
  readonly worker: Worker
  readonly port: NodeMessagePort
}

export class WorkerPool {
  private readonly threads: Thread[]
  private readonly signal = new Int32Array(new SharedArrayBuffer(4))

  constructor(size: number, init: WorkerInit) {
    this.threads = Array.from({ length: size }, () => this.start(init))
  }

  get size(): number {
    return this.threads.length
  }

  send(thread: number, request: WorkerRequest): void {
    this.threads[thread].port.postMessage(request)
  }

  /** The next message from `thread`, waiting for it. */
  receive(thread: number): WorkerReply {
    for (;;) {
      const seen = Atomics.load(this.signal, 0)
      const m = this.poll(thread)
      if (m) return m
      this.wait(seen)
    }
  }

  /** The next message from `thread` if one has arrived. */
  poll(thread: number): WorkerReply | undefined {
    const m = receiveMessageOnPort(this.threads[thread].port)
    if (!m) return undefined
    const msg = m.message as WorkerMessage
    if ('error' in msg) throw new Error(`worker ${thread + 1}: ${msg.error}`)
    return msg
  }

  /** The message count, for `wait`: read it before polling, so a message arriving in between is not missed. */
  messages(): number {
    return Atomics.load(this.signal, 0)
  }

  /** Sleeps until any worker posts after the count `seen`; the timeout only bounds a missed wake-up. */
  wait(seen: number): void {
    Atomics.wait(this.signal, 0, seen, 1000)
  }

  close(): void {
    for (const t of this.threads) {
      t.port.close()
      void t.worker.terminate()
    }
  }

  private start(init: WorkerInit): Thread {
    const { port1, port2 } = new MessageChannel()
    const workerData = { init, port: port2, signal: this.signal }
    const options: WorkerOptions = { workerData, transferList: [port2] }
    const worker = typeof __MEMBRANE_WORKER__ === 'string'
      ? new Worker(new URL(`./${__MEMBRANE_WORKER__}`, import.meta.url), options)
      : new Worker(tsxBoot(new URL('./worker.ts', import.meta.url)), { ...options, eval: true })
    // The pool is closed explicitly; an idle worker must not keep the process alive meanwhile.
    worker.unref()
    return { worker, port: port1 }
  }
}

/** From the sources: tsx (a dev dependency) loads the TypeScript worker module, as the evaluator worker tests do. */
function tsxBoot(module: URL): string {
  return `import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(module.href)}, ${JSON.stringify(import.meta.url)}))`
}
