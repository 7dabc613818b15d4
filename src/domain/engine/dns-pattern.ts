/**
 * DNS name matching for `rules.dns` and `toFQDNs` (§5.6, §7.4, §7.5), written from the rules in
 * the reference rather than by building a RegExp: names are split into labels and each pattern
 * label is matched as a glob whose `*` never crosses a dot.
 */

/** Lowercase, trimmed, with the FQDN trailing dot (§7.4). */
export function normalizeDnsName(name: string): string {
  const n = name.trim().toLowerCase()
  return n.endsWith('.') ? n : `${n}.`
}

export type NameMatcher = (fqdn: string) => boolean

const PATTERN_CHARS = /^[a-z0-9.\-_*]*$/
const LABEL_CHARS = /^[a-z0-9_-]+$/
const STARS_ONLY = /^\*+\.?$/
const MULTI_LABEL = /^\*\*+$/

/** Sanitize as in §9.40: star-only patterns stay as they are, others get a trailing dot. */
export function sanitizePattern(pattern: string): string {
  const p = pattern.trim().toLowerCase()
  if (STARS_ONLY.test(p)) return p
  return p.endsWith('.') ? p : `${p}.`
}

/** One label glob: `*` is zero or more of `[-a-z0-9_]` (§7.5). */
function globLabel(pattern: string, label: string): boolean {
  // Classic iterative wildcard match with backtracking to the last star.
  let p = 0
  let s = 0
  let star = -1
  let mark = 0
  while (s < label.length) {
    const c = label[s]
    if (p < pattern.length && pattern[p] === '*') {
      star = p++
      mark = s
    } else if (p < pattern.length && pattern[p] === c) {
      p++
      s++
    } else if (star >= 0 && isWildChar(label[mark])) {
      p = star + 1
      s = ++mark
    } else return false
  }
  while (p < pattern.length && pattern[p] === '*') p++
  return p === pattern.length
}

function isWildChar(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c === '-' || c === '_'
}

/** Labels of an FQDN (`a.b.` → [a, b]); `.` → []; null when it lacks the trailing dot. */
function splitName(fqdn: string): string[] | null {
  if (!fqdn.endsWith('.')) return null
  if (fqdn === '.') return []
  return fqdn.slice(0, -1).split('.')
}

/**
 * Compiles a matchPattern into a matcher of already-normalized names, or null when the pattern
 * holds characters Cilium rejects (the rule then never matches).
 */
export function compileMatchPattern(pattern: string): NameMatcher | null {
  const p = sanitizePattern(pattern)
  if (!PATTERN_CHARS.test(p) || p === '') return null
  if (STARS_ONLY.test(p)) {
    // Matches every well-formed name, including the root `.` (§9.38), but no empty labels.
    return (name) => {
      const labels = splitName(name)
      return labels !== null && labels.every((l) => LABEL_CHARS.test(l))
    }
  }
  const parts = p.slice(0, -1).split('.')
  if (parts.some((x) => x === '')) return null
  const multi = MULTI_LABEL.test(parts[0])
  const rest = multi ? parts.slice(1) : parts
  return (name) => {
    const labels = splitName(name)
    if (labels === null) return false
    if (multi) {
      // A leading `**.` stands for one or more whole labels (§7.5).
      const head = labels.length - rest.length
      if (head < 1) return false
      for (let i = 0; i < head; i++) if (!LABEL_CHARS.test(labels[i])) return false
      for (let i = 0; i < rest.length; i++) if (!globLabel(rest[i], labels[head + i])) return false
      return true
    }
    if (labels.length !== rest.length) return false
    for (let i = 0; i < rest.length; i++) if (!globLabel(rest[i], labels[i])) return false
    return true
  }
}

/** matchName: exact, case-insensitive, trailing dot added (§5.6, §7.4). */
export function compileMatchName(name: string): NameMatcher {
  const want = normalizeDnsName(name)
  return (fqdn) => fqdn === want
}

/** A DNS rule or toFQDNs selector: matchName wins when both are (wrongly) present. */
export function compileDnsSelector(sel: { matchName?: string; matchPattern?: string }): NameMatcher | null {
  if (sel.matchName !== undefined && sel.matchName.trim() !== '') return compileMatchName(sel.matchName)
  if (sel.matchPattern !== undefined) return compileMatchPattern(sel.matchPattern)
  return null
}
