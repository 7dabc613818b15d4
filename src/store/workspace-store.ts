/**
 * The workspace store. The YAML text is the document; the model and graph are derived from it.
 * Edits from the editor arrive with `setTextFromEditor`; anything else (examples, scripting API,
 * reset) goes through `replaceText`, which the YAML pane applies as one undoable edit.
 */
import { create } from 'zustand'
import { nextModelState } from './model-state.ts'
import { loadWorkspace, saveWorkspace } from './persistence.ts'
import type { ModelState, Selection, WorkspaceSettings } from './workspace-types.ts'
import type { TextEdit } from '../domain/edits/index.ts'
import type { DraftNode } from './drafts.ts'
import { pruneDrafts } from './drafts.ts'

export interface ExternalText {
  readonly text: string
  readonly seq: number
  readonly base?: string
  readonly edits?: readonly TextEdit[]
}

export interface Notice {
  readonly kind: 'info' | 'warning' | 'error'
  readonly text: string
  readonly seq: number
}

const PARSE_DELAY_MS = 100
const SAVE_DELAY_MS = 300

export interface WorkspaceState {
  text: string
  /** Where the text came from: `demo`, `example:<id>`, `empty` or `saved`. */
  source: string
  /** The text as last loaded; differs from `text` once the user has edited. */
  loadedText: string
  model: ModelState
  settings: WorkspaceSettings
  selection: Selection | null
  /** Palette nodes not in the YAML yet. */
  drafts: readonly DraftNode[]
  view: 'cluster' | 'focus'
  /**
   * A text the editor must take over (not typed in it); `seq` changes for every request. `edits`
   * (against `base`) let the editor apply a graph gesture as exactly those small replacements.
   */
  external: ExternalText | null
  /** A short message for the status bar: what a gesture did, or why it could not. */
  notice: Notice | null
  autosaveOk: boolean

  setTextFromEditor(text: string): void
  replaceText(text: string, source?: string): void
  /** Applies edits computed against the current text (one undo step in the editor). */
  applyEdits(next: string, edits: readonly TextEdit[]): void
  notify(notice: Omit<Notice, 'seq'> | null): void
  select(selection: Selection | null): void
  addDraft(draft: DraftNode): void
  removeDraft(id: string): void
  setView(view: 'cluster' | 'focus'): void
  setSettings(patch: Partial<WorkspaceSettings>): void
  /** Runs a pending debounced parse now (scripting API, tests). */
  flushParse(): void
}

export const DEFAULT_SETTINGS: WorkspaceSettings = { auditMode: false, enforcementMode: 'default' }

let parseTimer: ReturnType<typeof setTimeout> | undefined
let saveTimer: ReturnType<typeof setTimeout> | undefined
let seq = 0

export function createInitialState(demoText: string): Pick<
  WorkspaceState,
  'text' | 'source' | 'loadedText' | 'model' | 'settings' | 'drafts'
> {
  const saved = loadWorkspace()
  const text = saved?.text ?? demoText
  return {
    text,
    source: saved?.source ?? 'demo',
    loadedText: saved ? text : demoText,
    model: nextModelState(text, null),
    settings: saved?.settings ?? DEFAULT_SETTINGS,
    drafts: saved?.drafts ?? [],
  }
}

export const useWorkspace = create<WorkspaceState>()((set, get) => {
  const scheduleSave = (): void => {
    clearTimeout(saveTimer)
    saveTimer = setTimeout(() => {
      const { text, settings, source, drafts } = get()
      set({ autosaveOk: saveWorkspace({ text, settings, source, drafts }) })
    }, SAVE_DELAY_MS)
  }
  const parseNow = (): void => {
    clearTimeout(parseTimer)
    parseTimer = undefined
    const { text, model, drafts } = get()
    const next = nextModelState(text, model)
    set({ model: next, drafts: pruneDrafts(next.graph, drafts) })
  }
  return {
    text: '',
    source: 'empty',
    loadedText: '',
    model: nextModelState('', null),
    settings: DEFAULT_SETTINGS,
    selection: null,
    drafts: [],
    view: 'cluster',
    external: null,
    notice: null,
    autosaveOk: true,

    setTextFromEditor(text) {
      if (text === get().text) return
      set({ text })
      clearTimeout(parseTimer)
      parseTimer = setTimeout(parseNow, PARSE_DELAY_MS)
      scheduleSave()
    },
    replaceText(text, source) {
      seq += 1
      set({
        text,
        external: { text, seq },
        selection: null,
        // A new workspace starts without the old one's palette drafts.
        ...(source === undefined ? {} : { source, loadedText: text, drafts: [] }),
      })
      parseNow()
      scheduleSave()
    },
    applyEdits(next, edits) {
      seq += 1
      set({ text: next, external: { text: next, seq, base: get().text, edits } })
      parseNow()
      scheduleSave()
    },
    notify(notice) {
      seq += 1
      set({ notice: notice ? { ...notice, seq } : null })
    },
    select(selection) {
      set({ selection })
    },
    addDraft(draft) {
      if (get().drafts.some((d) => d.id === draft.id) || get().model.graph.nodes.some((n) => n.id === draft.id)) return
      set({ drafts: [...get().drafts, draft] })
      scheduleSave()
    },
    removeDraft(id) {
      set({ drafts: get().drafts.filter((d) => d.id !== id) })
      scheduleSave()
    },
    setView(view) {
      set({ view })
    },
    setSettings(patch) {
      set({ settings: { ...get().settings, ...patch } })
      scheduleSave()
    },
    flushParse() {
      if (parseTimer !== undefined) parseNow()
    },
  }
})

/** Writes autosave now (page hide), so a reload right after typing restores everything. */
export function saveNow(): void {
  clearTimeout(saveTimer)
  const { text, settings, source, drafts } = useWorkspace.getState()
  saveWorkspace({ text, settings, source, drafts })
}
