/** Undo/redo through the editor's one undo stack, and the deletions of the selection. */
import { editorPort } from '../store/editor-port.ts'
import { useWorkspace } from '../store/workspace-store.ts'
import { deleteEdge } from './delete-rule.ts'
import type { Action } from './types.ts'

const editorMounted = (): boolean => editorPort() !== null

export const undo: Action = {
  id: 'undo',
  label: 'Undo',
  title: 'Undo the last change, made in the graph or in the editor (one undo stack)',
  group: 'edit',
  shortcuts: [{ key: 'z', mod: true, shift: false }],
  enabled: editorMounted,
  perform: () => editorPort()?.undo(),
}

export const redo: Action = {
  id: 'redo',
  label: 'Redo',
  title: 'Redo the change last undone',
  group: 'edit',
  shortcuts: [{ key: 'z', mod: true, shift: true }, { key: 'y', mod: true }],
  enabled: editorMounted,
  perform: () => editorPort()?.redo(),
}

const DELETE_KEYS = [{ key: 'Delete' }, { key: 'Backspace' }]

/** Id `delete`: the context menu's test handle `menu-delete` predates the registry. */
export const deleteRule: Action = {
  id: 'delete',
  label: 'Delete rule',
  title: 'Remove this peer (or the whole rule) from the YAML',
  group: 'edit',
  shortcuts: DELETE_KEYS,
  enabled: (ctx) => ctx.target?.kind === 'edge',
  perform: (ctx) => {
    if (ctx.target?.kind !== 'edge') return
    const request = deleteEdge(ctx.target.edge)
    if (request) ctx.confirm(request)
  },
}

export const removeDraft: Action = {
  id: 'remove-draft',
  label: 'Remove from the picture',
  title: 'This node is not in the YAML yet',
  group: 'edit',
  shortcuts: DELETE_KEYS,
  enabled: (ctx) => ctx.target?.kind === 'node' && ctx.target.draft,
  perform: (ctx) => {
    if (ctx.target?.kind === 'node') useWorkspace.getState().removeDraft(ctx.target.node.id)
  },
}

export const showYaml: Action = {
  id: 'show-yaml',
  label: 'Show in YAML',
  title: 'Select this rule in the editor',
  group: 'edit',
  enabled: (ctx) => ctx.target?.kind === 'edge',
  perform: (ctx) => {
    if (ctx.target?.kind === 'edge') useWorkspace.getState().select({ kind: 'edge', id: ctx.target.edge.id, from: 'graph' })
  },
}
