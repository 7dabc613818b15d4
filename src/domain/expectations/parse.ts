/** Reads an expectations file (model.ts) into entries, with every problem at its line and column. */
import { LineCounter, isMap, isNode, isSeq, parseDocument } from 'yaml'
import type { Expectation, ExpectationProblem } from './model.ts'
import { EXPECTATION_KEYS } from './model.ts'
import { parseYamlWithinLimits } from '../policy/yaml-limits.ts'

export interface ParsedExpectations {
  /** The readable entries, in file order (entries with problems are left out). */
  readonly expectations: readonly Expectation[]
  readonly problems: readonly ExpectationProblem[]
  /** The text holds no YAML value at all (not even an empty list). */
  readonly empty?: boolean
}

const KEYS = new Set(EXPECTATION_KEYS)

/** Never throws: the page shows the problems while the user types; the CLI stops at the first. */
export function parseExpectationsText(text: string): ParsedExpectations {
  const lineCounter = new LineCounter()
  // The policy parse's nesting pre-scan and alias budget (issue 8): a hostile file is a problem at its line.
  const read = parseYamlWithinLimits(text, () => [parseDocument(text, { lineCounter })])
  if ('problem' in read) {
    const { message, line, column } = read.problem
    return { expectations: [], problems: [{ message, line, column, syntax: true }] }
  }
  const doc = read.docs[0]!
  if (doc.errors.length > 0) {
    const e = doc.errors[0]
    const p = lineCounter.linePos(e.pos[0])
    return { expectations: [], problems: [{ message: e.message.split('\n')[0], line: p.line, column: p.col, syntax: true }] }
  }
  let root: unknown = doc.toJS()
  // An empty file holds no expectations (the page starts with one).
  if (root === null || root === undefined) return { expectations: [], problems: [], empty: true }
  if (typeof root === 'object' && !Array.isArray(root) && 'expectations' in root) {
    root = (root as { expectations: unknown }).expectations
  }
  if (!Array.isArray(root)) return { expectations: [], problems: [{ message: 'expected a list of expectations (from, to, port, expect)' }] }
  const seq = isMap(doc.contents) ? doc.contents.get('expectations', true) : doc.contents
  const posOf = (i: number): { line: number; column: number } => {
    const node: unknown = isSeq(seq) ? seq.items[i] : undefined
    const range = isNode(node) ? node.range : undefined
    if (!range) return { line: 1, column: 1 }
    const p = lineCounter.linePos(range[0])
    return { line: p.line, column: p.col }
  }
  const expectations: Expectation[] = []
  const problems: ExpectationProblem[] = []
  root.forEach((item: unknown, i) => {
    const at = posOf(i)
    const r = readEntry(item, i, at.line)
    if (typeof r === 'string') problems.push({ message: r, ...at })
    else expectations.push(r)
  })
  return { expectations, problems }
}

/** One entry, or the message of what is wrong with it. */
function readEntry(item: unknown, i: number, line: number): Expectation | string {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return `expectation ${i + 1} is not a mapping`
  const o = item as Record<string, unknown>
  for (const k of Object.keys(o)) if (!KEYS.has(k)) return `unknown key '${k}' (allowed: ${EXPECTATION_KEYS.join(', ')})`
  const missing = (k: string): boolean => o[k] === undefined || o[k] === null
  const s = (k: string): string | undefined => (missing(k) ? undefined : String(o[k]))
  if (missing('expect')) return `expectation ${i + 1} needs 'expect'`
  const expect = s('expect')
  if (expect !== 'allowed' && expect !== 'denied' && expect !== 'audit') return `expect must be allowed, denied or audit, got '${expect}'`
  for (const k of ['from', 'to']) if (missing(k)) return `expectation ${i + 1} needs '${k}'`
  const from = s('from') ?? ''
  const to = s('to') ?? ''
  const http = s('http')
  const dns = s('dns')
  const port = s('port') ?? (dns !== undefined ? '53/UDP' : undefined)
  if (port === undefined) return `expectation ${i + 1} needs 'port'`
  return {
    name: s('name') ?? `${from} -> ${to} ${port}${http ? ` ${http}` : ''}${dns ? ` dns ${dns}` : ''}`,
    from, to, port, expect, line,
    ...(http !== undefined && { http }),
    ...(dns !== undefined && { dns }),
  }
}
