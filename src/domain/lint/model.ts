/** Lint inputs and findings: pure data, so they cross the worker boundary and print as JSON. */
import type { TextEdit } from '../edits/gestures.ts'
import type { GraphModel } from '../graph/model.ts'
import type { EdgeId, ElementId, NodeId, PolicyKey } from '../graph/handles.ts'
import type { Label } from '../labels/label.ts'
import type { ParseResult, Severity, SourceRange, YamlPath } from '../policy/model.ts'
import type { LintCode } from './codes.ts'

/** An endpoint known from an inventory or from observed flows: its identity labels. */
export interface KnownEndpoint {
  readonly namespace?: string
  readonly labels: readonly Label[]
}

export interface LintInput {
  /** The whole workspace text the parse came from (ranges index into it). */
  readonly text: string
  readonly parse: ParseResult
  /** For the graph elements a finding concerns (subject node ids). */
  readonly graph?: Pick<GraphModel, 'nodes' | 'policySubjects'>
  /** Endpoints from an inventory and/or flows; absent means "nothing known", which turns off selector checks. */
  readonly endpoints?: readonly KnownEndpoint[]
  /** With flows: how many were replayed and the ids of the rule elements that decided one. */
  readonly usage?: { readonly flows: number; readonly used: ReadonlySet<string> }
}

/** A text edit that resolves a finding, planned against the linted text. */
export interface QuickFix {
  readonly title: string
  readonly edits: readonly TextEdit[]
}

export interface LintFinding {
  readonly code: LintCode
  readonly severity: Severity
  /** Plain words: what happens, not only what is written. */
  readonly message: string
  /** The rule behind it, citing cilium-semantics.md. */
  readonly why: string
  readonly range: SourceRange
  /** 1-based. */
  readonly line: number
  readonly column: number
  readonly endLine: number
  readonly endColumn: number
  readonly doc: number
  /** `ns/name` (`_cluster/name` for a CCNP). */
  readonly policy: string
  readonly policyKey: PolicyKey
  /** E.g. `spec.egress[1]`. */
  readonly path: string
  readonly yamlPath: YamlPath
  readonly elementId?: ElementId
  /** Graph nodes and edges it concerns (ids from graph/handles.ts). */
  readonly nodes: readonly NodeId[]
  readonly edges: readonly EdgeId[]
  readonly fix?: QuickFix
}
