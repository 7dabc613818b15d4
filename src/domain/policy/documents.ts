/** Splits text into YAML/JSON documents and unwraps `kind: List` / `*List` / JSON arrays into objects. */
import type { Document } from 'yaml'
import { parseAllDocuments } from 'yaml'
import type { RawDiagnostic } from './context.ts'
import type { SourceRange, YamlPath } from './model.ts'
import { clamp } from './positions.ts'
import { MAX_NESTING, findDeepNesting } from './nesting.ts'
import type { AliasBudget, TreeProblem, YEntry, YNode } from './tree.ts'
import { aliasBudget, toTree } from './tree.ts'

export interface SourceDocument {
  readonly index: number
  readonly range: SourceRange
  /** null for an empty document (only comments / whitespace). */
  readonly root: YNode | null
  /** YAML syntax errors make the document invalid: no model is built from it. */
  readonly hasErrors: boolean
}

interface YamlIssue {
  readonly message: string
  readonly pos?: readonly number[]
}

/** One document of a chunk, with ranges relative to the chunk (so it can be cached and shifted). */
interface ChunkDoc {
  readonly range: SourceRange
  readonly root: YNode | null
  readonly diags: readonly Omit<RawDiagnostic, 'doc'>[]
  readonly hasErrors: boolean
}
interface Chunk {
  readonly docs: readonly ChunkDoc[]
  readonly streamDiags: readonly Omit<RawDiagnostic, 'doc'>[]
  /** Alias nodes the chunk's trees hold: charged to the workspace budget each time it is used. */
  readonly aliasNodes: number
  /** The budget ran out while building it; valid again only with exactly the same budget left. */
  readonly cutAt?: number
}

/**
 * Per-chunk cache: while typing, only the edited document changes, so re-parsing the others is
 * wasted work (yaml's composer dominates the cost). Holds exactly the chunks of the last parse.
 */
let cache = new Map<string, Chunk>()

/**
 * Parses every document; YAML errors and warnings go to `sink`. Never throws. `budget` bounds
 * alias expansion over all documents (and, when the caller shares it, over several texts).
 */
export function splitDocuments(text: string, sink: RawDiagnostic[], budget: AliasBudget = aliasBudget()): SourceDocument[] {
  const next = new Map<string, Chunk>()
  const out: SourceDocument[] = []
  for (const [base, end] of chunkBounds(text)) {
    const chunkText = text.slice(base, end)
    const fits = (c: Chunk | undefined): c is Chunk => c !== undefined && (c.cutAt === undefined ? c.aliasNodes <= budget.left : c.cutAt === budget.left)
    const known = next.get(chunkText) ?? cache.get(chunkText)
    let chunk: Chunk
    if (fits(known)) {
      chunk = known
      budget.left -= chunk.aliasNodes
    } else chunk = parseChunk(chunkText, budget)
    next.set(chunkText, chunk)
    for (const d of chunk.streamDiags) sink.push(shiftDiag(d, base))
    for (const d of chunk.docs) {
      const index = out.length
      for (const diag of d.diags) sink.push({ ...shiftDiag(diag, base), doc: index })
      out.push({ index, range: shiftRange(d.range, base), root: d.root && shiftTree(d.root, base), hasErrors: d.hasErrors })
    }
  }
  cache = next
  return out
}

/** Splits at `---` lines (document markers at column 0 always start a document in YAML). */
function chunkBounds(text: string): [number, number][] {
  // Directives (%YAML) belong to the following document; keep such text whole.
  if (/^%/m.test(text)) return [[0, text.length]]
  const starts = [0]
  const re = /^---(?=[ \t\r\n]|$)/gm
  for (let m = re.exec(text); m !== null; m = re.exec(text)) if (m.index > 0) starts.push(m.index)
  return starts.map((s, i) => [s, i + 1 < starts.length ? starts[i + 1] : text.length])
}

function parseChunk(text: string, budget: AliasBudget): Chunk {
  const len = text.length
  const deep = findDeepNesting(text)
  if (deep !== undefined) {
    // Never handed to the parser: its recursion would abort the process (see nesting.ts).
    const at = { start: deep.offset, end: Math.max(deep.offset, deep.lineEnd) }
    const diag = { severity: 'error' as const, code: 'too-deep', message: `nesting deeper than ${MAX_NESTING} levels is not supported; this document is not parsed`, range: at }
    return { docs: [{ range: { start: 0, end: len }, root: null, diags: [diag], hasErrors: true }], streamDiags: [], aliasNodes: 0 }
  }
  const budgetBefore = budget.left
  let aliasNodes = 0
  let cut = false
  const range = (pos: readonly number[] | undefined, fallback: SourceRange): SourceRange => {
    if (!pos || typeof pos[0] !== 'number') return fallback
    const start = clamp(pos[0], 0, len)
    return { start, end: clamp(Math.max(pos[1] ?? start, start), start, len) }
  }
  const issue = (severity: 'error' | 'warning', e: YamlIssue, fallback: SourceRange): Omit<RawDiagnostic, 'doc'> => ({
    severity,
    code: severity === 'error' ? 'yaml-syntax' : 'yaml-warning',
    message: `YAML: ${e.message.split('\n')[0]}`,
    range: range(e.pos, fallback),
  })
  const parsed = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true, strict: true })
  if (!Array.isArray(parsed) || parsed.length === 0) {
    const stream = parsed as unknown as { errors?: YamlIssue[]; warnings?: YamlIssue[] }
    const all = { start: 0, end: len }
    return {
      docs: [],
      streamDiags: [...(stream.errors ?? []).map((e) => issue('error', e, all)), ...(stream.warnings ?? []).map((w) => issue('warning', w, all))],
      aliasNodes: 0,
    }
  }
  const docs = (parsed as Document[]).map((doc): ChunkDoc => {
    const r = (doc as unknown as { range?: readonly number[] }).range
    const docRange = range(r ? [r[0], r[2] ?? r[1]] : undefined, { start: 0, end: len })
    const diags = [...doc.errors.map((e) => issue('error', e, docRange)), ...doc.warnings.map((w) => issue('warning', w, docRange))]
    const problems: TreeProblem[] = []
    let root: YNode | null = null
    try {
      const tree = toTree(doc, text, problems, budget)
      root = tree.root
      aliasNodes += tree.aliasNodes
      cut ||= tree.aliasCut
    } catch {
      problems.push({ code: 'internal', message: 'this document could not be read', range: docRange })
    }
    for (const p of problems) diags.push({ severity: p.code === 'complex-key' ? 'warning' : 'error', code: p.code, message: p.message, range: p.range })
    return { range: docRange, root, diags, hasErrors: doc.errors.length > 0 || problems.some((p) => p.code !== 'complex-key') }
  })
  return { docs, streamDiags: [], aliasNodes, ...(cut ? { cutAt: budgetBefore } : {}) }
}

function shiftRange(r: SourceRange, by: number): SourceRange {
  return by === 0 ? r : { start: r.start + by, end: r.end + by }
}
function shiftDiag(d: Omit<RawDiagnostic, 'doc'>, by: number): RawDiagnostic {
  return by === 0 ? d : { ...d, range: shiftRange(d.range, by) }
}
/** A copy of the tree with every range moved by `by` (the chunk's offset in the whole text). */
function shiftTree(n: YNode, by: number): YNode {
  if (by === 0) return n
  const range = shiftRange(n.range, by)
  if (n.t === 'scalar') return { t: 'scalar', value: n.value, range }
  if (n.t === 'seq') return { t: 'seq', items: n.items.map((i) => shiftTree(i, by)), range }
  const entries = new Map<string, YEntry>()
  for (const [k, e] of n.entries) entries.set(k, { key: e.key, keyRange: shiftRange(e.keyRange, by), value: shiftTree(e.value, by) })
  return { t: 'map', entries, range }
}

export interface ObjectRef {
  readonly node: YNode
  readonly path: YamlPath
}

/** The objects a document holds: itself, or the items of a List / JSON array. */
export function objectsOf(root: YNode): { objects: ObjectRef[]; listKind?: string } {
  if (root.t === 'seq') return { objects: root.items.map((node, i) => ({ node, path: [i] })), listKind: 'array' }
  if (root.t === 'map') {
    const kind = root.entries.get('kind')?.value
    const items = root.entries.get('items')?.value
    if (kind?.t === 'scalar' && typeof kind.value === 'string' && kind.value.endsWith('List') && items !== undefined) {
      if (items.t === 'seq') return { objects: items.items.map((node, i) => ({ node, path: ['items', i] })), listKind: kind.value }
      if (items.t === 'scalar' && items.value === null) return { objects: [], listKind: kind.value }
    }
  }
  return { objects: [{ node: root, path: [] }] }
}
