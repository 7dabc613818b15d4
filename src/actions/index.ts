/**
 * The action registry: every user action, declared once. Surfaces pick from it — the context
 * menu by the lists below, the keys by `actionForKey`, the toolbar and palette by id, the
 * keyboard help by `shortcuts`. Order matters: the first enabled action with a key wins it.
 */
import { deleteRule, redo, removeDraft, showYaml, undo } from './edit-actions.ts'
import { NODE_ACTIONS } from './node-actions.ts'
import type { Action } from './types.ts'
import { clearSelection, fitView, focusEditor, keyboardHelp, openSettings, searchNodes, toggleBottomPanel, toggleEditor, toggleTheme, viewCluster, viewFocus } from './view-actions.ts'
import { newEmpty, openExample, resetDemo } from './workspace-actions.ts'
import { importInventory, openFiles, openFolder, saveWorkspace } from './file-actions.ts'

export type { Action, ActionContext, ActionGroup, ActionTarget, GraphViewControls, Shortcut } from './types.ts'
export { labelOf } from './types.ts'
export { actionForKey, matchesShortcut, shortcutText } from './keys.ts'
export type { KeyPress } from './keys.ts'
export { targetOfSelection } from './target.ts'
export { deleteWithConfirm } from './delete-rule.ts'
export { registerFileCommands } from './file-actions.ts'
export type { FileCommands } from './file-actions.ts'
export { PALETTE_ACTIONS } from './palette-actions.ts'
export { NODE_ACTIONS } from './node-actions.ts'
export type { DraftFields, PaletteAction } from './palette-actions.ts'

export const ACTIONS: readonly Action[] = [
  undo,
  redo,
  deleteRule,
  removeDraft,
  showYaml,
  ...NODE_ACTIONS,
  clearSelection,
  fitView,
  searchNodes,
  focusEditor,
  viewCluster,
  viewFocus,
  toggleTheme,
  toggleEditor,
  toggleBottomPanel,
  openSettings,
  openFiles,
  openFolder,
  importInventory,
  saveWorkspace,
  keyboardHelp,
  openExample,
  resetDemo,
  newEmpty,
]

const BY_ID = new Map(ACTIONS.map((a) => [a.id, a]))

/** The registered action; throws for an unknown id (a typo in a surface, caught by its first test). */
export function action(id: string): Action {
  const found = BY_ID.get(id)
  if (!found) throw new Error(`unknown action ${id}`)
  return found
}

/** The right-click menus, in the order shown; each lists only what applies to its target. */
export const NODE_MENU: readonly string[] = ['remove-draft', ...NODE_ACTIONS.map((a) => a.id)]
export const EDGE_MENU: readonly string[] = ['show-yaml', 'delete']

/** Headings of the keyboard help. */
export const GROUP_TITLES: Readonly<Record<Action['group'], string>> = {
  edit: 'Editing',
  graph: 'Cluster map',
  node: 'Node',
  view: 'Views',
  workspace: 'Workspace',
  help: 'Help',
}

/** Actions a key runs, grouped for the keyboard help in registry order. */
export function shortcutGroups(actions: readonly Action[] = ACTIONS): { group: Action['group']; actions: Action[] }[] {
  const groups = new Map<Action['group'], Action[]>()
  for (const a of actions) {
    if (!a.shortcuts?.length) continue
    const list = groups.get(a.group) ?? []
    list.push(a)
    groups.set(a.group, list)
  }
  return [...groups].map(([group, list]) => ({ group, actions: list }))
}
