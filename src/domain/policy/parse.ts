/**
 * YAML/JSON text → ParseResult: documents, normalized policies (Cilium's translations applied),
 * CIDR groups and diagnostics with line/column. Never throws, whatever the input.
 */
import { Ctx } from './context.ts'
import type { RawDiagnostic } from './context.ts'
import { objectsOf, splitDocuments } from './documents.ts'
import type { CidrGroup, Diagnostic, DocumentInfo, ParseResult, Policy } from './model.ts'
import type { Collected, ObjectStatus } from './objects.ts'
import { handleObject } from './objects.ts'
import { checkL7Merges } from './l7-conflicts.ts'
import { peekHeader } from './metadata.ts'
import { LineIndex, clamp } from './positions.ts'
import type { AliasBudget } from './tree.ts'
import { aliasBudget } from './tree.ts'

export interface ParseOptions {
  /**
   * The alias expansion budget to charge; pass one budget to every call that makes up one
   * workspace (the CLI's several files), so the total stays bounded. Fresh per call by default.
   */
  readonly aliasBudget?: AliasBudget
}

/** Parses every document of `text` into the policy model. */
export function parsePolicies(text: string, options: ParseOptions = {}): ParseResult {
  const src = typeof text === 'string' ? text : String(text)
  const sink: RawDiagnostic[] = []
  try {
    return parseInner(src, sink, options.aliasBudget ?? aliasBudget())
  } catch (e) {
    // Defensive: a bug must never take the editor down; report it as a diagnostic instead.
    sink.push({ severity: 'error', code: 'internal', message: `internal parser error: ${e instanceof Error ? e.message : String(e)}`, range: { start: 0, end: 0 } })
    return { documents: [], policies: [], cidrGroups: [], diagnostics: finish(src, sink) }
  }
}

function parseInner(text: string, sink: RawDiagnostic[], budget: AliasBudget): ParseResult {
  const documents: DocumentInfo[] = []
  const out: Collected = { policies: [], cidrGroups: [] }
  for (const d of splitDocuments(text, sink, budget)) {
    if (d.root === null || (d.root.t === 'scalar' && d.root.value === null)) {
      documents.push({ index: d.index, range: d.range, status: d.hasErrors ? 'invalid' : 'empty' })
      continue
    }
    const header = d.root.t === 'map' ? peekHeader(d.root) : {}
    const info = {
      index: d.index,
      range: d.range,
      ...(header.apiVersion !== undefined && { apiVersion: header.apiVersion }),
      ...(header.kind !== undefined && { kind: header.kind }),
      ...(header.name !== undefined && { name: header.name }),
      ...(header.namespace !== undefined && { namespace: header.namespace }),
    }
    if (d.hasErrors) {
      documents.push({ ...info, status: 'invalid' })
      continue
    }
    const ctx = new Ctx(d.index, sink)
    const { objects, listKind } = objectsOf(d.root)
    const statuses: ObjectStatus[] = objects.map((o) => handleObject(o.node, ctx, o.path, out))
    const status: ObjectStatus = listKind === undefined ? statuses[0] : aggregate(statuses)
    documents.push({ ...info, ...(listKind === 'array' && { kind: 'array' }), status })
  }
  return {
    documents,
    policies: checkL7Merges(dedupe(out.policies, (p) => p.key, 'policy', sink), sink),
    cidrGroups: dedupe(out.cidrGroups, (g) => `CiliumCIDRGroup/${g.name}`, 'CIDR group', sink),
    diagnostics: finish(text, sink),
  }
}

function aggregate(statuses: readonly ObjectStatus[]): ObjectStatus {
  if (statuses.length === 0) return 'empty'
  for (const s of ['policy', 'cidr-group', 'invalid'] as const) if (statuses.includes(s)) return s
  return 'not-a-policy'
}

/** Like `kubectl apply`, a later object with the same key replaces the earlier one. */
function dedupe<T extends Policy | CidrGroup>(items: T[], keyOf: (t: T) => string, what: string, sink: RawDiagnostic[]): T[] {
  const byKey = new Map<string, number>()
  const out: (T | undefined)[] = []
  for (const item of items) {
    const key = keyOf(item)
    const prev = byKey.get(key)
    if (prev !== undefined) {
      sink.push({
        severity: 'warning',
        code: 'duplicate-policy',
        message: `duplicate ${what} ${key}; this one replaces the earlier definition`,
        range: item.origin.range,
        doc: item.origin.doc,
        path: item.origin.path,
      })
      out[prev] = undefined
    }
    byKey.set(key, out.length)
    out.push(item)
  }
  return out.filter((x): x is T => x !== undefined)
}

/** Longest diagnostic message: messages quote names and values from the input, which may be megabytes. */
const MAX_MESSAGE = 1000

function capMessage(m: string): string {
  return m.length <= MAX_MESSAGE ? m : `${m.slice(0, MAX_MESSAGE)}…(${m.length - MAX_MESSAGE} more characters)`
}

/** Attaches 1-based positions, clamps ranges into the text and orders by position. */
function finish(text: string, sink: readonly RawDiagnostic[]): Diagnostic[] {
  const lines = new LineIndex(text)
  const out = sink.map((d) => {
    const start = clamp(d.range.start, 0, text.length)
    const end = clamp(d.range.end, start, text.length)
    const a = lines.position(start)
    const b = lines.position(end)
    return { ...d, message: capMessage(d.message), range: { start, end }, line: a.line, column: a.column, endLine: b.line, endColumn: b.column }
  })
  return out.sort((x, y) => x.range.start - y.range.start)
}
