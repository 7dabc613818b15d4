import { describe, expect, it } from 'vitest'
import { addWorkspaceFiles } from './add-files.ts'
import { joinWorkspaceFiles, splitWorkspaceFiles } from './workspace-files.ts'

const A = { path: 'a.yaml', text: 'kind: A\n' }
const B = { path: 'dir/b.yaml', text: 'kind: B' }

describe('addWorkspaceFiles', () => {
  it('keeps typed text first and appends the files with their headers', () => {
    const text = addWorkspaceFiles('kind: Typed\n', [A, B])
    expect(splitWorkspaceFiles(text)).toEqual({ loose: 'kind: Typed\n', files: [A, B] })
  })
  it('swaps a file opened again in place and keeps the others byte for byte', () => {
    const A2 = { path: 'a.yaml', text: 'kind: A2\n' }
    const text = addWorkspaceFiles(joinWorkspaceFiles([A, B]), [A2, { path: 'c.yaml', text: '' }])
    expect(splitWorkspaceFiles(text).files).toEqual([A2, B, { path: 'c.yaml', text: '' }])
  })
  it('into an empty workspace gives the plain join', () => {
    expect(addWorkspaceFiles('', [A, B])).toBe(joinWorkspaceFiles([A, B]))
  })
})
