import { describe, expect, it } from 'vitest'
import { createEditorPortRegistry } from './editor-port.ts'
import type { EditorPort } from './editor-port.ts'

function fakePort(log: string[], name: string): EditorPort {
  return {
    revealRange: (r) => log.push(`${name} reveal ${r.start}-${r.end}`),
    select: (r) => log.push(`${name} select ${r.start}-${r.end}`),
    setCursor: (o) => log.push(`${name} cursor ${o}`),
    applyEdits: (e) => log.push(`${name} edits ${e.length}`),
    undo: () => log.push(`${name} undo`),
    redo: () => log.push(`${name} redo`),
    focus: () => log.push(`${name} focus`),
  }
}

describe('editor port', () => {
  it('has no editor until the pane registers one, and none after it unregisters', () => {
    const registry = createEditorPortRegistry()
    const log: string[] = []
    expect(registry.current()).toBeNull()
    const unregister = registry.register(fakePort(log, 'a'))
    registry.current()?.select({ start: 1, end: 4 })
    registry.current()?.undo()
    expect(log).toEqual(['a select 1-4', 'a undo'])
    unregister()
    expect(registry.current()).toBeNull()
  })

  it('keeps the newer editor when an older one unregisters late (remount)', () => {
    const registry = createEditorPortRegistry()
    const log: string[] = []
    const first = registry.register(fakePort(log, 'a'))
    registry.register(fakePort(log, 'b'))
    first()
    registry.current()?.focus()
    expect(log).toEqual(['b focus'])
  })
})
