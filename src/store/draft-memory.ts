/**
 * Palette drafts that a text change took off the picture (a rule now mentions them, or a new
 * workspace replaced the old one), remembered with the text they were drafts under. The editor's
 * undo restores a text exactly, so when that text comes back its drafts come back with it:
 * undoing a connect that used a palette node leaves the node on the picture, ready to reconnect.
 */
import type { DraftNode } from './drafts.ts'

export interface DraftMemory {
  /** Remembers that `drafts` were on the picture while the text was `text`. */
  remember(text: string, drafts: readonly DraftNode[]): void
  /** The drafts remembered under exactly this text (empty when none). */
  recall(text: string): readonly DraftNode[]
}

/** Keeps the last `limit` texts (an undo stack is finite too; older entries are dropped). */
export function createDraftMemory(limit = 64): DraftMemory {
  const entries: { text: string; drafts: DraftNode[] }[] = []
  return {
    remember(text, drafts) {
      if (drafts.length === 0) return
      let entry = entries.find((e) => e.text === text)
      if (entry) entries.splice(entries.indexOf(entry), 1)
      else entry = { text, drafts: [] }
      for (const d of drafts) if (!entry.drafts.some((x) => x.id === d.id)) entry.drafts.push(d)
      entries.push(entry)
      if (entries.length > limit) entries.shift()
    },
    recall(text) {
      return entries.find((e) => e.text === text)?.drafts ?? []
    },
  }
}
