/**
 * Reassembles pretty-printed JSON that spans lines (`jq .` output, JSON arrays of bare flows
 * kept by third-party tools, hubble-flows.md §1b). It scans characters, tracking strings and
 * nesting, and emits each element of a top-level array — or the whole top-level object — as
 * soon as it closes, so a long array streams element by element with per-element errors.
 */

export interface DocumentPiece {
  /** JSON text of one element (or of the whole object). */
  readonly text: string
  /** 1-based line where that element started. */
  readonly line: number
  /** True when the element outgrew the size cap and its text was dropped. */
  readonly oversized: boolean
}

export class DocumentAssembler {
  private depth = 0
  private inString = false
  private escape = false
  private topIsArray = false
  private started = false
  private parts: string[] = []
  private partsLength = 0
  private elementLine = 0
  private collecting = false
  private oversized = false

  constructor(private readonly maxElementLength: number, readonly startLine: number) {}

  /** Whether the document is complete (depth back to 0 after it started). */
  get done(): boolean {
    return this.started && this.depth === 0
  }

  /**
   * Feeds one line. Returns the completed elements and, once the document closes, the rest of
   * the line after it (so `}{` or `] trailing` is not lost).
   */
  feed(line: string, lineNo: number, out: DocumentPiece[]): string | undefined {
    let segStart = this.collecting ? 0 : -1
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i)
      if (this.inString) {
        if (this.escape) this.escape = false
        else if (c === 92 /* \ */) this.escape = true
        else if (c === 34 /* " */) this.inString = false
        continue
      }
      if (c === 34) {
        this.inString = true
        continue
      }
      if (c === 123 /* { */ || c === 91 /* [ */) {
        if (!this.started) {
          this.started = true
          this.topIsArray = c === 91
        }
        this.depth++
        if (!this.collecting && this.depth === (this.topIsArray ? 2 : 1)) {
          this.collecting = true
          this.elementLine = lineNo
          segStart = i
        }
      } else if (c === 125 /* } */ || c === 93 /* ] */) {
        this.depth--
        if (this.collecting && this.depth === (this.topIsArray ? 1 : 0)) {
          this.append(line.slice(segStart, i + 1))
          out.push(this.take())
          segStart = -1
        }
        if (this.depth <= 0) {
          this.depth = 0
          const rest = line.slice(i + 1)
          return rest.trim() === '' ? undefined : rest
        }
      }
    }
    if (this.collecting && segStart >= 0) this.append(line.slice(segStart) + '\n')
    return undefined
  }

  /** What is left when input ends inside the document: the element started, if any. */
  unfinished(): DocumentPiece | undefined {
    if (!this.collecting) return undefined
    return { text: '', line: this.elementLine, oversized: this.oversized }
  }

  private append(s: string): void {
    if (this.oversized) return
    this.partsLength += s.length
    if (this.partsLength > this.maxElementLength) {
      this.oversized = true
      this.parts = []
      return
    }
    this.parts.push(s)
  }

  private take(): DocumentPiece {
    const piece = { text: this.parts.join(''), line: this.elementLine, oversized: this.oversized }
    this.parts = []
    this.partsLength = 0
    this.collecting = false
    this.oversized = false
    return piece
  }
}

/** A line that opens a multi-line JSON value rather than holding a whole one. */
export function opensDocument(trimmed: string): boolean {
  if (trimmed.length > 200) return false
  const last = trimmed.charCodeAt(trimmed.length - 1)
  const first = trimmed.charCodeAt(0)
  return (first === 91 || first === 123) && (last === 91 || last === 123)
}
