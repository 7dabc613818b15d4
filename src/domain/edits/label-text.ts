/** Labels as a person types them into the palette or the inspector. */

/** Parses `k=v,k2=v2` (or `k: v`) into labels; null when a part has no key. */
export function parseLabelText(text: string): Record<string, string> | null {
  const out: Record<string, string> = {}
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([^=:\s]+)\s*[=:]\s*(.*)$/.exec(part)
    if (!m) return null
    out[m[1]] = m[2].trim()
  }
  return out
}
