import type { GraphModel } from '../domain/graph/index.ts'
import type { ParseResult } from '../domain/policy/model.ts'

export type EnforcementMode = 'default' | 'always' | 'never'

export interface WorkspaceSettings {
  readonly auditMode: boolean
  readonly enforcementMode: EnforcementMode
}

/** What the graph and YAML pane agree is selected; `from` stops selection echoing back. */
export interface Selection {
  readonly kind: 'node' | 'edge'
  readonly id: string
  readonly from: 'graph' | 'yaml'
}

/** The latest text's parse, and the model the graph shows (the last one that parsed). */
export interface ModelState {
  readonly parse: ParseResult
  /** Last result without YAML syntax errors; the graph keeps showing it while the text is broken. */
  readonly good: ParseResult
  readonly graph: GraphModel
  /** True while the current text does not parse and the graph shows `good`. */
  readonly stale: boolean
}
