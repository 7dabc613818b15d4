/** Collects findings for one lint run: positions, graph handles and quick fixes in one place. */
import type { Target } from '../edits/splice.ts'
import { EditBuilder } from '../edits/text-edits.ts'
import { Workspace } from '../edits/workspace.ts'
import { formatPath } from '../graph/describe.ts'
import type { EdgeId, NodeId } from '../graph/handles.ts'
import { edgeId, scopedName } from '../graph/handles.ts'
import type { Policy, RuleElement, Severity, SourceRange, YamlPath } from '../policy/model.ts'
import { LineIndex } from '../policy/positions.ts'
import type { LintCode } from './codes.ts'
import { CODE_INFO } from './codes.ts'
import type { LintFinding, LintInput, QuickFix } from './model.ts'

/** Plans a fix into the target; returns its title. Throwing means "no fix here". */
export type FixPlanner = (t: Target) => string

export interface FindingSpec {
  readonly code: LintCode
  readonly message: string
  readonly policy: Policy
  /** Where the marker goes; defaults to the element's range. */
  readonly range?: SourceRange
  readonly path?: YamlPath
  readonly element?: RuleElement
  readonly severity?: Severity
  /** Extra detail appended to the code's why (e.g. the near-miss reasoning). */
  readonly why?: string
  readonly nodes?: readonly NodeId[]
  readonly edges?: readonly EdgeId[]
  readonly fix?: FixPlanner
}

export class LintContext {
  readonly findings: LintFinding[] = []
  private readonly lines: LineIndex
  private wsCache: Workspace | undefined

  constructor(readonly input: LintInput) {
    this.lines = new LineIndex(input.text)
  }

  get ws(): Workspace {
    this.wsCache ??= new Workspace(this.input.text)
    return this.wsCache
  }

  /** Subject nodes the graph drew for a policy. */
  subjects(policy: Policy): readonly NodeId[] {
    return this.input.graph?.policySubjects?.[policy.key] ?? []
  }

  add(s: FindingSpec): void {
    const el = s.element
    const range = s.range ?? (el ? this.headOf(el) : s.policy.origin.range)
    const yamlPath = s.path ?? el?.origin.path ?? s.policy.origin.path
    const doc = el?.origin.doc ?? s.policy.origin.doc
    const start = this.lines.position(range.start)
    const end = this.lines.position(range.end)
    const info = CODE_INFO[s.code]
    const fix = s.fix ? this.plan(s.fix, doc) : undefined
    this.findings.push({
      code: s.code,
      severity: s.severity ?? info.severity,
      message: s.message,
      why: s.why ? `${info.why} ${s.why}` : info.why,
      range,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      doc,
      policy: scopedName(s.policy.namespace, s.policy.name),
      policyKey: s.policy.key,
      path: formatPath(yamlPath),
      yamlPath,
      ...(el && { elementId: el.id }),
      nodes: s.nodes ?? this.subjects(s.policy),
      edges: s.edges ?? (el ? el.peers.map((_, i) => edgeId(el.id, i)) : []),
      ...(fix && { fix }),
    })
  }

  /**
   * Where an element's marker goes: its first key (`- toFQDNs:`), so the squiggle marks the rule
   * without underlining every line of it; the whole element when it has no keys (`- {}`).
   */
  private headOf(el: RuleElement): SourceRange {
    const node = this.ws.node(el.origin.doc, el.origin.path)
    const first = node?.t === 'map' ? [...node.entries.values()].sort((a, b) => a.keyRange.start - b.keyRange.start)[0] : undefined
    return first ? first.keyRange : el.origin.range
  }

  private plan(planner: FixPlanner, doc: number): QuickFix | undefined {
    const b = new EditBuilder(this.input.text)
    try {
      const title = planner({ ws: this.ws, b, doc })
      const edits = b.build()
      return edits.length > 0 ? { title, edits } : undefined
    } catch {
      // A fix that cannot be planned on this text (odd layout, flow style) is simply not offered.
      return undefined
    }
  }
}
