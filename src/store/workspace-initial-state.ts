/** What a workspace store starts with: the saved workspace when there is one, else the demo. */
import { mergeDrafts } from './drafts.ts'
import { nextModelState } from './model-state.ts'
import type { SavedWorkspace } from './persistence.ts'
import type { WorkspaceSettings, WorkspaceState } from './workspace-types.ts'
import { DEFAULT_AGENT_SETTINGS } from '../domain/settings/index.ts'

/** Cilium's own defaults: a new workspace is evaluated like a freshly installed agent. */
export const DEFAULT_SETTINGS: WorkspaceSettings = DEFAULT_AGENT_SETTINGS

type Data = Omit<WorkspaceState, { [K in keyof WorkspaceState]: WorkspaceState[K] extends (...args: never[]) => unknown ? K : never }[keyof WorkspaceState]>

export function initialWorkspaceState(saved: SavedWorkspace | null, demoText: string): Data {
  const text = saved?.text ?? demoText
  const model = nextModelState(text, null)
  const drafts = saved?.drafts ?? []
  return {
    text,
    source: saved?.source ?? 'demo',
    loadedText: saved ? text : demoText,
    model,
    settings: saved?.settings ?? DEFAULT_SETTINGS,
    selection: null,
    drafts,
    displayGraph: mergeDrafts(model.graph, drafts),
    namespaceLabels: {},
    namespaceLabelSources: {},
    view: 'cluster',
    external: null,
    notice: null,
    confirm: null,
    autosaveOk: true,
  }
}
