/**
 * `check --expect <file>`: connections that must (not) be allowed, in YAML:
 *
 *   - name: frontend reaches cart          # optional
 *     from: shop/frontend-7c9d8f6b5d-x2kqp # same syntax as trace --from
 *     to: shop:app=cart
 *     port: 8080/TCP
 *     http: GET /api/v1/cart               # optional; or dns: api.example.com
 *     expect: allowed                      # allowed | denied | audit
 *
 * A top-level `expectations:` key around the list is accepted too.
 */
import { LineCounter, isMap, isNode, isSeq, parseDocument } from 'yaml'
import { CliError } from './io.ts'
import { parseYamlWithinLimits } from '../domain/policy/index.ts'

export interface Expectation {
  readonly name: string
  readonly from: string
  readonly to: string
  readonly port: string
  readonly http?: string
  readonly dns?: string
  readonly expect: 'allowed' | 'denied' | 'audit'
  /** 1-based line in the file, for messages. */
  readonly line: number
}

const KEYS = new Set(['name', 'from', 'to', 'port', 'http', 'dns', 'expect'])

export function parseExpectations(text: string, file: string): Expectation[] {
  const lineCounter = new LineCounter()
  // The policy parse's nesting pre-scan and alias budget (issue 8): a hostile file is exit 2 at its line.
  const read = parseYamlWithinLimits(text, () => [parseDocument(text, { lineCounter })])
  if ('problem' in read) throw new CliError(`${file}:${read.problem.line}:${read.problem.column}: ${read.problem.message}`)
  const doc = read.docs[0]
  if (doc.errors.length > 0) {
    const e = doc.errors[0]
    const p = lineCounter.linePos(e.pos[0])
    throw new CliError(`${file}:${p.line}:${p.col}: ${e.message.split('\n')[0]}`)
  }
  let root: unknown = doc.toJS()
  if (typeof root === 'object' && root !== null && !Array.isArray(root) && 'expectations' in root) {
    root = (root as { expectations: unknown }).expectations
  }
  if (!Array.isArray(root)) throw new CliError(`${file}: expected a list of expectations (from, to, port, expect)`)
  const seq = isMap(doc.contents) ? doc.contents.get('expectations', true) : doc.contents
  const lineOf = (i: number): number => {
    const node: unknown = isSeq(seq) ? seq.items[i] : undefined
    const range = isNode(node) ? node.range : undefined
    return range ? lineCounter.linePos(range[0]).line : 1
  }
  return root.map((item: unknown, i) => {
    const where = `${file}:${lineOf(i)}`
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new CliError(`${where}: expectation ${i + 1} is not a mapping`)
    const o = item as Record<string, unknown>
    for (const k of Object.keys(o)) if (!KEYS.has(k)) throw new CliError(`${where}: unknown key '${k}' (allowed: ${[...KEYS].join(', ')})`)
    const s = (k: string, req: boolean): string | undefined => {
      const v = o[k]
      if (v === undefined || v === null) {
        if (req) throw new CliError(`${where}: expectation ${i + 1} needs '${k}'`)
        return undefined
      }
      return String(v)
    }
    const expect = s('expect', true)
    if (expect !== 'allowed' && expect !== 'denied' && expect !== 'audit') throw new CliError(`${where}: expect must be allowed, denied or audit, got '${expect}'`)
    const from = s('from', true) ?? ''
    const to = s('to', true) ?? ''
    const http = s('http', false)
    const dns = s('dns', false)
    const port = s('port', false) ?? (dns !== undefined ? '53/UDP' : undefined)
    if (port === undefined) throw new CliError(`${where}: expectation ${i + 1} needs 'port'`)
    return {
      name: s('name', false) ?? `${from} -> ${to} ${port}${http ? ` ${http}` : ''}${dns ? ` dns ${dns}` : ''}`,
      from, to, port, expect, line: lineOf(i),
      ...(http !== undefined && { http }),
      ...(dns !== undefined && { dns }),
    }
  })
}

/** `denied` is met by a denial or by an audit (a denial audit mode let through). */
export function expectationMet(expect: Expectation['expect'], verdict: 'allowed' | 'denied' | 'audit'): boolean {
  return expect === 'denied' ? verdict !== 'allowed' : verdict === expect
}
