/**
 * One parallel run of `evaluate` / `check --jobs N`: N threads evaluate, the main thread and N - 1
 * long-lived workers, in three steps:
 * 1. `new ParallelRun` (as the command begins, before it parses the policies): lays the inputs
 *    out and sends every range's first-pass scan to the workers, so they scan while the main
 *    thread parses;
 * 2. `plan`: collects the scans into the plan (files in time order, every DNS answer);
 * 3. `evaluate`: hands the workers the parsed policies and the answers, then tasks as they free
 *    up; the main thread passes the parts on in task order and, whenever the next part is not
 *    there yet, runs the next task itself. A worker isolate costs its own bundle load, JIT and
 *    heap, so the main thread working too is one isolate fewer than N workers.
 */
import type { CliIo } from '../io.ts'
import type { FileLayout, InputPlan, RangeScan } from './plan.ts'
import { layoutInputs, planOf } from './plan.ts'
import type { WorkerBegin, WorkerInit } from './pool.ts'
import { WorkerPool } from './pool.ts'
import type { FlowPart, TaskSpec } from './task.ts'

/** Tasks queued per worker: one running, one waiting, and memory for no more. */
const QUEUED = 2

export class ParallelRun {
  private readonly pool: WorkerPool
  private readonly layouts: FileLayout[]
  /** Scans sent, in order: scan `i` went to worker `i % workers`. */
  private readonly scans: { file: number; range: number }[] = []

  constructor(io: CliIo, files: readonly string[], jobs: number, splitBytes: number, init: WorkerInit) {
    this.layouts = layoutInputs(io, files, splitBytes)
    this.pool = new WorkerPool(jobs - 1, init)
    this.layouts.forEach((file, f) => file.ranges.forEach((range, r) => {
      const id = this.scans.length
      this.scans.push({ file: f, range: r })
      this.pool.send(id % this.pool.size, { scan: { id, file: file.abs, ...range } })
    }))
  }

  /** Threads that evaluate, the main thread included. */
  get size(): number {
    return this.pool.size + 1
  }

  plan(): InputPlan {
    const results: RangeScan[][] = this.layouts.map(() => [])
    this.scans.forEach(({ file, range }, id) => {
      const reply = this.pool.receive(id % this.pool.size)
      if (!('scan' in reply) || reply.scan.id !== id) throw new Error(`worker answered out of turn, expected scan ${id}`)
      results[file][range] = reply.scan.result
    })
    return planOf(this.layouts, results)
  }

  /**
   * Runs the plan's tasks, passing each part to `consume` in task order with its sender (0: the
   * main thread, `w + 1`: worker `w`). `local` runs a task on the main thread.
   */
  evaluate(plan: InputPlan, begin: WorkerBegin, local: (task: TaskSpec, emit: (part: FlowPart) => void) => void,
    consume: (part: FlowPart, sender: number) => void): void {
    const pool = this.pool
    for (let w = 0; w < pool.size; w++) pool.send(w, { begin })
    const tasks = plan.tasks
    /** Parts received and not yet passed on, by task; the sender of each task. */
    const parts = new Map<number, FlowPart[]>()
    const sender: number[] = []
    const queued = new Array<number>(pool.size).fill(0)
    let next = 0
    // Round the workers, so that consecutive tasks run side by side.
    const assign = (): void => {
      for (let more = true; more;) {
        more = false
        for (let w = 0; w < pool.size && next < tasks.length; w++) {
          if (queued[w] >= QUEUED) continue
          sender[next] = w + 1
          queued[w]++
          pool.send(w, { task: tasks[next++] })
          more = true
        }
      }
    }
    const keep = (part: FlowPart): void => {
      const list = parts.get(part.task)
      if (list) list.push(part)
      else parts.set(part.task, [part])
    }
    assign()
    for (let t = 0; t < tasks.length;) {
      const seen = pool.messages()
      for (let w = 0; w < pool.size; w++) {
        for (let reply = pool.poll(w); reply; reply = pool.poll(w)) {
          if (!('part' in reply)) throw new Error(`worker ${w + 1} answered out of turn`)
          if (reply.part.final) queued[w]--
          keep(reply.part)
        }
      }
      const ready = parts.get(t)
      if (ready) {
        parts.delete(t)
        for (const part of ready) consume(part, sender[t])
        if (ready[ready.length - 1].final) t++
        assign()
      } else if (next < tasks.length) {
        // The next part is not ready: rather than wait, the main thread takes a task itself.
        const mine = next++
        sender[mine] = 0
        local(tasks[mine], keep)
      } else pool.wait(seen)
    }
  }

  close(): void {
    this.pool.close()
  }
}
