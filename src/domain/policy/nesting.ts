/**
 * A cheap linear pre-scan of YAML nesting, run before the `yaml` parser sees a text. The parser
 * recurses once per nesting level, and a few KB of `[{[{…` or `- - - …` (issue 8: 1,000 flow
 * levels, then 2,000 block levels) abort the whole process below JavaScript (a V8 out-of-memory
 * in its regexp compiler, exit 134) — no try/catch can answer that, so such text must never reach
 * the parser. The tree builder's 64-level cap stays the precise rule; this scan only has to be a
 * safe over-approximation that never rejects what the tree would accept.
 */

/** The model's nesting cap (the tree builder reports deeper nodes as `too-deep`). */
export const MAX_NESTING = 64

/**
 * Open collections the scan allows: the tree's cap plus slack, because the scan counts a
 * scalar on its own more-indented line as a level and the tree does not.
 */
const SCAN_LIMIT = MAX_NESTING + 2

export interface DeepNesting {
  /** Offset where the nesting passes the limit (the bracket, or the indentation of the line). */
  readonly offset: number
  /** Offset of the end of that line (for a diagnostic range). */
  readonly lineEnd: number
}

const SPACE = 32
const TAB = 9

/**
 * Where `text` first nests deeper than the cap — flow brackets and block indentation (including
 * compact `- - -` and `? ` entries) counted together — or undefined. One pass, O(length), no
 * regular expressions; quoted strings, comments and block scalars are skipped.
 */
export function findDeepNesting(text: string, limit = SCAN_LIMIT): DeepNesting | undefined {
  const blocks: number[] = [] // indentation columns of the open block collections
  let flow = 0
  let quote = 0 // the open quote character (flow scalars may span lines), or 0
  let blockScalarParent = -1 // inside a `|` / `>` scalar: the indentation of its parent line
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = text.length
    let p = start
    while (p < end && (text.charCodeAt(p) === SPACE || text.charCodeAt(p) === TAB)) p++
    const indent = p - start
    const blank = p >= end || text[p] === '\r' || text[p] === '#'
    if (blockScalarParent >= 0) {
      if (blank || indent > blockScalarParent) {
        start = end + 1
        continue
      }
      blockScalarParent = -1
    }
    if (quote === 0 && flow === 0) {
      if (blank) {
        start = end + 1
        continue
      }
      if (indent === 0 && (text.startsWith('---', p) || text.startsWith('...', p))) {
        blocks.length = 0
        p += 3
      } else {
        while (blocks.length > 0 && blocks[blocks.length - 1] >= indent) blocks.pop()
        blocks.push(indent)
        // Compact nesting: `- - x`, `- key: v`, `? - x` open one more level per indicator.
        while (p < end && (text[p] === '-' || text[p] === '?' || text[p] === ':') && (p + 1 >= end || text.charCodeAt(p + 1) === SPACE || text[p + 1] === '\r')) {
          p++
          while (p < end && text.charCodeAt(p) === SPACE) p++
          if (p >= end || text[p] === '#' || text[p] === '\r') break
          blocks.push(p - start)
          if (blocks.length + flow > limit) return { offset: p, lineEnd: end }
        }
        if (blocks.length > limit) return { offset: start + indent, lineEnd: end }
      }
    }
    let lastToken = -1 // start of the last token outside quotes, for block scalar headers
    for (; p < end; p++) {
      const c = text[p]
      if (quote !== 0) {
        if (quote === 0x22 && c === '\\') p++
        else if (c.charCodeAt(0) === quote) {
          if (quote === 0x27 && text[p + 1] === "'") p++
          else quote = 0
        }
        continue
      }
      const prev = p === start ? ' ' : text[p - 1]
      const atToken = prev === ' ' || prev === '\t' || p === start || (flow > 0 && (prev === '[' || prev === '{' || prev === ','))
      if (c === '#' && (prev === ' ' || prev === '\t' || p === start)) break
      if (c === ' ' || c === '\t' || c === '\r') continue
      if (atToken) lastToken = p
      if ((c === '"' || c === "'") && (atToken || prev === ':')) quote = c.charCodeAt(0)
      else if (c === '[' || c === '{') {
        // In block context a bracket inside a plain scalar (`a[0]`) is text, not a collection.
        if (flow > 0 || atToken || prev === ':') {
          flow++
          if (blocks.length + flow > limit) return { offset: p, lineEnd: end }
        }
      } else if ((c === ']' || c === '}') && flow > 0) flow--
    }
    if (quote === 0 && flow === 0 && lastToken >= 0 && (text[lastToken] === '|' || text[lastToken] === '>') && isBlockScalarHeader(text, lastToken, p)) {
      blockScalarParent = indent
    }
    start = end + 1
  }
  return undefined
}

/** `|`, `>`, with optional chomping / indentation indicators (`|-`, `>+2`), up to the line's end. */
function isBlockScalarHeader(text: string, from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++) {
    const c = text[i]
    if (c === ' ' || c === '\t' || c === '\r') return true
    if (c !== '-' && c !== '+' && !(c >= '0' && c <= '9')) return false
  }
  return true
}
