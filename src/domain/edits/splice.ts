/**
 * Edit primitives on one document: append sequence items, set / remove a map key, remove an
 * item, replace a node, append / remove a document. Each plans a splice of only the touched
 * lines; everything else (comments, blank lines, quoting, key order) keeps its bytes.
 */
import type { YamlPath } from '../policy/model.ts'
import type { YNode } from '../policy/tree.ts'
import type { Style, YValue } from './render.ts'
import { documentText, entryLines, flow, itemLines, valueLines } from './render.ts'
import type { EditBuilder } from './text-edits.ts'
import { columnOf, lineEnd, onlySpacesBefore, wholeLines } from './text-edits.ts'
import type { Workspace } from './workspace.ts'
import { toValue } from './workspace.ts'

export class SpliceError extends Error {}

export interface Target {
  readonly ws: Workspace
  readonly b: EditBuilder
  readonly doc: number
}

function must(t: Target, path: YamlPath): YNode {
  const n = t.ws.node(t.doc, path)
  if (!n) throw new SpliceError(`nothing at ${path.join('.')}`)
  return n
}

/** Inserts whole lines after the line holding `pos`. */
function insertLinesAfter(t: Target, pos: number, lines: readonly string[]): void {
  const text = t.ws.text
  const le = lineEnd(text, pos)
  if (le < text.length) t.b.insert(le + 1, lines.join('\n') + '\n')
  else t.b.insert(le, '\n' + lines.join('\n'))
}

const style = (t: Target): Style => t.ws.style(t.doc)

/** Appends items to the sequence at `path` (a block sequence keeps its dash column). */
export function appendItems(t: Target, path: YamlPath, items: readonly YValue[]): void {
  const seq = t.ws.node(t.doc, path)
  if (seq === undefined || seq.t !== 'seq' || seq.items.length === 0 || t.ws.isFlow(seq)) {
    // Absent, null, `[]` or a flow list: write the whole list anew (a flow list stays flow).
    // A non-empty flow list (e.g. JSON): add `, item` before its `]`.
    if (seq?.t === 'seq' && seq.items.length > 0) return t.b.insert(seq.range.end - 1, items.map((i) => `, ${flow(i, style(t))}`).join(''))
    return setIn(t, path, [...items])
  }
  const dash = columnOf(t.ws.text, t.ws.dashOf(seq.items[0]))
  const lines = items.flatMap((item) => itemLines(item, dash, style(t)))
  insertLinesAfter(t, seq.items[seq.items.length - 1].range.end, lines)
}

/** Sets the value at a map path, creating missing parent maps (`rules: {http: [...]}`). */
export function setIn(t: Target, path: YamlPath, value: YValue): void {
  const parentPath = path.slice(0, -1)
  const last = path[path.length - 1]
  const parent = t.ws.node(t.doc, parentPath)
  if (parent?.t === 'map') return setKey(t, parentPath, String(last), value)
  if (parent !== undefined && !(parent.t === 'scalar' && parent.value === null)) throw new SpliceError(`${parentPath.join('.')} is not a map`)
  if (typeof last === 'number' || parentPath.length === 0) throw new SpliceError(`nothing at ${parentPath.join('.')}`)
  setIn(t, parentPath, { [last]: value })
}

/** Sets `key` of the map at `mapPath` to `value`, adding the key at the end of the map if absent. */
export function setKey(t: Target, mapPath: YamlPath, key: string, value: YValue): void {
  const map = must(t, mapPath)
  if (map.t !== 'map') throw new SpliceError(`${mapPath.join('.') || 'the document'} is not a map`)
  const text = t.ws.text
  const entry = map.entries.get(key)
  if (t.ws.isFlow(map)) {
    const parent = t.ws.node(t.doc, mapPath.slice(0, -1))
    if (map.entries.size === 0 && parent !== undefined && !t.ws.isFlow(parent)) return replaceNode(t, mapPath, { [key]: value })
    // Inside flow (e.g. a JSON document) touch only the value, or add `, key: value` before `}`.
    if (entry) return t.b.replace(entry.value.range.start, entry.value.range.end, flow(value, style(t)))
    const obj = { [key]: value }
    const entryText = flow(obj, style(t)).slice(1, -1)
    const close = map.range.end - 1
    return t.b.insert(close, map.entries.size === 0 ? entryText : `, ${entryText}`)
  }
  if (entry === undefined) {
    const first = [...map.entries.values()][0]
    const col = first ? columnOf(text, first.keyRange.start) : 0
    return insertLinesAfter(t, map.range.end, entryLines(key, value, col, style(t)))
  }
  const v = entry.value
  const isScalarValue = typeof value !== 'object' || value === null
  if (isScalarValue && v.t === 'scalar' && v.range.end > v.range.start) {
    return t.b.replace(v.range.start, v.range.end, flow(value, style(t)))
  }
  const colon = text.indexOf(':', entry.keyRange.end)
  const from = colon + 1
  const to = Math.max(from, v.range.end)
  const keyCol = columnOf(text, entry.keyRange.start)
  const lines = isScalarValue || isEmptyCollection(value) ? null : valueLines(value, keyCol, style(t))
  t.b.replace(from, to, lines ? '\n' + lines.join('\n') : ' ' + flow(value, style(t)))
}

function isEmptyCollection(v: YValue): boolean {
  return typeof v === 'object' && v !== null && Object.keys(v).length === 0
}

/** Replaces the node at `path` (map value or list item) with `value`. */
export function replaceNode(t: Target, path: YamlPath, value: YValue): void {
  if (path.length === 0) throw new SpliceError('cannot replace a whole document in place')
  const parentPath = path.slice(0, -1)
  const last = path[path.length - 1]
  const parent = must(t, parentPath)
  if (parent.t === 'map') return setKey(t, parentPath, String(last), value)
  const item = must(t, path)
  if (t.ws.isFlow(parent) || !onlySpacesBefore(t.ws.text, t.ws.dashOf(item))) {
    return t.b.replace(item.range.start, item.range.end, flow(value, style(t)))
  }
  const dash = columnOf(t.ws.text, t.ws.dashOf(item))
  const lines = itemLines(value, dash, style(t))
  lines[0] = lines[0].slice(dash + 2)
  t.b.replace(item.range.start, item.range.end, lines.join('\n'))
}

/** Removes item `index` of the sequence at `seqPath` (the caller handles the list becoming empty). */
export function removeItem(t: Target, seqPath: YamlPath, index: number): void {
  const seq = must(t, seqPath)
  if (seq.t !== 'seq' || index < 0 || index >= seq.items.length) throw new SpliceError(`no item ${index} in ${seqPath.join('.')}`)
  const item = seq.items[index]
  const dash = t.ws.dashOf(item)
  if (t.ws.isFlow(seq) || !onlySpacesBefore(t.ws.text, dash)) {
    const rest = (toValue(seq) as YValue[]).filter((_, i) => i !== index)
    return t.b.replace(seq.range.start, seq.range.end, flow(rest, style(t)))
  }
  const r = wholeLines(t.ws.text, dash, item.range.end)
  t.b.replace(r.start, r.end, '')
}

/** Removes `key` from the map at `mapPath`. */
export function removeKey(t: Target, mapPath: YamlPath, key: string): void {
  const map = must(t, mapPath)
  if (map.t !== 'map') throw new SpliceError(`${mapPath.join('.')} is not a map`)
  const entry = map.entries.get(key)
  if (!entry) return
  if (t.ws.isFlow(map) || !onlySpacesBefore(t.ws.text, entry.keyRange.start)) {
    const obj = toValue(map) as Record<string, YValue>
    delete obj[key]
    return t.b.replace(map.range.start, map.range.end, flow(obj, style(t)))
  }
  if (map.entries.size === 1 && mapPath.length > 0) return replaceNode(t, mapPath, {})
  const r = wholeLines(t.ws.text, entry.keyRange.start, Math.max(entry.keyRange.end, entry.value.range.end))
  t.b.replace(r.start, r.end, '')
}

/** Appends a new document (`---` separated) at the end of the text. */
export function appendDocument(ws: Workspace, b: EditBuilder, obj: { readonly [key: string]: YValue }, st: Style, comment?: readonly string[]): void {
  const body = documentText(obj, st, comment)
  const text = ws.text
  const empty = text.trim() === ''
  // A second document appended by the same gesture (connect "both" on an empty text) still
  // needs its `---` separator.
  if (empty && !b.endsAt(text.length)) return b.replace(0, text.length, body)
  b.insert(text.length, `${empty || text.endsWith('\n') ? '' : '\n'}---\n${body}`)
}

/** Removes document `doc` with its `---` line (or the next one's, for the first document). */
export function removeDocument(ws: Workspace, b: EditBuilder, doc: number): void {
  const d = ws.docs[doc]
  if (!d) throw new SpliceError(`no document ${doc}`)
  const chunks = ws.chunks()
  const i = chunks.findIndex(([s, e]) => d.range.start >= s && d.range.start < e)
  if (i < 0) throw new SpliceError('document not found')
  const [s, e] = chunks[i]
  const sharing = ws.docs.filter((x) => x.range.start >= s && x.range.start < e)
  if (sharing.length !== 1) throw new SpliceError('this document shares its section with another; delete it in the text')
  if (i === 0 && chunks.length > 1) {
    // Drop the following `---` line too, so the file does not start with a bare marker.
    const next = chunks[1][0]
    return b.replace(s, Math.min(ws.text.length, lineEnd(ws.text, next) + 1), '')
  }
  b.replace(s, e, '')
}
