/**
 * A small, prototype-safe view of a YAML document: maps are `Map`s (so `__proto__` is just a key),
 * every node keeps its source range, aliases are resolved with an expansion budget (alias bombs).
 */
import type { Document, Node as YamlNode } from 'yaml'
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml'
import type { SourceRange } from './model.ts'
import { MAX_NESTING } from './nesting.ts'

export interface YEntry {
  readonly key: string
  readonly keyRange: SourceRange
  readonly value: YNode
}
export type YNode =
  | { readonly t: 'map'; readonly entries: ReadonlyMap<string, YEntry>; readonly range: SourceRange }
  | { readonly t: 'seq'; readonly items: readonly YNode[]; readonly range: SourceRange }
  | { readonly t: 'scalar'; readonly value: string | number | boolean | null; readonly range: SourceRange }
export type YMap = Extract<YNode, { t: 'map' }>
export type YSeq = Extract<YNode, { t: 'seq' }>
export type YScalar = Extract<YNode, { t: 'scalar' }>

/** Problems found while building the tree, reported by the caller as diagnostics. */
export interface TreeProblem {
  readonly code: string
  readonly message: string
  readonly range: SourceRange
}

const MAX_DEPTH = MAX_NESTING

/**
 * Nodes alias expansion may create in one workspace, over all its documents and files. yaml's
 * own `maxAliasCount` is per document, so 1,000 small bombs joined by `---` (issue 8) each stayed
 * under it and together took the CLI to gigabytes; one shared budget bounds the total.
 */
export const MAX_ALIAS_EXPANSION = 50_000

/** The alias expansion budget shared by every document of a workspace (mutable on purpose). */
export interface AliasBudget {
  left: number
}

export function aliasBudget(): AliasBudget {
  return { left: MAX_ALIAS_EXPANSION }
}

interface Build {
  readonly doc: Document
  readonly text: string
  readonly problems: TreeProblem[]
  /** Nodes still allowed to be created by alias expansion (bounds "billion laughs" input). */
  readonly budget: AliasBudget
  inAlias: number
  /** Nodes this document's aliases created (so a cached document can be charged again). */
  aliasNodes: number
  aliasCut: boolean
  /** The outermost alias being expanded: where a cut is reported (the anchor may be far away). */
  aliasSite: SourceRange
  /**
   * Anchors met so far in document order: the last one of a name is what a later alias means.
   * yaml's own `Alias.resolve` walks the document from its start for every alias — quadratic: 78 KB
   * of `*a` took a minute (issue 8) — so aliases are resolved here, in one pass.
   */
  readonly anchors: Map<string, unknown>
  /** Aliases written in the document (not those met inside an expansion). */
  aliasRefs: number
  /** Nodes written in the document. */
  nodes: number
  /** Where the first alias is written (-1: none). */
  firstAlias: number
}

export interface TreeResult {
  readonly root: YNode | null
  /** Nodes created by expanding aliases, charged to the budget. */
  readonly aliasNodes: number
  /** The budget ran out in this document: some aliases were not expanded. */
  readonly aliasCut: boolean
  /** Aliases and nodes written in the document: what resolving the aliases costs yaml's `toJS`. */
  readonly aliasRefs: number
  readonly nodes: number
  /** Offset of the first alias written (-1: none). */
  readonly firstAlias: number
}

/** Converts a parsed yaml Document's contents into a YNode tree (null for an empty document). */
export function toTree(doc: Document, text: string, problems: TreeProblem[], budget: AliasBudget = aliasBudget()): TreeResult {
  const contents = doc.contents as YamlNode | null
  if (contents === null || contents === undefined) return { root: null, aliasNodes: 0, aliasCut: false, aliasRefs: 0, nodes: 0, firstAlias: -1 }
  const b: Build = { doc, text, problems, budget, inAlias: 0, aliasNodes: 0, aliasCut: false, aliasSite: { start: 0, end: 0 },
    anchors: new Map(), aliasRefs: 0, nodes: 0, firstAlias: -1 }
  const root = convert(contents, b, 0, { start: 0, end: 0 })
  return { root, aliasNodes: b.aliasNodes, aliasCut: b.aliasCut, aliasRefs: b.aliasRefs, nodes: b.nodes, firstAlias: b.firstAlias }
}

/** Notes a node of the document itself (outside expansions): its anchor, and the counts. */
function meet(node: unknown, b: Build): void {
  if (b.inAlias > 0) return
  b.nodes++
  if (isAlias(node)) {
    b.aliasRefs++
    if (b.firstAlias < 0) b.firstAlias = (node.range?.[0] as number | undefined) ?? 0
  }
  const anchor = (node as { anchor?: unknown } | null)?.anchor
  if (typeof anchor === 'string' && anchor !== '') b.anchors.set(anchor, node)
}

/** A skipped subtree (a complex key) still defines anchors for what follows. */
function meetAll(node: unknown, b: Build, depth: number): void {
  if (depth > MAX_DEPTH || node === null || node === undefined) return
  meet(node, b)
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue
      meetAll(pair.key, b, depth + 1)
      meetAll(pair.value, b, depth + 1)
    }
  } else if (isSeq(node)) for (const item of node.items) meetAll(item, b, depth + 1)
}

/** The node's [start, valueEnd) range, clamped, without the trailing whitespace block nodes include. */
function rangeOf(node: unknown, fallback: SourceRange, text: string): SourceRange {
  const r = (node as { range?: readonly number[] | null } | null)?.range
  if (!r || typeof r[0] !== 'number' || typeof r[1] !== 'number') return fallback
  const start = Math.max(0, Math.min(r[0], text.length))
  let end = Math.max(start, Math.min(r[1], text.length))
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--
  return { start, end }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13
}

function convert(node: unknown, b: Build, depth: number, fallback: SourceRange): YNode {
  const range = rangeOf(node, fallback, b.text)
  meet(node, b)
  if (b.inAlias > 0) {
    if (b.budget.left <= 0) {
      if (!b.aliasCut) {
        b.aliasCut = true
        b.problems.push({ code: 'yaml-alias', message: `aliases expand to more than ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')} nodes in this workspace; the rest is not expanded`, range: b.aliasSite })
      }
      return { t: 'scalar', value: null, range }
    }
    b.budget.left--
    b.aliasNodes++
  }
  if (depth > MAX_DEPTH) {
    b.problems.push({ code: 'too-deep', message: `nesting deeper than ${MAX_DEPTH} levels is not supported`, range })
    return { t: 'scalar', value: null, range }
  }
  if (isAlias(node)) {
    const target = b.anchors.get(node.source)
    if (target === undefined) {
      b.problems.push({ code: 'yaml-alias', message: `unknown alias *${node.source}`, range })
      return { t: 'scalar', value: null, range }
    }
    if (b.inAlias === 0) b.aliasSite = range
    b.inAlias++
    const resolved = convert(target, b, depth + 1, range)
    b.inAlias--
    // Keep the alias's own range so positions point at what the user wrote here.
    return { ...resolved, range } as YNode
  }
  if (isMap(node)) {
    const entries = new Map<string, YEntry>()
    for (const pair of node.items) {
      if (!isPair(pair)) continue
      const keyNode = pair.key as unknown
      const keyRange = rangeOf(keyNode, range, b.text)
      let key: string
      if (isScalar(keyNode)) {
        meet(keyNode, b)
        key = String(keyNode.value)
      } else if (keyNode === null || keyNode === undefined) key = ''
      else {
        meetAll(keyNode, b, depth + 1)
        b.problems.push({ code: 'complex-key', message: 'only plain keys are supported; this entry is ignored', range: keyRange })
        continue
      }
      const value =
        pair.value === null || pair.value === undefined
          ? ({ t: 'scalar', value: null, range: { start: keyRange.end, end: keyRange.end } } as const)
          : convert(pair.value, b, depth + 1, keyRange)
      if (!entries.has(key)) entries.set(key, { key, keyRange, value })
    }
    return { t: 'map', entries, range }
  }
  if (isSeq(node)) {
    const items: YNode[] = []
    for (const item of node.items) items.push(convert(item, b, depth + 1, range))
    return { t: 'seq', items, range }
  }
  if (isScalar(node)) {
    const v = node.value
    const value =
      typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null
        ? v
        : typeof v === 'bigint'
          ? Number(v)
          : v === undefined
            ? null
            : String(v)
    return { t: 'scalar', value, range }
  }
  return { t: 'scalar', value: null, range }
}

/** Human words for a node's type, for "must be X (got Y)" messages. */
export function describe(n: YNode): string {
  if (n.t === 'map') return 'an object'
  if (n.t === 'seq') return 'a list'
  if (n.value === null) return 'null'
  return `a ${typeof n.value}`
}

export function isNull(n: YNode | undefined): boolean {
  return n === undefined || (n.t === 'scalar' && n.value === null)
}
