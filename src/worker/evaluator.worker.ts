/// <reference lib="webworker" />
/**
 * The evaluator Web Worker. Commands queue and run one per task, so a cancel message that
 * arrives while a command waits is seen before it runs (a superseded re-evaluation is skipped).
 */
import { EvaluatorCore } from './evaluator-core.ts'
import type { Command, Request, Response } from './protocol.ts'

const core = new EvaluatorCore()
const queue: { id: number; command: Command }[] = []
const cancelled = new Set<number>()
let scheduled = false

function drain(): void {
  scheduled = false
  const next = queue.shift()
  if (!next) return
  let response: Response
  if (cancelled.delete(next.id)) {
    response = { id: next.id, ok: false, error: 'cancelled' }
  } else {
    try {
      response = { id: next.id, ok: true, value: core.run(next.command) }
    } catch (err) {
      response = { id: next.id, ok: false, error: err instanceof Error ? err.message : String(err) }
    }
  }
  self.postMessage(response)
  schedule()
}

function schedule(): void {
  if (scheduled || queue.length === 0) return
  scheduled = true
  setTimeout(drain, 0)
}

/** Streamed loads in progress (they run beside the queue: reading a file is waiting, not work). */
const loads = new Set<number>()

function startLoad(id: number, command: Extract<Command, { type: 'loadFlowFiles' }>): void {
  loads.add(id)
  core
    .runAsync(command, (progress) => self.postMessage({ id, progress } satisfies Response), () => cancelled.has(id))
    .then(
      (value) => self.postMessage({ id, ok: true, value } satisfies Response),
      (err: unknown) => self.postMessage({ id, ok: false, error: cancelled.has(id) ? 'cancelled' : err instanceof Error ? err.message : String(err) } satisfies Response),
    )
    .finally(() => {
      loads.delete(id)
      cancelled.delete(id)
    })
}

self.onmessage = (event: MessageEvent<Request>) => {
  const req = event.data
  if ('cancel' in req) {
    if (loads.has(req.id) || queue.some((q) => q.id === req.id)) cancelled.add(req.id)
    return
  }
  if (req.command.type === 'loadFlowFiles') {
    startLoad(req.id, req.command)
    return
  }
  queue.push(req)
  schedule()
}
