import { describe, expect, it } from 'vitest'
import { joinWorkspaceFiles } from '../domain/files/workspace-files.ts'
import { fileTextIn, hasUnsavedEdits, replaceFileIn, savePlan } from './serve-session-text.ts'

const files = [{ path: 'a.yaml', text: 'a: 1\n' }, { path: 'b/c.yml', text: 'c: 1' }]
const text = joinWorkspaceFiles(files)
const base = new Map(files.map((f) => [f.path, { text: f.text, version: `v-${f.path}` }]))

describe('served workspace text', () => {
  it('replaces one file’s bytes and leaves the others byte for byte', () => {
    const next = replaceFileIn(text, 'a.yaml', 'a: 2\n')
    expect(fileTextIn(next, 'a.yaml')).toBe('a: 2\n')
    expect(fileTextIn(next, 'b/c.yml')).toBe('c: 1')
    expect(replaceFileIn(next, 'a.yaml', 'a: 1\n')).toBe(text)
  })

  it('adds a file at the end and takes one out', () => {
    const added = replaceFileIn(text, 'd.json', '{}\n')
    expect(added).toBe(joinWorkspaceFiles([...files, { path: 'd.json', text: '{}\n' }]))
    expect(replaceFileIn(added, 'd.json', null)).toBe(text)
  })

  it('plans a save of the changed and added files only', () => {
    expect(savePlan(text, base)).toEqual({ ok: true, files: [], removed: [] })
    expect(hasUnsavedEdits(text, base)).toBe(false)
    const edited = replaceFileIn(replaceFileIn(text, 'b/c.yml', 'c: 2'), 'new.yaml', 'n: 1\n')
    expect(savePlan(edited, base)).toEqual({ ok: true, files: [{ path: 'b/c.yml', text: 'c: 2', base: 'v-b/c.yml' }, { path: 'new.yaml', text: 'n: 1\n', base: null }], removed: [] })
    expect(hasUnsavedEdits(edited, base)).toBe(true)
  })

  it('a file taken out of the editor is reported, never deleted; an empty new header writes nothing', () => {
    const plan = savePlan(replaceFileIn(replaceFileIn(text, 'a.yaml', null), 'empty.yaml', ''), base)
    expect(plan).toEqual({ ok: true, files: [], removed: ['a.yaml'] })
  })

  it('refuses loose text above the first header', () => {
    const plan = savePlan('x: 1\n---\n' + text, base)
    expect(plan.ok).toBe(false)
  })
})
