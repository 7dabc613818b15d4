/** Structure of JSON text read in place, without parsing it (the ingest's fast paths). */

/**
 * Index just past the JSON object or array that starts at `start`, skipping strings (with their
 * escapes) via indexOf; -1 when it does not close in `s`. Finds the end only: whether the text in
 * between is valid JSON is for the caller to check.
 */
export function objectEnd(s: string, start: number): number {
  let depth = 0
  for (let i = start; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 34 /* " */) {
      const q = stringEnd(s, i)
      if (q < 0) return -1
      i = q
    } else if (c === 123 || c === 91) depth++
    else if (c === 125 || c === 93) {
      if (--depth === 0) return i + 1
    }
  }
  return -1
}

/** Index of the quote that closes the string whose opening quote is at `open`; -1 when none. */
export function stringEnd(s: string, open: number): number {
  let q = s.indexOf('"', open + 1)
  while (q > 0 && escaped(s, q)) q = s.indexOf('"', q + 1)
  return q
}

/** Whether the quote at `q` is escaped (an odd run of backslashes before it). */
function escaped(s: string, q: number): boolean {
  let n = 0
  for (let i = q - 1; i >= 0 && s.charCodeAt(i) === 92; i--) n++
  return (n & 1) === 1
}

/**
 * A copy of `s` that shares no memory with the string it was cut from. V8 keeps a long substring
 * as a view of its parent, and a text cut from a line is cut from a read chunk (up to megabytes):
 * kept in a cache or a flow, it would keep that whole chunk alive. Flattening a concatenation
 * copies just its characters.
 */
export function detached(s: string): string {
  return (' ' + s).slice(1)
}
