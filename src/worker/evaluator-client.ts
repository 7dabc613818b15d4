/**
 * Promise wrapper around the evaluator worker, with cancellation and a timeout; runs the same
 * core in-thread where `Worker` does not exist (Node, unit tests).
 */
import { EvaluatorCore } from './evaluator-core.ts'
import type { Answers, Command, Request, Response } from './protocol.ts'

export interface CallOptions {
  readonly signal?: AbortSignal
  readonly timeoutMs?: number
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
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  worker.onmessage = (event: MessageEvent<Response>) => {
    const entry = pending.get(event.data.id)
    if (!entry) return
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
        const timer = setTimeout(() => {
          pending.delete(id)
          reject(new Error(`evaluator did not answer within ${options.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`))
        }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS)
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
        })
        options.signal?.addEventListener('abort', () => {
          const req: Request = { id, cancel: true }
          worker.postMessage(req)
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
