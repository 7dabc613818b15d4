/**
 * Promise wrapper around the evaluator worker, with cancellation and a timeout; runs the same
 * core in-thread where `Worker` does not exist (Node, unit tests).
 */
import { EvaluatorCore } from './evaluator-core.ts'
import type { Answers, Command, LoadProgress, Request, Response } from './protocol.ts'

export interface CallOptions {
  readonly signal?: AbortSignal
  readonly timeoutMs?: number
  /** Progress of a streamed load (`loadFlowFiles`); each report restarts the timeout. */
  readonly onProgress?: (progress: LoadProgress) => void
}

export interface Evaluator {
  call<C extends Command>(command: C, options?: CallOptions): Promise<Answers[C['type']]>
  dispose(): void
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled')
    this.name = 'CancelledError'
  }
}

const DEFAULT_TIMEOUT_MS = 30_000

export function createEvaluator(makeWorker?: () => Worker): Evaluator {
  if (makeWorker === undefined || typeof Worker === 'undefined') return inThreadEvaluator()
  return workerEvaluator(makeWorker())
}

function inThreadEvaluator(): Evaluator {
  const core = new EvaluatorCore()
  return {
    call(command, options) {
      if (options?.signal?.aborted) return Promise.reject(new CancelledError())
      if (command.type === 'loadFlowFiles') {
        const signal = options?.signal
        return core.runAsync(command, (p) => options?.onProgress?.(p), () => signal?.aborted === true).catch((err: unknown) => {
          throw signal?.aborted ? new CancelledError() : err
        }) as Promise<never>
      }
      try {
        return Promise.resolve(core.run(command))
      } catch (err) {
        return Promise.reject(err instanceof Error ? err : new Error(String(err)))
      }
    },
    dispose() {},
  }
}

function workerEvaluator(worker: Worker): Evaluator {
  let nextId = 0
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; progress?: (p: LoadProgress) => void }>()
  worker.onmessage = (event: MessageEvent<Response>) => {
    const entry = pending.get(event.data.id)
    if (!entry) return
    if ('progress' in event.data) {
      entry.progress?.(event.data.progress)
      return
    }
    pending.delete(event.data.id)
    if (event.data.ok) entry.resolve(event.data.value)
    else entry.reject(event.data.error === 'cancelled' ? new CancelledError() : new Error(event.data.error))
  }
  worker.onerror = (event) => {
    for (const [, entry] of pending) entry.reject(new Error(`evaluator worker failed: ${event.message}`))
    pending.clear()
  }
  return {
    call<C extends Command>(command: C, options: CallOptions = {}): Promise<Answers[C['type']]> {
      nextId += 1
      const id = nextId
      return new Promise<Answers[C['type']]>((resolve, reject) => {
        if (options.signal?.aborted) {
          reject(new CancelledError())
          return
        }
        const limit = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
        const expire = (): void => {
          pending.delete(id)
          reject(new Error(`evaluator did not answer within ${limit} ms`))
        }
        let timer = setTimeout(expire, limit)
        const done = (): void => clearTimeout(timer)
        pending.set(id, {
          resolve: (v) => {
            done()
            resolve(v as Answers[C['type']])
          },
          reject: (e) => {
            done()
            reject(e)
          },
          progress: (p) => {
            clearTimeout(timer)
            timer = setTimeout(expire, limit)
            options.onProgress?.(p)
          },
        })
        options.signal?.addEventListener('abort', () => {
          const req: Request = { id, cancel: true }
          worker.postMessage(req)
          // A streamed load answers 'cancelled' once it has put the earlier flows back: wait for
          // that, so a command sent after the cancel never sees the half-read capture.
          if (command.type === 'loadFlowFiles') return
          const entry = pending.get(id)
          pending.delete(id)
          entry?.reject(new CancelledError())
        })
        const req: Request = { id, command }
        worker.postMessage(req)
      })
    },
    dispose() {
      worker.terminate()
      for (const [, entry] of pending) entry.reject(new CancelledError())
      pending.clear()
    },
  }
}
