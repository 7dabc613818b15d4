/** Shortcut matching and display, shared by every keyboard surface and the keyboard help. */
import type { Action, ActionContext, Shortcut } from './types.ts'

/** The parts of a `KeyboardEvent` a shortcut looks at (so tests need no DOM). */
export interface KeyPress {
  readonly key: string
  readonly ctrlKey: boolean
  readonly metaKey: boolean
  readonly altKey: boolean
  readonly shiftKey: boolean
}

export function matchesShortcut(shortcut: Shortcut, e: KeyPress): boolean {
  if (e.key.toLowerCase() !== shortcut.key.toLowerCase()) return false
  const mod = e.ctrlKey || e.metaKey
  if (shortcut.mod ? !mod : mod || e.altKey) return false
  return shortcut.shift === undefined || shortcut.shift === e.shiftKey
}

/** The first action (in declaration order) of `scope` whose shortcut matches and that applies now. */
export function actionForKey(actions: readonly Action[], e: KeyPress, ctx: ActionContext, scope: 'graph' | 'app'): Action | null {
  for (const action of actions) {
    if ((action.scope ?? 'graph') !== scope || !action.shortcuts) continue
    if (action.shortcuts.some((s) => matchesShortcut(s, e)) && action.enabled(ctx)) return action
  }
  return null
}

const KEY_NAMES: Record<string, string> = { escape: 'Esc', delete: 'Delete', backspace: 'Backspace', tab: 'Tab' }

/** `Ctrl+Shift+Z`, `Delete`, `F`, `/` — as the keyboard help shows it. */
export function shortcutText(s: Shortcut): string {
  const key = KEY_NAMES[s.key.toLowerCase()] ?? (s.key.length === 1 ? s.key.toUpperCase() : s.key)
  return [s.mod ? 'Ctrl' : '', s.shift ? 'Shift' : '', key].filter(Boolean).join('+')
}
