/** Offset → 1-based line/column, precomputed once per text so diagnostics cost O(log n) each. */
export class LineIndex {
  private readonly starts: number[] = [0]
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      // \r\n counts once; a lone \r is a line break too, as the yaml lexer treats it.
      if (c === 10) this.starts.push(i + 1)
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1)
    }
  }

  /** 1-based line and column (UTF-16 code units) of an offset clamped into the text. */
  position(offset: number): { line: number; column: number } {
    const o = clamp(offset, 0, this.text.length)
    let lo = 0
    let hi = this.starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.starts[mid] <= o) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: o - this.starts[lo] + 1 }
  }

  /** Offset of a 1-based line/column (inverse of `position`, clamped). */
  offset(line: number, column: number): number {
    const l = clamp(line, 1, this.starts.length)
    return clamp(this.starts[l - 1] + column - 1, 0, this.text.length)
  }
}

export function clamp(n: number, lo: number, hi: number): number {
  if (!Number.isFinite(n)) return lo
  return n < lo ? lo : n > hi ? hi : n
}
