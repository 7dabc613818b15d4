/**
 * What a user action is: declared once (label, shortcut, when it applies, what it does) and shown
 * by every surface that offers it — context menu, keys, toolbar, palette, keyboard help. The shape
 * follows excalidraw's action registry: surfaces only render and dispatch.
 */
import type { GraphEdge, GraphNode } from '../domain/graph/index.ts'
import type { ConfirmRequest } from '../ui/ConfirmDialog.tsx'

/** The node or edge an action applies to: the one right-clicked, or the selection for a key. */
export type ActionTarget =
  | { readonly kind: 'node'; readonly node: GraphNode; readonly draft: boolean }
  | { readonly kind: 'edge'; readonly edge: GraphEdge }

/** The cluster map's own view operations; absent where no cluster map is shown. */
export interface GraphViewControls {
  fit(): void
  search(): void
}

/** What the surface that runs an action supplies. */
export interface ActionContext {
  readonly target: ActionTarget | null
  /** Shows a confirmation in the surface the action was started from. */
  readonly confirm: (request: ConfirmRequest) => void
  /** Shows why an action that was started could not finish (e.g. a sample that failed to load). */
  readonly report?: (message: string) => void
  readonly graph?: GraphViewControls
}

/** A key that runs an action. `key` is `KeyboardEvent.key`, compared case-insensitively. */
export interface Shortcut {
  readonly key: string
  /** Ctrl (⌘ on a Mac) held; Alt is then ignored, as the editor's own undo ignores it. */
  readonly mod?: boolean
  /** Shift must be held (true) or not (false); either when absent. */
  readonly shift?: boolean
}

/** Headings of the keyboard help, in the order shown. */
export type ActionGroup = 'edit' | 'graph' | 'node' | 'view' | 'workspace' | 'help'

export interface Action<Input = string> {
  /** Stable: surfaces derive their `data-testid` from it (`menu-<id>`, toolbar `<id>`). */
  readonly id: string
  /** What the user reads; a function when it names the target (`Isolate namespace shop`). */
  readonly label: string | ((target: ActionTarget | null) => string)
  /** The tooltip: what happens, in one sentence. */
  readonly title: string
  readonly group: ActionGroup
  readonly shortcuts?: readonly Shortcut[]
  /** Where the shortcut works: `graph` while the cluster map is shown, `app` anywhere. */
  readonly scope?: 'graph' | 'app'
  /** The key keeps its browser default (Escape also leaves fields and menus). */
  readonly keepDefault?: boolean
  /**
   * The key works in the editor and form fields too: Ctrl+S and Ctrl+O mean "save" and "open"
   * wherever the focus is, and the browser's own meaning (save the page) is never what is wanted.
   */
  readonly inFields?: boolean
  /** Ask for one value (FQDN name, port) before performing. */
  readonly ask?: { readonly placeholder: string; readonly initial: string }
  /** For a toggle: whether it is on now (the view shown). */
  pressed?(): boolean
  enabled(ctx: ActionContext): boolean
  /** Does it; returns a message for the user when the input cannot be used. */
  perform(ctx: ActionContext, input: Input): string | void
}

export function labelOf<I>(action: Action<I>, target: ActionTarget | null): string {
  return typeof action.label === 'string' ? action.label : action.label(target)
}
