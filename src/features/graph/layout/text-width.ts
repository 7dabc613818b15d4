/**
 * Text width estimates for sizing nodes and labels before they are drawn (the layout runs in a
 * worker, where there is no DOM to measure). The table holds DejaVu Sans advance widths (1/2048
 * em), the widest of the fonts the UI falls back to, so an estimate is never too narrow on Linux
 * and a little generous elsewhere.
 */

const DEJAVU_SANS: Record<string, number> = {
  ' ': 651, '!': 821, '"': 943, '#': 1716, $: 1303, '%': 1946, '&': 1597, "'": 563, '(': 799, ')': 799,
  '*': 1024, '+': 1716, ',': 651, '-': 739, '.': 651, '/': 690, ':': 690, ';': 690, '<': 1716, '=': 1716,
  '>': 1716, '?': 1087, '@': 2048, '[': 799, '\\': 690, ']': 799, '^': 1716, _: 1024, '`': 1024, '{': 1303,
  '|': 690, '}': 1303, '~': 1716,
  A: 1401, B: 1405, C: 1430, D: 1577, E: 1294, F: 1178, G: 1587, H: 1540, I: 604, J: 604, K: 1343, L: 1141,
  M: 1767, N: 1532, O: 1612, P: 1235, Q: 1612, R: 1423, S: 1300, T: 1251, U: 1499, V: 1401, W: 2025, X: 1403,
  Y: 1251, Z: 1403,
  a: 1255, b: 1300, c: 1126, d: 1300, e: 1260, f: 721, g: 1300, h: 1298, i: 569, j: 569, k: 1186, l: 569,
  m: 1995, n: 1298, o: 1253, p: 1300, q: 1300, r: 842, s: 1067, t: 803, u: 1298, v: 1212, w: 1675, x: 1212,
  y: 1212, z: 1075,
}
const DIGIT = 1303
const UNKNOWN = 1400
/** DejaVu Sans Bold is about this much wider than the regular face. */
const BOLD = 1.12
/** DejaVu Sans Mono: every glyph is 0.602 em. */
export const MONO_EM = 0.602

/** Width in px of `text` in the UI's sans-serif face at `fontPx`. */
export function textWidth(text: string, fontPx: number, bold = false): number {
  let units = 0
  for (const ch of text) units += ch >= '0' && ch <= '9' ? DIGIT : (DEJAVU_SANS[ch] ?? UNKNOWN)
  return (units / 2048) * fontPx * (bold ? BOLD : 1)
}

/** Width in px of `chars` characters of the monospace face at `fontPx`. */
export function monoWidth(chars: number, fontPx: number): number {
  return chars * fontPx * MONO_EM
}
