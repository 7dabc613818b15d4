/**
 * Memo of request-level L7 verdicts per L3/L4 cache entry. Captures repeat the same few requests
 * (same method, path, host) on a connection, and matching them means running RE2 patterns, by
 * far the most expensive step of a cached flow. The L7 verdict is a pure function of the entry's
 * plans and the request fields hashed here, so a memo hit is exactly the computed answer.
 */
import type { EvalResult, L7Request } from './api.ts'

/**
 * Memoized results per verdict cache (shared by all its entries): a stream of distinct requests
 * (unique paths) stops being memoized past this, instead of growing without bound.
 */
export const L7_MEMO_BUDGET = 200_000

export type L7Memo = Map<string, EvalResult>

const SEP = '\u0000'
/** Strings with the separator could make two requests share a key: those are not memoized. */
const safe = (s: string | undefined): boolean => s === undefined || !s.includes(SEP)
const opt = (s: string | undefined): string => (s === undefined ? '-' : `+${s}`)

/** A key identifying everything `evaluateL7` reads from the request, or undefined to skip the memo. */
export function l7Signature(l7: L7Request): string | undefined {
  const { http, dns, kafka, tls } = l7
  // evaluateL7 picks the first kind with rules; a request carrying several is rare: not memoized.
  const kinds = (http ? 1 : 0) + (dns ? 1 : 0) + (kafka ? 1 : 0)
  if (kinds > 1 || (kinds === 0 && !tls)) return undefined
  if (tls) {
    if (!safe(tls.sni)) return undefined
    const rest = kinds === 0 ? '' : l7Signature({ ...(http && { http }), ...(dns && { dns }), ...(kafka && { kafka }) })
    return rest === undefined ? undefined : `t${tls.sni}${SEP}${rest}`
  }
  if (http) {
    if (!safe(http.method) || !safe(http.path) || !safe(http.host)) return undefined
    let key = `h${http.method}${SEP}${http.path}${SEP}${opt(http.host)}`
    if (http.headers) {
      for (const [k, v] of Object.entries(http.headers)) {
        if (!safe(k) || !safe(v)) return undefined
        key += `${SEP}${k}${SEP}${v}`
      }
    }
    return key
  }
  if (dns) return safe(dns.query) ? `d${dns.query}` : undefined
  return `k${JSON.stringify([kafka!.apiKey, kafka!.apiVersion ?? null, kafka!.clientID ?? null, kafka!.topics ?? null])}`
}

export function memoGet(memo: L7Memo | undefined, key: string | undefined): EvalResult | undefined {
  return memo === undefined || key === undefined ? undefined : memo.get(key)
}

/** Stores a result when `budget` allows; returns the (possibly new) memo. */
export function memoSet(memo: L7Memo | undefined, key: string | undefined, r: EvalResult, budget: { l7Memoized: number }): L7Memo | undefined {
  if (key === undefined || budget.l7Memoized >= L7_MEMO_BUDGET) return memo
  const m = memo ?? new Map<string, EvalResult>()
  m.set(key, r)
  budget.l7Memoized++
  return m
}
