/**
 * The text being edited, its documents (parsed exactly as the policy parser parses them, so doc
 * indexes and YAML paths in the model address the same nodes) and the style of each document.
 */
import type { RawDiagnostic } from '../policy/context.ts'
import type { SourceDocument } from '../policy/documents.ts'
import { splitDocuments } from '../policy/documents.ts'
import type { YamlPath } from '../policy/model.ts'
import type { YNode } from '../policy/tree.ts'
import type { Style, YValue } from './render.ts'
import { DEFAULT_STYLE } from './render.ts'
import { columnOf } from './text-edits.ts'

export class Workspace {
  readonly docs: readonly SourceDocument[]
  private readonly styles = new Map<number, Style>()

  constructor(readonly text: string) {
    const sink: RawDiagnostic[] = []
    this.docs = splitDocuments(text, sink)
  }

  /** The node at `path` in document `doc`, or undefined. */
  node(doc: number, path: YamlPath): YNode | undefined {
    let n: YNode | null | undefined = this.docs[doc]?.root
    for (const seg of path) {
      if (!n) return undefined
      if (typeof seg === 'number') n = n.t === 'seq' ? n.items[seg] : undefined
      else n = n.t === 'map' ? n.entries.get(seg)?.value : undefined
    }
    return n ?? undefined
  }

  isFlow(n: YNode): boolean {
    const c = this.text[n.range.start]
    return (n.t === 'map' && c === '{') || (n.t === 'seq' && c === '[')
  }

  /** Column of the `-` of a block sequence item. */
  dashOf(item: YNode): number {
    let p = item.range.start - 1
    while (p >= 0 && (this.text[p] === ' ' || this.text[p] === '\t')) p--
    // `- ` then the item; for a null item the range may start at the dash itself.
    return this.text[p] === '-' ? p : item.range.start
  }

  /** Indentation and quoting used by a document, so inserted text looks like its neighbours. */
  style(doc: number): Style {
    const cached = this.styles.get(doc)
    if (cached) return cached
    const d = this.docs[doc]
    let indent: number | undefined
    let seqIndent: number | undefined
    const visit = (n: YNode, depth: number): void => {
      if (depth > 12 || (indent !== undefined && seqIndent !== undefined)) return
      if (n.t === 'seq') n.items.forEach((i) => visit(i, depth + 1))
      if (n.t !== 'map' || this.isFlow(n)) return
      for (const e of n.entries.values()) {
        const v = e.value
        const keyCol = columnOf(this.text, e.keyRange.start)
        if (v.t === 'map' && !this.isFlow(v) && v.entries.size > 0 && indent === undefined) {
          const first = [...v.entries.values()][0]
          indent = columnOf(this.text, first.keyRange.start) - keyCol
        }
        if (v.t === 'seq' && !this.isFlow(v) && v.items.length > 0 && seqIndent === undefined) {
          seqIndent = columnOf(this.text, this.dashOf(v.items[0])) - keyCol
        }
        visit(v, depth + 1)
      }
    }
    if (d?.root) visit(d.root, 0)
    const slice = d ? this.text.slice(d.range.start, d.range.end) : ''
    const quote = /port:\s*'/.test(slice) || (/:\s*'/.test(slice) && !/:\s*"/.test(slice)) ? "'" : '"'
    const style: Style = {
      indent: indent !== undefined && indent > 0 && indent <= 8 ? indent : DEFAULT_STYLE.indent,
      seqIndent: seqIndent !== undefined && seqIndent >= 0 && seqIndent <= 8 ? seqIndent : DEFAULT_STYLE.seqIndent,
      quote,
      json: d?.root !== null && d?.root !== undefined && this.isFlow(d.root),
    }
    this.styles.set(doc, style)
    return style
  }

  /** Document boundaries as the parser chunks them: `---` lines at column 0. */
  chunks(): [number, number][] {
    const starts = [0]
    const re = /^---(?=[ \t\r\n]|$)/gm
    for (let m = re.exec(this.text); m !== null; m = re.exec(this.text)) if (m.index > 0) starts.push(m.index)
    return starts.map((s, i) => [s, i + 1 < starts.length ? starts[i + 1] : this.text.length])
  }
}

/** Plain data of a node (for re-rendering a small flow collection). */
export function toValue(n: YNode): YValue {
  if (n.t === 'scalar') return n.value
  if (n.t === 'seq') return n.items.map(toValue)
  // Null prototype: a `__proto__` key stays an ordinary key.
  const out = Object.create(null) as Record<string, YValue>
  for (const [k, e] of n.entries) out[k] = toValue(e.value)
  return out
}
