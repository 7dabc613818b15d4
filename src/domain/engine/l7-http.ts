/** HTTP L7 rule matching (§7.2); gRPC is HTTP/2 POST to `/pkg.Service/Method`. */
import type { HttpRule } from '../policy/model.ts'
import type { HttpRequest } from './api.ts'
import type { FullMatcher } from './regex.ts'
import { compileRe2 } from './regex.ts'

type HeaderCheck = { readonly name: string; readonly value: string | null; readonly failOnMismatch: boolean }

export interface CompiledHttpRule {
  readonly src: HttpRule
  readonly method: FullMatcher | null
  readonly path: FullMatcher | null
  readonly host: FullMatcher | null
  readonly headers: readonly HeaderCheck[]
  /** Messages for patterns that failed to compile; such a rule never matches. */
  readonly errors: readonly string[]
}

function field(pattern: string | undefined, what: string, errors: string[]): FullMatcher | null {
  if (pattern === undefined || pattern === '') return null
  const m = compileRe2(pattern)
  if (typeof m === 'string') {
    errors.push(`invalid ${what} regex ${JSON.stringify(pattern)}: ${m}`)
    return () => false
  }
  return m
}

/** `Name` (presence) or `Name value` (exact), split at the first space; a trailing ':' is dropped. */
function parseHeaderString(h: string): HeaderCheck {
  const t = h.trim()
  const sp = t.indexOf(' ')
  const rawName = sp < 0 ? t : t.slice(0, sp)
  const name = (rawName.endsWith(':') ? rawName.slice(0, -1) : rawName).toLowerCase()
  return { name, value: sp < 0 ? null : t.slice(sp + 1).trim(), failOnMismatch: true }
}

export function compileHttpRule(r: HttpRule): CompiledHttpRule {
  const errors: string[] = []
  const headers: HeaderCheck[] = (r.headers ?? []).map(parseHeaderString)
  for (const hm of r.headerMatches ?? []) {
    // A mismatch action (LOG/ADD/DELETE/REPLACE) rewrites or logs but keeps the rule matching.
    const failOnMismatch = hm.mismatch === undefined || hm.mismatch === ''
    // A secret's value is unknown offline: we treat it as a value that no request carries.
    const value = hm.value !== undefined ? hm.value : hm.secret !== undefined ? '\u0000secret' : null
    headers.push({ name: hm.name.toLowerCase(), value, failOnMismatch })
  }
  return {
    src: r,
    method: field(r.method, 'method', errors),
    path: field(r.path, 'path', errors),
    host: field(r.host, 'host', errors),
    headers,
    errors,
  }
}

function headerValue(req: HttpRequest, name: string): string | undefined {
  if (!req.headers) return undefined
  for (const [k, v] of Object.entries(req.headers)) if (k.toLowerCase() === name) return v
  return undefined
}

/** All fields of one rule are ANDed; an empty rule allows everything (§7.2). */
export function httpRuleMatches(r: CompiledHttpRule, req: HttpRequest): boolean {
  if (r.method && !r.method(req.method)) return false
  if (r.path && !r.path(req.path)) return false
  if (r.host && !r.host(req.host ?? '')) return false
  for (const h of r.headers) {
    const v = headerValue(req, h.name)
    const ok = v !== undefined && (h.value === null || v === h.value)
    if (!ok && h.failOnMismatch) return false
  }
  return true
}
