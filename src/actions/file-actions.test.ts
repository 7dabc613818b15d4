import { afterEach, describe, expect, it } from 'vitest'
import { installStores } from '../store/app-stores.ts'
import { setSaveTarget } from '../store/save-target.ts'
import type { SaveTarget } from '../store/save-target.ts'
import { SHOP, appStores } from '../store/test-util.ts'
import { ACTIONS, action, actionForKey, labelOf, registerFileCommands, shortcutGroups } from './index.ts'
import type { ActionContext, KeyPress } from './index.ts'

const ctx: ActionContext = { target: null, confirm: () => undefined }
const key = (k: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods })
const calls: string[] = []
let cleanup: (() => void)[] = []
afterEach(() => {
  for (const c of cleanup) c()
  cleanup = []
  calls.length = 0
  setSaveTarget(null)
})
const withCommands = (): void => {
  cleanup.push(registerFileCommands({ openFiles: () => calls.push('open'), openFolder: () => calls.push('folder'), importInventory: () => calls.push('inventory'), download: () => calls.push('download') }))
}

describe('file actions', () => {
  it('Ctrl+S saves and Ctrl+O opens, app-wide and while typing in the editor', () => {
    withCommands()
    expect(actionForKey(ACTIONS, key('s', { ctrlKey: true }), ctx, 'app')?.id).toBe('save-workspace')
    expect(actionForKey(ACTIONS, key('S', { metaKey: true }), ctx, 'app')?.id).toBe('save-workspace')
    expect(actionForKey(ACTIONS, key('o', { ctrlKey: true }), ctx, 'app')?.id).toBe('open-files')
    expect(action('save-workspace').inFields).toBe(true)
    expect(action('open-files').inFields).toBe(true)
    // A plain `s` is not a save.
    expect(actionForKey(ACTIONS, key('s'), ctx, 'app')).toBeNull()
  })
  it('are listed in the keyboard help under Workspace', () => {
    const ws = shortcutGroups().find((g) => g.group === 'workspace')
    expect(ws?.actions.map((a) => a.id)).toEqual(expect.arrayContaining(['save-workspace', 'open-files']))
  })
  it('open does nothing until the files feature has registered its pickers', () => {
    expect(action('open-files').enabled(ctx)).toBe(false)
    withCommands()
    action('open-files').perform(ctx, '')
    action('open-folder').perform(ctx, '')
    expect(calls).toEqual(['open', 'folder'])
  })
  it('save downloads without a SaveTarget', () => {
    withCommands()
    expect(labelOf(action('save-workspace'), null)).toBe('Download')
    action('save-workspace').perform(ctx, '')
    expect(calls).toEqual(['download'])
  })
  it('save hands the workspace text to a registered SaveTarget and reports its outcome', async () => {
    const stores = appStores()
    installStores(stores)
    stores.workspace.getState().commitText({ text: SHOP, origin: 'script' })
    withCommands()
    const saved: string[] = []
    const target: SaveTarget = { label: 'Save to policies/', save: (text) => (saved.push(text), Promise.resolve({ ok: true, message: 'Saved 1 file' })) }
    setSaveTarget(target)
    expect(labelOf(action('save-workspace'), null)).toBe('Save')
    action('save-workspace').perform(ctx, '')
    expect(saved).toEqual([SHOP])
    expect(calls).toEqual([])
    await expect.poll(() => stores.workspace.getState().notice?.text).toBe('Saved 1 file')
    stores.workspace.getState().dispose()
  })
})
