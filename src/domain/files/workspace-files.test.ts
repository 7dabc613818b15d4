import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { changedFiles, joinWorkspaceFiles, NO_EOL, splitWorkspaceFiles, type WorkspaceFile } from './workspace-files'
import { parsePolicies } from '../policy'

const frontend = 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: fe\n  namespace: shop\nspec:\n  endpointSelector: {}\n  ingress: [{}]\n'
const backend = 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: be\n  namespace: shop\nspec:\n  endpointSelector: {}\n  ingress: [{}]\n---\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: be2\n  namespace: shop\nspec:\n  endpointSelector: {}\n  ingress: [{}]\n'

describe('workspace files', () => {
  it('joins files under headers and splits them back byte for byte', () => {
    const files = [{ path: 'shop/fe.yaml', text: frontend }, { path: 'shop/be.yaml', text: backend }]
    const text = joinWorkspaceFiles(files)
    expect(text.startsWith('# file: shop/fe.yaml\napiVersion')).toBe(true)
    expect(text).toContain('\n---\n# file: shop/be.yaml\n')
    expect(splitWorkspaceFiles(text)).toEqual({ loose: '', files })
  })

  it('keeps every document of every file when the joined text is parsed', () => {
    const text = joinWorkspaceFiles([{ path: 'a.yaml', text: frontend }, { path: 'b.yaml', text: backend }])
    const names = parsePolicies(text).policies.map((p) => p.name)
    expect(names).toEqual(['fe', 'be', 'be2'])
    expect(parsePolicies(text).diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  })

  it('records a missing final newline so the file is not changed by a round trip', () => {
    const files = [{ path: 'a.json', text: '{"kind": "CiliumNetworkPolicy"}' }, { path: 'b.yaml', text: 'x: 1\n' }]
    const text = joinWorkspaceFiles(files)
    expect(text).toContain(NO_EOL)
    expect(splitWorkspaceFiles(text).files).toEqual(files)
  })

  it('treats a header comment inside a document as part of that document', () => {
    const text = '# file: a.yaml\nx: 1\n# file: not-a-header.yaml\ny: 2\n'
    expect(splitWorkspaceFiles(text).files).toEqual([{ path: 'a.yaml', text: 'x: 1\n# file: not-a-header.yaml\ny: 2\n' }])
  })

  it('keeps text typed before the first header as loose text', () => {
    const text = joinWorkspaceFiles([{ path: 'a.yaml', text: 'x: 1\n' }], 'kind: CiliumNetworkPolicy\n')
    expect(splitWorkspaceFiles(text)).toEqual({ loose: 'kind: CiliumNetworkPolicy\n', files: [{ path: 'a.yaml', text: 'x: 1\n' }] })
    expect(splitWorkspaceFiles('plain: yaml\n')).toEqual({ loose: 'plain: yaml\n', files: [] })
  })

  it('an edit inside one file changes only that file', () => {
    const files = [{ path: 'a.yaml', text: frontend }, { path: 'b.yaml', text: backend }]
    const edited = joinWorkspaceFiles(files).replace('name: be2', 'name: be3')
    const diff = changedFiles(files, splitWorkspaceFiles(edited).files)
    expect(diff.changed.map((f) => f.path)).toEqual(['b.yaml'])
    expect(diff.added).toEqual([])
    expect(diff.removed).toEqual([])
  })

  it('refuses a path that a header line cannot carry', () => {
    expect(() => joinWorkspaceFiles([{ path: 'a\nb', text: '' }])).toThrow(/cannot be a header/)
  })

  it('round-trips any files (property)', () => {
    const line = fc.stringMatching(/^[a-z:#\- {}"]{0,12}$/)
    const fileText = fc.array(line, { maxLength: 6 }).chain((ls) =>
      fc.boolean().map((eol) => ls.join('\n') + (eol && ls.length > 0 ? '\n' : '')))
    const file = fc.record({ path: fc.stringMatching(/^[a-z][a-z/._-]{0,10}[a-z]$/), text: fileText })
    fc.assert(fc.property(fc.array(file, { maxLength: 5 }), (files: WorkspaceFile[]) => {
      const split = splitWorkspaceFiles(joinWorkspaceFiles(files))
      // A file body that itself holds "---" then "# file: x" would be read as two files; outside that
      // one ambiguity, the round trip is exact.
      const ambiguous = files.some((f) => /(^|\n)---\n# file: /.test(f.text) || /^# file: /.test(f.text))
      if (!ambiguous) expect(split.files).toEqual(files)
    }))
  })
})
