/** Browser autosave of the workspace: one localStorage entry, written after edits. */
import type { WorkspaceSettings } from './workspace-types.ts'
import type { DraftNode } from './drafts.ts'

const KEY = 'membrane.workspace.v1'

export interface SavedWorkspace {
  readonly text: string
  readonly settings: WorkspaceSettings
  readonly source: string
  readonly drafts?: readonly DraftNode[]
}

export function loadWorkspace(): SavedWorkspace | null {
  try {
    const raw = globalThis.localStorage?.getItem(KEY)
    if (!raw) return null
    const data: unknown = JSON.parse(raw)
    if (!data || typeof data !== 'object') return null
    const d = data as Record<string, unknown>
    if (typeof d.text !== 'string') return null
    const s = (d.settings ?? {}) as Record<string, unknown>
    return {
      text: d.text,
      source: typeof d.source === 'string' ? d.source : 'saved',
      drafts: Array.isArray(d.drafts) ? (d.drafts as DraftNode[]).filter((x) => x && typeof x.id === 'string') : [],
      settings: {
        auditMode: s.auditMode === true,
        enforcementMode:
          s.enforcementMode === 'always' || s.enforcementMode === 'never' ? s.enforcementMode : 'default',
      },
    }
  } catch {
    // Private mode or a corrupted entry: start from the demo rather than fail.
    return null
  }
}

export function saveWorkspace(ws: SavedWorkspace): boolean {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(ws))
    return true
  } catch {
    // Quota exceeded or storage disabled: the caller shows that autosave is off.
    return false
  }
}
