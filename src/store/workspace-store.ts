/**
 * The workspace store. The YAML text is the document; the model and graph are derived from it.
 * Edits from the editor arrive with `setTextFromEditor`; anything else (examples, scripting API,
 * reset) goes through `replaceText`, which the YAML pane applies as one undoable edit.
 */
import { create } from 'zustand'
import { nextModelState } from './model-state.ts'
import { loadWorkspace, saveWorkspace } from './persistence.ts'
import type { ModelState, Selection, WorkspaceSettings } from './workspace-types.ts'

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
  /** A text the editor must take over (not typed in it); `seq` changes for every request. */
  external: { readonly text: string; readonly seq: number } | null
  autosaveOk: boolean

  setTextFromEditor(text: string): void
  replaceText(text: string, source?: string): void
  select(selection: Selection | null): void
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
  'text' | 'source' | 'loadedText' | 'model' | 'settings'
> {
  const saved = loadWorkspace()
  const text = saved?.text ?? demoText
  return {
    text,
    source: saved?.source ?? 'demo',
    loadedText: saved ? text : demoText,
    model: nextModelState(text, null),
    settings: saved?.settings ?? DEFAULT_SETTINGS,
  }
}

export const useWorkspace = create<WorkspaceState>()((set, get) => {
  const scheduleSave = (): void => {
    clearTimeout(saveTimer)
    saveTimer = setTimeout(() => {
      const { text, settings, source } = get()
      set({ autosaveOk: saveWorkspace({ text, settings, source }) })
    }, SAVE_DELAY_MS)
  }
  const parseNow = (): void => {
    clearTimeout(parseTimer)
    parseTimer = undefined
    const { text, model } = get()
    set({ model: nextModelState(text, model) })
  }
  return {
    text: '',
    source: 'empty',
    loadedText: '',
    model: nextModelState('', null),
    settings: DEFAULT_SETTINGS,
    selection: null,
    external: null,
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
        ...(source === undefined ? {} : { source, loadedText: text }),
      })
      parseNow()
      scheduleSave()
    },
    select(selection) {
      set({ selection })
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
  const { text, settings, source } = useWorkspace.getState()
  saveWorkspace({ text, settings, source })
}
