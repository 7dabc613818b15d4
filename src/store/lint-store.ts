/** The lint hook the panes use; the store itself is made by `createLintStore`. */
import { appStores } from './app-stores.ts'
import { bindStore } from './bound-store.ts'
import type { LintState } from './create-lint-store.ts'

export type { LintMark, LintState } from './create-lint-store.ts'

export const useLint = bindStore<LintState>(() => appStores().lint)
