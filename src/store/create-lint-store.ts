/**
 * Lint findings for the workspace, computed by the evaluator (a worker in the app) a pause after
 * the text changes or flows arrive, so linting never runs on the typing path. Findings carry the
 * text they were computed for: positions and quick fixes are only valid against that text.
 */
import { createStore } from 'zustand/vanilla'
import type { StoreApi } from 'zustand/vanilla'
import type { LintFinding } from '../domain/lint/index.ts'
import type { Severity } from '../domain/policy/model.ts'
import type { Evaluator } from '../worker/evaluator-client.ts'
import type { EvaluationStore } from './create-evaluation-store.ts'
import type { WorkspaceStore } from './create-workspace-store.ts'

/** The worst severity of the findings on one graph element, and how many there are. */
export interface LintMark {
  readonly severity: Severity
  readonly count: number
  /** The first finding's message, for a tooltip. */
  readonly message: string
}

export interface LintState {
  /** The text the findings belong to ('' before the first run). */
  text: string
  findings: readonly LintFinding[]
  byNode: ReadonlyMap<string, LintMark>
  byEdge: ReadonlyMap<string, LintMark>
  /** Lints the current text now (tests, scripting). */
  refresh(): Promise<void>
  dispose(): void
}

export type LintStore = StoreApi<LintState>

export interface LintStoreOptions {
  readonly workspace: WorkspaceStore
  readonly evaluation: EvaluationStore
  readonly evaluator: Evaluator
  /** Pause after the last change before linting. */
  readonly delayMs?: number
}

const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 }

/** Marks per element id: worst severity first, counted. */
export function marksBy(findings: readonly LintFinding[], ids: (f: LintFinding) => readonly string[]): Map<string, LintMark> {
  const out = new Map<string, LintMark>()
  for (const f of findings) {
    for (const id of new Set(ids(f))) {
      const m = out.get(id)
      if (!m) out.set(id, { severity: f.severity, count: 1, message: f.message })
      else out.set(id, RANK[f.severity] < RANK[m.severity] ? { severity: f.severity, count: m.count + 1, message: f.message } : { ...m, count: m.count + 1 })
    }
  }
  return out
}

export function createLintStore(options: LintStoreOptions): LintStore {
  const { workspace, evaluation, evaluator, delayMs = 250 } = options
  let timer: ReturnType<typeof setTimeout> | undefined
  let seq = 0

  const run = async (): Promise<void> => {
    const mine = ++seq
    const text = workspace.getState().text
    try {
      const answer = await evaluator.call({ type: 'lint', text })
      // A newer run started meanwhile: its answer will be the one to show.
      if (mine !== seq) return
      store.setState({
        text: answer.text,
        findings: answer.findings,
        byNode: marksBy(answer.findings, (f) => f.nodes),
        byEdge: marksBy(answer.findings, (f) => f.edges),
      })
    } catch {
      // The evaluator restarting or timing out only delays the lints until the next change.
    }
  }
  const schedule = (): void => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      timer = undefined
      void run()
    }, delayMs)
  }

  const store = createStore<LintState>()(() => ({
    text: '',
    findings: [],
    byNode: new Map(),
    byEdge: new Map(),
    refresh: () => {
      clearTimeout(timer)
      timer = undefined
      return run()
    },
    dispose() {
      clearTimeout(timer)
      unsubWorkspace()
      unsubFlows()
    },
  }))

  const unsubWorkspace = workspace.subscribe((s, prev) => {
    if (s.text !== prev.text) schedule()
  })
  // New flows bring endpoints (selector checks) and rule usage (unused-rule); an inventory, its pods.
  const unsubFlows = evaluation.subscribe((s, prev) => {
    if (s.flows !== prev.flows || s.inventory !== prev.inventory) schedule()
  })
  schedule()
  return store
}
