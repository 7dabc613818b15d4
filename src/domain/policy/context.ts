/** Per-document parsing context: collects diagnostics and builds Origins. */
import type { Origin, Severity, SourceRange, YamlPath } from './model.ts'
import type { YNode } from './tree.ts'

/** A diagnostic before line/column are attached (done once, at the end, from a LineIndex). */
export interface RawDiagnostic {
  readonly severity: Severity
  readonly code: string
  readonly message: string
  readonly range: SourceRange
  readonly doc?: number
  readonly path?: YamlPath
}

export class Ctx {
  /** Count of errors so far; callers compare before/after to drop an invalid part. */
  errors = 0
  constructor(
    readonly doc: number,
    readonly sink: RawDiagnostic[],
  ) {}

  origin(node: YNode | SourceRange, path: YamlPath): Origin {
    return { doc: this.doc, path, range: 'range' in node ? node.range : node }
  }

  report(severity: Severity, code: string, message: string, at: YNode | SourceRange, path: YamlPath): void {
    if (severity === 'error') this.errors++
    const range = 'range' in at ? at.range : at
    this.sink.push({ severity, code, message, range, doc: this.doc, path })
  }
  error(code: string, message: string, at: YNode | SourceRange, path: YamlPath): void {
    this.report('error', code, message, at, path)
  }
  warn(code: string, message: string, at: YNode | SourceRange, path: YamlPath): void {
    this.report('warning', code, message, at, path)
  }
  info(code: string, message: string, at: YNode | SourceRange, path: YamlPath): void {
    this.report('info', code, message, at, path)
  }
}
