/**
 * The workspace store, made by a factory so a test can have a fresh one. The YAML text is the
 * document; the model and graph are derived from it. Text changes only through `commitText`,
 * tagged with where it came from: typing is parsed after a pause and never echoed to the editor;
 * anything else is parsed at once and handed to the editor (`external`) as one undoable edit.
 * Timers, sequence numbers and remembered drafts live in the store made here, nowhere else.
 */
import { createStore } from 'zustand/vanilla'
import type { StoreApi } from 'zustand/vanilla'
import { createDraftMemory } from './draft-memory.ts'
import { mergeDrafts, pruneDrafts } from './drafts.ts'
import type { DraftNode } from './drafts.ts'
import { gestureActions } from './gesture-commit.ts'
import { nextModelState } from './model-state.ts'
import { buildGraph, mergeNamespaceLabels, sameNamespaceLabels } from '../domain/graph/index.ts'
import type { WorkspaceStorage } from './persistence.ts'
import { initialWorkspaceState } from './workspace-initial-state.ts'
import type { ParseResult } from '../domain/policy/model.ts'
import type { ModelState, WorkspaceState } from './workspace-types.ts'

export type WorkspaceStore = StoreApi<WorkspaceState>

export interface WorkspaceStoreOptions {
  /** The text a first visit (nothing saved) starts with. */
  readonly demoText: string
  /** Where autosave reads and writes. */
  readonly storage: WorkspaceStorage
  /** Pause after the last keystroke before the text is parsed. */
  readonly parseDelayMs?: number
  /** Pause after the last change before autosave writes. */
  readonly saveDelayMs?: number
  /**
   * Runs each parse and graph build of a committed text (typed, pasted, loaded, opened): the app
   * sets its load mark around it (load-guard.ts), so a text that kills the tab reopens in safe mode.
   */
  readonly guardHeavy?: <T>(work: () => T) => T
}

export function createWorkspaceStore(options: WorkspaceStoreOptions): WorkspaceStore {
  const { storage, parseDelayMs = 100, saveDelayMs = 300, guardHeavy = (work) => work() } = options
  const initial = initialWorkspaceState(storage.load(), options.demoText)
  const memory = createDraftMemory()
  let parseTimer: ReturnType<typeof setTimeout> | undefined
  let saveTimer: ReturnType<typeof setTimeout> | undefined
  let seq = 0
  /** The text the current model was parsed from (drafts a parse consumes were drafts under it). */
  let parsedText = initial.text
  let answer: ((ok: boolean) => void) | null = null

  return createStore<WorkspaceState>()((set, get) => {
    /** The model and drafts with the graph drawn from both (kept as is when neither changed). */
    const withDrafts = (model: ModelState, drafts: readonly DraftNode[]): Pick<WorkspaceState, 'model' | 'drafts' | 'displayGraph'> => {
      const s = get()
      const same = model.graph === s.model.graph && drafts === s.drafts
      return { model, drafts, displayGraph: same ? s.displayGraph : mergeDrafts(model.graph, drafts) }
    }
    const write = (): boolean => {
      clearTimeout(saveTimer)
      saveTimer = undefined
      const { text, settings, source, drafts } = get()
      return storage.save({ text, settings, source, drafts })
    }
    const scheduleSave = (): void => {
      clearTimeout(saveTimer)
      saveTimer = setTimeout(() => set({ autosaveOk: write() }), saveDelayMs)
    }
    const parseNow = (parse?: ParseResult): void => {
      clearTimeout(parseTimer)
      parseTimer = undefined
      const { text, model, drafts } = get()
      const next = guardHeavy(() => nextModelState(text, model, parse, get().namespaceLabels))
      const kept = pruneDrafts(next.graph, drafts)
      if (kept !== drafts) memory.remember(parsedText, drafts.filter((d) => !kept.includes(d)))
      parsedText = text
      set(withDrafts(next, kept))
    }

    return {
      ...initial,

      commitText({ text, origin, source, edits, parse }) {
        const before = get().text
        if (origin === 'typing') {
          if (text === before) return
          // The editor's undo brings back a text exactly; drafts taken off under it return with it.
          const { drafts, model } = get()
          const back = memory.recall(text).filter((d) => !drafts.some((x) => x.id === d.id))
          set({ text, ...(back.length > 0 ? withDrafts(model, [...drafts, ...back]) : {}) })
          clearTimeout(parseTimer)
          parseTimer = setTimeout(() => parseNow(), parseDelayMs)
          scheduleSave()
          return
        }
        seq += 1
        const fresh = origin === 'load' || origin === 'reset'
        // A new workspace starts without the old one's palette drafts (they come back on undo).
        if (fresh) memory.remember(before, get().drafts)
        set({
          text,
          external: { text, seq, ...(origin === 'gesture' && edits ? { base: before, edits } : {}) },
          ...(origin === 'gesture' ? {} : { selection: null }),
          ...(fresh ? { source: source ?? get().source, loadedText: text, ...withDrafts(get().model, []) } : {}),
        })
        parseNow(parse)
        scheduleSave()
      },

      requestReplace(request) {
        const { text, loadedText } = get()
        const apply = (): Promise<boolean> => {
          const commit = (t: string): boolean => {
            get().commitText({ text: t, origin: request.origin, source: request.source })
            return true
          }
          try {
            const loaded = request.load()
            return typeof loaded === 'string' ? Promise.resolve(commit(loaded)) : loaded.then(commit)
          } catch (err) {
            return Promise.reject(err instanceof Error ? err : new Error(String(err)))
          }
        }
        if (text === loadedText || text.trim() === '') return apply()
        answer?.(false)
        return new Promise<boolean>((resolve, reject) => {
          answer = (ok) => {
            answer = null
            set({ confirm: null })
            if (ok) apply().then(resolve, reject)
            else resolve(false)
          }
          set({ confirm: request.prompt })
        })
      },
      answerConfirm(ok) {
        answer?.(ok)
      },

      ...gestureActions(get),

      notify(notice) {
        seq += 1
        set({ notice: notice ? { ...notice, seq } : null })
      },
      select(selection) {
        set({ selection })
      },
      addDraft(draft) {
        const { drafts, model } = get()
        if (drafts.some((d) => d.id === draft.id) || model.graph.nodes.some((n) => n.id === draft.id)) return
        set(withDrafts(model, [...drafts, draft]))
        scheduleSave()
      },
      removeDraft(id) {
        set(withDrafts(get().model, get().drafts.filter((d) => d.id !== id)))
        scheduleSave()
      },
      setView(view) {
        set({ view })
      },
      setSettings(patch) {
        set({ settings: { ...get().settings, ...patch } })
        scheduleSave()
      },
      setNamespaceLabels(labels, source = 'flows') {
        const { namespaceLabels, namespaceLabelSources, model, drafts } = get()
        const sources = { ...namespaceLabelSources, [source]: labels }
        // The inventory's Namespace objects are the cluster's own word; flows fill in the rest.
        const merged = mergeNamespaceLabels(sources.inventory, sources.flows)
        if (sameNamespaceLabels(namespaceLabels, merged)) return set({ namespaceLabelSources: sources })
        // The graph only: the text, its parse and the drafts stay as they are.
        const graph = buildGraph(model.good, { namespaceLabels: merged })
        set({ namespaceLabels: merged, namespaceLabelSources: sources, ...withDrafts({ ...model, graph }, drafts) })
      },
      flushParse() {
        if (parseTimer !== undefined) parseNow()
      },
      saveNow() {
        write()
      },
      dispose() {
        clearTimeout(parseTimer)
        clearTimeout(saveTimer)
        parseTimer = saveTimer = undefined
        answer?.(false)
      },
    }
  })
}
