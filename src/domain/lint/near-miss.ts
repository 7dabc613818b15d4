/** Near-miss suggestions for selector typos (`app: fronted` → `frontend`). */

/** Levenshtein distance, bounded: returns max+1 as soon as the distance must exceed `max`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
      cur.push(v)
      if (v < best) best = v
    }
    if (best > max) return max + 1
    prev = cur
  }
  return prev[b.length]
}

/** The closest candidates within a distance that scales with the word (1 for short words, up to 3). */
export function nearest(word: string, candidates: Iterable<string>): string[] {
  const max = Math.min(3, Math.max(1, Math.floor(word.length / 3)))
  let best = max + 1
  let out: string[] = []
  for (const c of new Set(candidates)) {
    if (c === word) continue
    const d = editDistance(word.toLowerCase(), c.toLowerCase(), max)
    if (d < best) {
      best = d
      out = [c]
    } else if (d === best && d <= max) out.push(c)
  }
  return best <= max ? out.sort() : []
}
