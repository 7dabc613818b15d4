/**
 * RFC 3339 timestamps with up to 9 fractional digits (hubble-flows.md §2). JS `Date` keeps only
 * milliseconds, so the sub-millisecond part is kept separately for ordering (pitfall 4).
 * The whole-second part is cached: consecutive flows mostly share the same second.
 */
export class TimeParser {
  /** The last text's seconds (its first 19 characters) and what follows the fraction (`Z`, an offset). */
  private lastHead = ''
  private lastTail = ''
  private lastMs = NaN

  parse(text: string | undefined): { ms: number; nanos: number } {
    if (text === undefined || text.length < 20) return { ms: NaN, nanos: 0 }
    let i = 19
    let frac = 0
    let digits = 0
    if (text.charCodeAt(i) === 46 /* . */) {
      i++
      while (i < text.length) {
        const c = text.charCodeAt(i) - 48
        if (c < 0 || c > 9) break
        if (digits < 9) {
          frac = frac * 10 + c
          digits++
        }
        i++
      }
    }
    for (let d = digits; d < 9; d++) frac *= 10
    // The (usual) flow in the same second as the last reuses its milliseconds. Compared by `slice`
    // and `===`, which run as a memory compare; `startsWith` is a slower generic builtin.
    if (!(this.lastHead.length === 19 && text.length - i === this.lastTail.length && text.slice(0, 19) === this.lastHead
      && (i === text.length || text.slice(i) === this.lastTail))) {
      this.lastHead = text.slice(0, 19)
      this.lastTail = text.slice(i)
      this.lastMs = Date.parse(this.lastHead + this.lastTail)
    }
    if (Number.isNaN(this.lastMs)) return { ms: NaN, nanos: 0 }
    return { ms: this.lastMs + Math.floor(frac / 1e6), nanos: frac % 1e6 }
  }
}
