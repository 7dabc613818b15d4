import { DEFAULT_AGENT_SETTINGS } from '../domain/settings/index.ts'
import { describe, expect, it } from 'vitest'
import type { KeyValueBackend, SavedWorkspace } from './persistence.ts'
import { OTHER_TAB_KEY, WORKSPACE_KEY, keyValueStorage } from './persistence.ts'
import { createWorkspaceStore } from './create-workspace-store.ts'
import { followOtherTabs, keepOtherVersion, readOtherVersion, storageEvents } from './tab-sync.ts'

function memory(): KeyValueBackend & { data: Map<string, string> } {
  const data = new Map<string, string>()
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) }
}
const ws = (text: string): SavedWorkspace => ({ text, settings: { ...DEFAULT_AGENT_SETTINGS, auditMode: false, enforcementMode: 'default' }, source: 'saved' })

describe('autosave never replaces a newer saved text with an older one', () => {
  it('a text another tab saved since this one read is kept aside before this tab writes', () => {
    const shared = memory()
    const tabA = keyValueStorage(shared)
    const tabB = keyValueStorage(shared)
    tabA.save(ws('base'))
    tabB.load()
    tabA.save(ws('newer from A'))
    expect(tabB.save(ws('edit from B'))).toBe(true)
    expect(JSON.parse(shared.data.get(WORKSPACE_KEY) ?? '{}').text).toBe('edit from B')
    expect(readOtherVersion(shared)?.text).toBe('newer from A')
  })

  it('its own earlier write is simply replaced', () => {
    const shared = memory()
    const tab = keyValueStorage(shared)
    tab.save(ws('one'))
    tab.save(ws('two'))
    expect(shared.data.has(OTHER_TAB_KEY)).toBe(false)
    expect(tab.lastPersisted?.()).toBe('two')
  })

  it('a refused write (quota) leaves lastPersisted at the older text, so unload can warn', () => {
    const full: KeyValueBackend = { getItem: () => null, setItem: () => { throw new DOMException('full', 'QuotaExceededError') } }
    const tab = keyValueStorage(full)
    expect(tab.save(ws('x'.repeat(10)))).toBe(false)
    expect(tab.lastPersisted?.()).toBeNull()
  })
})

describe('following another tab', () => {
  const storageEvent = (newValue: string): Event => Object.assign(new Event('storage'), { key: WORKSPACE_KEY, newValue })

  it('a tab without unsaved edits takes the other tab text; with edits it keeps its own and keeps theirs aside', () => {
    const shared = memory()
    shared.setItem(WORKSPACE_KEY, JSON.stringify(ws('start')))
    const storage = keyValueStorage(shared)
    const workspace = createWorkspaceStore({ storage, demoText: 'demo', saveDelayMs: 1e9, parseDelayMs: 0 })
    const target = new EventTarget()
    const conflicts: string[] = []
    const stop = followOtherTabs({ workspace, storage, otherTabSaves: storageEvents(target), keepAside: (t) => keepOtherVersion(shared, t, Date.now()),
      onConflict: (v) => conflicts.push(v.text) })
    target.dispatchEvent(storageEvent(JSON.stringify(ws('other tab 1'))))
    expect(workspace.getState().text).toBe('other tab 1')
    target.dispatchEvent(storageEvent(JSON.stringify(ws('other tab 1b')))) // still no edits of ours: follows again
    expect(workspace.getState().text).toBe('other tab 1b')
    expect(conflicts).toEqual([])

    workspace.getState().commitText({ text: 'my unsaved edit', origin: 'script' })
    target.dispatchEvent(storageEvent(JSON.stringify(ws('other tab 2'))))
    expect(workspace.getState().text).toBe('my unsaved edit')
    expect(conflicts).toEqual(['other tab 2'])
    expect(readOtherVersion(shared)?.text).toBe('other tab 2')
    stop()
    workspace.getState().dispose()
  })
})

describe('the audit scope and expectations are saved with the workspace', () => {
  it('round-trip through the autosave, malformed entries dropped', () => {
    const shared = memory()
    const settings = { ...DEFAULT_AGENT_SETTINGS, auditScope: { namespaces: ['shop'], workloads: ['pay/app=ledger'] }, expectations: '- from: a\n' }
    keyValueStorage(shared).save({ text: 't', settings, source: 'saved' })
    expect(keyValueStorage(shared).load()?.settings).toMatchObject({ auditScope: { namespaces: ['shop'], workloads: ['pay/app=ledger'] }, expectations: '- from: a\n' })
    shared.setItem(WORKSPACE_KEY, JSON.stringify({ text: 't', settings: { auditScope: { namespaces: ['shop', 3, 'shop'], workloads: ['nope'] }, expectations: 42 } }))
    const back = keyValueStorage(shared).load()?.settings
    expect(back?.auditScope).toEqual({ namespaces: ['shop'], workloads: [] })
    expect(back && 'expectations' in back).toBe(false)
  })
})
