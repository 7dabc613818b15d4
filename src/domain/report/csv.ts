/**
 * CSV (RFC 4180: comma, CRLF, quotes doubled) that is safe to open in a spreadsheet: a cell that
 * starts with `=`, `+`, `-`, `@`, tab or CR would run as a formula (CSV injection, OWASP), so it
 * gets a leading `'`, which spreadsheets show as text. Labels and names come from the cluster and
 * may be crafted by whoever can create a pod.
 */

const FORMULA_START = /^[=+\-@\t\r]/
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/

export function csvCell(value: string | number | undefined): string {
  let cell = value === undefined ? '' : String(value)
  if (FORMULA_START.test(cell)) cell = "'" + cell
  return NEEDS_QUOTES.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | undefined)[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
}
