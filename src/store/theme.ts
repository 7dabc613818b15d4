/**
 * Light or dark: the user's choice (saved in the browser), else the system's
 * `prefers-color-scheme`. The app paints through CSS custom properties under `data-theme`; the
 * editor switches Monaco's theme from `resolved`. Kept apart from the workspace: a theme is the
 * person's, not the policy set's, so it is neither autosaved with nor replaced by a workspace.
 */
import { create } from 'zustand'

export type ThemeChoice = 'system' | 'light' | 'dark'
export type Theme = 'light' | 'dark'

const KEY = 'membrane.theme'

export interface ThemeState {
  readonly choice: ThemeChoice
  /** What the system prefers now (follows changes of the OS setting). */
  readonly system: Theme
  /** The theme in force. */
  readonly resolved: Theme
  choose(choice: ThemeChoice): void
  /** Flips what is shown now, and keeps that as the choice. */
  toggle(): void
}

function readChoice(): ThemeChoice {
  try {
    const v = globalThis.localStorage?.getItem(KEY)
    return v === 'light' || v === 'dark' ? v : 'system'
  } catch {
    return 'system'
  }
}

function saveChoice(choice: ThemeChoice): void {
  try {
    if (choice === 'system') globalThis.localStorage?.removeItem(KEY)
    else globalThis.localStorage?.setItem(KEY, choice)
  } catch {
    // Storage refused (private mode): the choice holds for this page only.
  }
}

const query = typeof globalThis.matchMedia === 'function' ? globalThis.matchMedia('(prefers-color-scheme: dark)') : null

const resolve = (choice: ThemeChoice, system: Theme): Theme => (choice === 'system' ? system : choice)

export const useTheme = create<ThemeState>()((set, get) => {
  const choice = readChoice()
  const system: Theme = query?.matches ? 'dark' : 'light'
  return {
    choice,
    system,
    resolved: resolve(choice, system),
    choose(next) {
      saveChoice(next)
      set({ choice: next, resolved: resolve(next, get().system) })
    },
    toggle() {
      get().choose(get().resolved === 'dark' ? 'light' : 'dark')
    },
  }
})

query?.addEventListener('change', (e) => {
  const system: Theme = e.matches ? 'dark' : 'light'
  useTheme.setState((s) => ({ system, resolved: resolve(s.choice, system) }))
})
