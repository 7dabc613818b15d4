/**
 * A tiny block-YAML emitter for the snippets we splice in. We emit ourselves (rather than
 * `yaml.stringify`) so indentation, sequence style and quote style can follow the document
 * being edited, and so port numbers are always quoted strings (§6.1: `port` is a string).
 */
import { parse as parseYaml } from 'yaml'

export type YValue = string | number | boolean | null | readonly YValue[] | { readonly [key: string]: YValue }

export interface Style {
  /** Spaces per nested map level. */
  readonly indent: number
  /** Extra spaces of a block sequence under its key: 2 (`key:\n  - x`) or 0 (`key:\n- x`). */
  readonly seqIndent: number
  readonly quote: '"' | "'"
  /** The document is JSON: keep it JSON by quoting every string and key. */
  readonly json?: boolean
}

export const DEFAULT_STYLE: Style = { indent: 2, seqIndent: 2, quote: '"' }

const PLAIN = /^[A-Za-z0-9_./(^$\\][^\n\r\t#]*$/

function isPlainSafe(s: string): boolean {
  if (!PLAIN.test(s) || s.endsWith(' ') || s.endsWith(':') || s.includes(': ') || s.includes(' #')) return false
  try {
    // Round-trip through the real parser: catches numbers, booleans, null, dates and the like.
    return parseYaml(s) === s
  } catch {
    return false
  }
}

function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) < 32) return true
  return false
}

export function scalar(v: string | number | boolean | null, style: Style): string {
  if (v === null) return 'null'
  if (typeof v !== 'string') return String(v)
  if (style.json) return JSON.stringify(v)
  if (isPlainSafe(v)) return v
  if (style.quote === "'" && !hasControl(v)) return `'${v.replace(/'/g, "''")}'`
  return JSON.stringify(v)
}

/** Keys are plain when safe (`k8s:io.kubernetes.pod.namespace` is), quoted otherwise. */
function key(k: string, style: Style): string {
  if (style.json) return JSON.stringify(k)
  return /^[A-Za-z0-9_][A-Za-z0-9_./:-]*$/.test(k) && !k.endsWith(':') ? k : scalar(k, { ...style, quote: '"' })
}

function isCollection(v: YValue): v is readonly YValue[] | { readonly [key: string]: YValue } {
  return typeof v === 'object' && v !== null
}
function isEmpty(v: YValue): boolean {
  return Array.isArray(v) ? v.length === 0 : isCollection(v) && Object.keys(v).length === 0
}

/** One line form: scalars, `{}`, `[]`, or a flow collection. */
export function flow(v: YValue, style: Style): string {
  if (!isCollection(v)) return scalar(v, style)
  if (Array.isArray(v)) return `[${(v as readonly YValue[]).map((x) => flow(x, style)).join(', ')}]`
  const entries = Object.entries(v as Record<string, YValue>)
  return entries.length === 0 ? '{}' : `{${entries.map(([k, x]) => `${key(k, style)}: ${flow(x, style)}`).join(', ')}}`
}

const pad = (n: number): string => ' '.repeat(n)

/** Lines of a block map's entries at column `col`. */
export function mapLines(obj: { readonly [key: string]: YValue }, col: number, style: Style): string[] {
  return Object.entries(obj).flatMap(([k, v]) => entryLines(k, v, col, style))
}

/** `key: value` at column `col`, the value in block style when it is a non-empty collection. */
export function entryLines(k: string, v: YValue, col: number, style: Style): string[] {
  const head = `${pad(col)}${key(k, style)}:`
  if (!isCollection(v) || isEmpty(v)) return [`${head} ${flow(v, style)}`]
  return [head, ...valueLines(v, col, style)]
}

/** The block lines of a non-empty collection that is the value of a key at column `keyCol`. */
export function valueLines(v: YValue, keyCol: number, style: Style): string[] {
  if (Array.isArray(v)) return (v as readonly YValue[]).flatMap((item) => itemLines(item, keyCol + style.seqIndent, style))
  return mapLines(v as { readonly [key: string]: YValue }, keyCol + style.indent, style)
}

/** One `- item` of a block sequence whose dashes sit at column `dashCol`. */
export function itemLines(item: YValue, dashCol: number, style: Style): string[] {
  if (!isCollection(item) || isEmpty(item) || Array.isArray(item)) return [`${pad(dashCol)}- ${flow(item, style)}`]
  const body = mapLines(item as { readonly [key: string]: YValue }, dashCol + 2, style)
  return [`${pad(dashCol)}- ${body[0].slice(dashCol + 2)}`, ...body.slice(1)]
}

/** A whole document (an object at column 0), with optional `# ` comment lines on top. */
export function documentText(obj: { readonly [key: string]: YValue }, style: Style, comment?: readonly string[]): string {
  const head = (comment ?? []).map((c) => (c === '' ? '#' : `# ${c}`))
  return [...head, ...mapLines(obj, 0, style)].join('\n') + '\n'
}
