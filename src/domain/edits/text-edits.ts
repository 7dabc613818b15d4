/** Collects replacements against one original text and applies them; plus line helpers. */
import type { TextEdit } from './gestures.ts'

/**
 * Every edit of one gesture is planned against the same original text, so positions never shift
 * while planning. Inserts at the same point are concatenated in the order they were added, and
 * touching edits are merged, so one touched region gives one replacement.
 */
export class EditBuilder {
  private readonly edits: { start: number; end: number; text: string; seq: number }[] = []

  constructor(readonly original: string) {}

  replace(start: number, end: number, text: string): void {
    this.edits.push({ start, end, text, seq: this.edits.length })
  }
  insert(at: number, text: string): void {
    this.replace(at, at, text)
  }

  /** Whether an edit planned so far ends at `pos` (e.g. a document already appended at the end). */
  endsAt(pos: number): boolean {
    return this.edits.some((e) => e.end === pos)
  }

  get size(): number {
    return this.edits.length
  }

  /** Sorted, merged edits; throws on overlap (a planning bug, reported by applyGesture). */
  build(): TextEdit[] {
    const sorted = [...this.edits].sort((a, b) => a.start - b.start || a.end - b.end || a.seq - b.seq)
    const out: { start: number; end: number; text: string }[] = []
    for (const e of sorted) {
      const last = out[out.length - 1]
      if (last && e.start < last.end) throw new Error('overlapping edits')
      if (last && e.start === last.end) {
        last.end = e.end
        last.text += e.text
      } else out.push({ ...e })
    }
    return out.filter((e) => e.start !== e.end || e.text !== '').map(({ start, end, text }) => ({ start, end, text }))
  }
}

/** Applies sorted, non-overlapping edits. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = ''
  let at = 0
  for (const e of edits) {
    out += text.slice(at, e.start) + e.text
    at = e.end
  }
  return out + text.slice(at)
}

export function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1
}

/** Position of the `\n` ending the line of `pos` (or text end). */
export function lineEnd(text: string, pos: number): number {
  const i = text.indexOf('\n', pos)
  return i < 0 ? text.length : i
}

export function columnOf(text: string, pos: number): number {
  return pos - lineStart(text, pos)
}

/** The range of whole lines covering [start, end), including the final newline when there is one. */
export function wholeLines(text: string, start: number, end: number): { start: number; end: number } {
  const s = lineStart(text, start)
  const e = lineEnd(text, Math.max(start, end - 1))
  if (e < text.length) return { start: s, end: e + 1 }
  // Last line without a newline: take the newline before it instead, so no blank line is left.
  return { start: s > 0 ? s - 1 : s, end: e }
}

export function onlySpacesBefore(text: string, pos: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, pos), pos))
}
