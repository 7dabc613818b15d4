/**
 * The one way into the text editor for everything that is not the YAML pane: the pane registers
 * an implementation while it is mounted, other panes and the action registry call it. An editor
 * is not state, so it is not in a store; and no feature imports another feature's editor.
 * Positions are offsets into the text, as everywhere in the domain (no Monaco types leak out).
 * Self-contained on purpose: it depends on nothing else in the store.
 */

/** `[start, end)` in UTF-16 offsets of the editor's text. */
export interface TextRange {
  readonly start: number
  readonly end: number
}

/** Replace `[start, end)` with `text` (offsets of the text before any edit of the same batch). */
export interface TextEdit extends TextRange {
  readonly text: string
}

export interface EditorPort {
  /** Scrolls so that `range` is in the middle of the editor, without moving the cursor. */
  revealRange(range: TextRange): void
  /** Selects `range` (the cursor ends at its end) and scrolls it to the middle. */
  select(range: TextRange): void
  /** Puts the cursor at `offset` and scrolls its line to the middle. */
  setCursor(offset: number): void
  /** Applies the edits as one undo step on the editor's own undo stack. */
  applyEdits(edits: readonly TextEdit[]): void
  undo(): void
  redo(): void
  focus(): void
}

export interface EditorPortRegistry {
  /** Makes `port` the editor; returns the matching unregister (which only ever removes this port). */
  register(port: EditorPort): () => void
  /** The registered editor, or null while none is mounted (Monaco loads lazily). */
  current(): EditorPort | null
}

export function createEditorPortRegistry(): EditorPortRegistry {
  let current: EditorPort | null = null
  return {
    register(port) {
      current = port
      return () => {
        // A remount (StrictMode, HMR) may register the next editor before the old one leaves.
        if (current === port) current = null
      }
    },
    current: () => current,
  }
}

const appEditor = createEditorPortRegistry()

/** Called by the YAML pane on mount; call the returned function on unmount. */
export const registerEditor = appEditor.register

/** The app's editor, or null while none is mounted. */
export const editorPort = appEditor.current
