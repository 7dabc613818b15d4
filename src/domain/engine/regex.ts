/**
 * RE2 full-match regexes for HTTP rules (§7.2), compiled once per pattern text. User patterns
 * never reach `RegExp`: RE2 is what Envoy runs, and its linear time keeps hostile patterns
 * harmless.
 */
import { RE2JS } from 're2js'

export type FullMatcher = (input: string) => boolean

const cache = new Map<string, FullMatcher | string>()
const MAX_CACHE = 10_000

/** A full-match predicate, or an error message when the pattern does not compile (it never matches). */
export function compileRe2(pattern: string): FullMatcher | string {
  const hit = cache.get(pattern)
  if (hit !== undefined) return hit
  let out: FullMatcher | string
  try {
    const re = RE2JS.compile(pattern)
    out = (input) => re.matches(input)
  } catch (e) {
    out = e instanceof Error ? e.message : String(e)
  }
  if (cache.size >= MAX_CACHE) cache.clear()
  cache.set(pattern, out)
  return out
}
