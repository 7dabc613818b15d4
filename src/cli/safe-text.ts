/**
 * Text from the input on the way to a terminal or CI log (issue 8): control characters are
 * escaped, so a policy name holding ESC or CR cannot rewrite a log line or fake a "check passed";
 * and names are shortened, so output stays proportionate to what it reports (a 5 MB name once
 * made `evaluate --json` write 495 MB).
 */

/**
 * C0 controls but tab and newline, DEL, C1 controls, line/paragraph separators and the bidi
 * overrides/isolates ("Trojan Source"). Tab and newline are the output's own layout.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/**
 * Writes each control character as `\u00XX`. The same escape is valid inside a JSON string and
 * means the same character there, so this can run over JSON output without changing its data.
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** Longest name or value shown from the input; Kubernetes names are at most 253 characters. */
export const MAX_SHOWN = 256

/** The first `max` characters and a count of the rest (never splitting a surrogate pair). */
export function ellipsize(text: string, max = MAX_SHOWN): string {
  if (text.length <= max) return text
  let cut = max
  const c = text.charCodeAt(cut - 1)
  if (c >= 0xd800 && c <= 0xdbff) cut--
  return `${text.slice(0, cut)}…(${text.length - cut} more characters)`
}

/** A name or value from the input, fit for one line of output. */
export function printable(text: string, max = MAX_SHOWN): string {
  return ellipsize(escapeControls(text), max)
}
