/**
 * The page opened by `membrane serve`: the policy folder is the workspace's source of truth.
 * The page opens on the folder's files (under `# file:` headers), Save writes the changed ones
 * back through the server, a file changed on disk reloads here — or, when this page has unsaved
 * edits to it, asks which to keep, and keeps the other version aside (downloadable) so neither is
 * lost. Live flows from the server go to the worker in a bounded window (serve-session-live.ts).
 *
 * Autosave: in served mode the browser keeps nothing of the workspace (the folder does); the
 * normal workspace saved in this browser is left as it was, and leaving with unsaved edits asks.
 */
import { create } from 'zustand'
import type { AppStores } from './app-stores.ts'
import type { WorkspaceStorage } from './persistence.ts'
import { WORKSPACE_KEY, keyValueStorage } from './persistence.ts'
import { setSaveTarget } from './save-target.ts'
import type { SaveOutcome } from './save-target.ts'
import { ServeApiError, forgetToken, serveApi, servedToken } from './serve-session-api.ts'
import type { ServeApi } from './serve-session-api.ts'
import { DEFAULT_WINDOW, INITIAL_LIVE, createLiveFeed } from './serve-session-live.ts'
import type { FlowBatch, LiveFeed, LiveState, LiveWindow } from './serve-session-live.ts'
import type { BaseFile } from './serve-session-text.ts'
import { fileTextIn, folderText, hasUnsavedEdits, replaceFileIn, savePlan } from './serve-session-text.ts'

/** A file changed on disk while this page had unsaved edits to it. */
export interface FileConflict {
  readonly path: string
  /** The disk's bytes now (null: deleted on disk) and their version. */
  readonly disk: string | null
  readonly diskVersion: string | null
  /** This page's text of the file (null: its header was taken out of the editor). */
  readonly mine: string | null
}

/** A version set aside by a choice, so it can still be downloaded. */
export interface KeptAside {
  readonly path: string
  readonly text: string
  readonly which: 'disk' | 'editor'
  readonly at: number
}

export interface ServeSession {
  readonly active: boolean
  readonly folder: string | null
  readonly files: number
  readonly skipped: readonly string[]
  /** What the page believes is on disk. */
  readonly base: ReadonlyMap<string, BaseFile>
  readonly conflicts: readonly FileConflict[]
  readonly keptAside: readonly KeptAside[]
  readonly saving: boolean
  readonly error: string | null
  readonly live: LiveState
  save(): Promise<SaveOutcome>
  resolve(path: string, keep: 'mine' | 'disk'): void
  setPaused(paused: boolean): void
  setWindow(window: LiveWindow): void
}

interface SessionAnswer {
  readonly folder: { readonly name: string; readonly files: readonly { path: string; text: string; version: string }[]; readonly skipped: readonly string[] } | null
  readonly flowFiles: readonly { id: number; name: string; bytes: number }[]
  readonly inventory: { readonly name: string } | null
  readonly live: { readonly sources: readonly string[]; readonly open: boolean }
}

interface FileEvent {
  readonly path: string
  readonly text: string | null
  readonly version: string | null
}

const KEPT_ASIDE_MAX = 20
const noop = (): Promise<SaveOutcome> => Promise.resolve({ ok: false, message: 'not served' })

export const useServeSession = create<ServeSession>()(() => ({
  active: false,
  folder: null,
  files: 0,
  skipped: [],
  base: new Map(),
  conflicts: [],
  keptAside: [],
  saving: false,
  error: null,
  live: INITIAL_LIVE,
  save: noop,
  resolve: () => undefined,
  setPaused: () => undefined,
  setWindow: () => undefined,
}))

/** Autosave that keeps nothing: the folder is the source of truth. Starts on an empty text, not the demo. */
function folderStorage(): WorkspaceStorage {
  const values = new Map([[WORKSPACE_KEY, JSON.stringify({ text: '', source: 'folder', settings: {} })]])
  return keyValueStorage({ getItem: (k) => values.get(k) ?? null, setItem: () => undefined })
}

export interface ServedMode {
  readonly storage: WorkspaceStorage
  /** Opens the folder, the flows and the event stream; call once the stores exist. */
  start(stores: AppStores): void
}

/** Non-null when this page was opened from `membrane serve`'s URL. */
export function servedMode(): ServedMode | null {
  const token = servedToken()
  if (!token) return null
  return { storage: folderStorage(), start: (stores) => void startSession(stores, serveApi(token)) }
}

/** A started session; `stop` ends the event stream and the live timer (the page's `pagehide`, tests). */
export interface SessionHandle {
  stop(): void
  /** Resolves once the live flows received so far are in the worker. */
  settled(): Promise<void>
}

export async function startSession(stores: AppStores, api: ServeApi, page: Pick<Window, 'addEventListener'> | null = window): Promise<SessionHandle | null> {
  const set = useServeSession.setState
  const get = useServeSession.getState
  const { workspace, flows, evaluation, evaluator } = stores
  let session: SessionAnswer
  try {
    session = await api.json<SessionAnswer>('/api/session')
  } catch (e) {
    if (e instanceof ServeApiError && (e.status === 0 || e.status === 401)) forgetToken()
    set({ active: true, error: `Cannot reach membrane serve: ${e instanceof Error ? e.message : String(e)}` })
    return null
  }
  const base = new Map<string, BaseFile>((session.folder?.files ?? []).map((f) => [f.path, { text: f.text, version: f.version }]))
  set({ active: true, folder: session.folder?.name ?? null, files: base.size, skipped: session.folder?.skipped ?? [], base, live: { ...INITIAL_LIVE, sources: session.live.sources, open: session.live.open } })
  if (session.folder) workspace.getState().commitText({ text: folderText(session.folder.files), origin: 'load', source: 'folder' })

  const notify = (kind: 'info' | 'warning' | 'error', text: string): void => workspace.getState().notify({ kind, text })
  const setBase = (path: string, file: BaseFile | null): void => {
    const next = new Map(get().base)
    if (file) next.set(path, file)
    else next.delete(path)
    set({ base: next, files: next.size })
  }
  const keepAside = (path: string, text: string | null, which: KeptAside['which']): void => {
    if (text === null) return
    set({ keptAside: [{ path, text, which, at: Date.now() }, ...get().keptAside].slice(0, KEPT_ASIDE_MAX) })
  }
  const setFile = (path: string, text: string | null): void => {
    workspace.getState().commitText({ text: replaceFileIn(workspace.getState().text, path, text), origin: 'script' })
  }
  const addConflict = (c: FileConflict): void => set({ conflicts: [...get().conflicts.filter((x) => x.path !== c.path), c] })

  /** A file changed on disk: reload it unless this page has unsaved edits to it; then ask. */
  const onFile = (e: FileEvent): void => {
    const known = get().base.get(e.path)
    const mine = fileTextIn(workspace.getState().text, e.path)
    if (e.text !== null && mine === e.text) return setBase(e.path, { text: e.text, version: e.version! })
    const untouched = known ? mine === known.text : mine === undefined
    if (untouched) {
      setFile(e.path, e.text)
      setBase(e.path, e.text === null ? null : { text: e.text, version: e.version! })
      notify('info', e.text === null ? `${e.path} was deleted on disk` : known ? `${e.path} changed on disk: reloaded` : `${e.path} appeared on disk: opened`)
      return
    }
    addConflict({ path: e.path, disk: e.text, diskVersion: e.version, mine: mine ?? null })
  }

  const save = async (): Promise<SaveOutcome> => {
    if (!session.folder) return { ok: false, message: 'membrane serve was started without --policies: nothing to save to' }
    if (get().conflicts.length > 0) return { ok: false, message: 'Not saved: first choose which version to keep of the files changed on disk' }
    const text = workspace.getState().text
    const plan = savePlan(text, get().base)
    if (!plan.ok) return { ok: false, message: plan.message }
    const note = plan.removed.length > 0 ? ` (${plan.removed.length} file${plan.removed.length === 1 ? '' : 's'} taken out of the editor stay on disk)` : ''
    if (plan.files.length === 0) return { ok: true, message: `Nothing to save${note}` }
    set({ saving: true })
    try {
      const answer = await api.json<{ written: { path: string; version: string }[]; unchanged: string[] }>('/api/save', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ files: plan.files }),
      })
      for (const w of answer.written) setBase(w.path, { text: plan.files.find((f) => f.path === w.path)!.text, version: w.version })
      for (const p of answer.unchanged) {
        const f = plan.files.find((x) => x.path === p)!
        setBase(p, { text: f.text, version: get().base.get(p)?.version ?? '' })
      }
      const n = answer.written.length
      return { ok: true, message: n === 0 ? `Nothing to save${note}` : `Saved ${n} file${n === 1 ? '' : 's'} to ${session.folder.name}/${note}` }
    } catch (e) {
      if (e instanceof ServeApiError && e.status === 409 && Array.isArray(e.body.conflicts)) {
        for (const c of e.body.conflicts as { path: string; text: string | null; version: string | null }[]) {
          addConflict({ path: c.path, disk: c.text, diskVersion: c.version, mine: fileTextIn(workspace.getState().text, c.path) ?? null })
        }
        return { ok: false, message: `Not saved: ${e.message}` }
      }
      return { ok: false, message: `Not saved: ${e instanceof Error ? e.message : String(e)}` }
    } finally {
      set({ saving: false })
    }
  }

  const resolve = (path: string, keep: 'mine' | 'disk'): void => {
    const c = get().conflicts.find((x) => x.path === path)
    if (!c) return
    set({ conflicts: get().conflicts.filter((x) => x.path !== path) })
    if (keep === 'disk') {
      keepAside(path, c.mine, 'editor')
      setFile(path, c.disk)
      setBase(path, c.disk === null ? null : { text: c.disk, version: c.diskVersion! })
    } else {
      keepAside(path, c.disk, 'disk')
      // The disk's version becomes the base, so the next save writes this page's version over it.
      setBase(path, c.disk === null ? null : { text: c.disk, version: c.diskVersion! })
      notify('info', `Kept your version of ${path}: Save writes it (the disk's version is kept aside)`)
    }
  }

  let loadingCaptures = session.flowFiles.length > 0
  const feed: LiveFeed = createLiveFeed({
    held: () => loadingCaptures,
    evaluator,
    evaluation,
    get: () => get().live,
    update: (patch) => set({ live: { ...get().live, ...patch } }),
  })
  set({
    save,
    resolve,
    setPaused: (paused) => feed.setPaused(paused),
    setWindow: (window) => feed.setWindow({ maxFlows: Math.max(1, Math.round(window.maxFlows || DEFAULT_WINDOW.maxFlows)), maxMinutes: Math.max(0, window.maxMinutes) }),
  })
  if (session.folder) setSaveTarget({ label: `Save to ${session.folder.name}/`, save: () => save() })

  // Leaving with edits the folder does not have: the browser asks (the folder keeps no draft).
  page?.addEventListener('beforeunload', (e) => {
    if (session.folder && hasUnsavedEdits(workspace.getState().text, get().base)) e.preventDefault()
  })

  // The event stream first, so a disk change during the loads below is not missed.
  const abort = new AbortController()
  let lastTotal = 0
  void api
    .events(
      (type, data) => {
        if (type === 'file') onFile(data as FileEvent)
        else if (type === 'flows') {
          lastTotal = (data as FlowBatch).total
          feed.onBatch(data as FlowBatch)
        }
        else if (type === 'notice') notify('warning', (data as { message: string }).message)
        else if (type === 'hello' || type === 'live') {
          const d = data as { open: boolean; sources?: string[] }
          set({ live: { ...get().live, open: d.open, ...(d.sources && { sources: d.sources }) } })
        }
      },
      abort.signal,
      (connected) => set({ live: { ...get().live, connected } }),
      () => lastTotal,
    )
    .catch((e: unknown) => set({ error: `The event stream was refused: ${e instanceof Error ? e.message : String(e)}` }))

  // Captures given as files load like a dropped capture (not kept in the browser: the server has them).
  // All in one load: they merge into one capture, as when several files are dropped at once.
  if (session.flowFiles.length > 0) {
    const files = await Promise.all(session.flowFiles.map(async (f) => ({ name: f.name, blob: await api.blob(`/api/flows/${f.id}`) })))
    await flows.getState().loadFiles(files, { persist: false })
  }
  loadingCaptures = false
  // `--inventory`: imported as a user would import it, not kept in the browser (the server has it).
  if (session.inventory) await stores.inventory.getState().importTexts([{ name: session.inventory.name, text: await api.text('/api/inventory') }], { persist: false })

  const stop = (): void => {
    abort.abort()
    feed.dispose()
    setSaveTarget(null)
  }
  page?.addEventListener('pagehide', stop)
  return { stop, settled: () => feed.settled() }
}
