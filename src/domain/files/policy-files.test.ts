import { describe, expect, it } from 'vitest'
import { baseName, documentTexts, filesAsOpened, filesPerPolicy, safeRelativePath } from './policy-files.ts'
import { joinWorkspaceFiles } from './workspace-files.ts'
import { unzipFiles, zipFiles } from './zip-files.ts'

const FRONT = 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: frontend\n  namespace: shop\nspec: {}\n'
const BACK = '# backend allows the frontend\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: backend\n  namespace: shop\nspec: {}'
const CCNP = 'apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata:\n  name: lockdown\nspec: {}\n'
const KNP = 'kind: NetworkPolicy\napiVersion: networking.k8s.io/v1\nmetadata:\n  name: web\nspec: {}\n---\n# nothing but a comment\n'

describe('filesAsOpened', () => {
  it('gives back each opened file byte for byte, a file without final newline included', () => {
    const opened = [{ path: 'shop/frontend.yaml', text: FRONT }, { path: 'shop/backend.yaml', text: BACK }, { path: 'knp.yaml', text: KNP }]
    expect(filesAsOpened(joinWorkspaceFiles(opened))).toEqual(opened)
  })
  it('survives a zip round trip with identical bytes', () => {
    const opened = [{ path: 'a/b.yaml', text: FRONT }, { path: 'c.yaml', text: BACK }]
    const back = unzipFiles(zipFiles(filesAsOpened(joinWorkspaceFiles(opened))))
    expect(back.sort((x, y) => x.path.localeCompare(y.path))).toEqual(opened)
  })
  it('puts typed text outside any file first, in a workspace.yaml that clashes with no opened file', () => {
    const files = filesAsOpened(joinWorkspaceFiles([{ path: 'workspace.yaml', text: FRONT }], CCNP))
    expect(files.map((f) => f.path)).toEqual(['workspace-2.yaml', 'workspace.yaml'])
    expect(files[0]!.text).toBe(CCNP)
  })
  it('makes a workspace without headers one file', () => {
    expect(filesAsOpened(FRONT)).toEqual([{ path: 'workspace.yaml', text: FRONT }])
  })
  it('never writes outside the folder it is extracted into', () => {
    expect(safeRelativePath('../../etc/passwd')).toBe('etc/passwd')
    expect(safeRelativePath('/abs/x.yaml')).toBe('abs/x.yaml')
    expect(safeRelativePath('a\\..\\b<c>.yaml')).toBe('a/b_c_.yaml')
  })
})

describe('filesPerPolicy', () => {
  it('names one file per policy by namespace, kind and name; cluster-wide ones under _cluster', () => {
    const files = filesPerPolicy(joinWorkspaceFiles([{ path: 'all.yaml', text: FRONT + '---\n' + CCNP }, { path: 'b.yaml', text: BACK }]))
    expect(files.map((f) => f.path)).toEqual([
      'shop/ciliumnetworkpolicy-frontend.yaml',
      '_cluster/ciliumclusterwidenetworkpolicy-lockdown.yaml',
      'shop/ciliumnetworkpolicy-backend.yaml',
    ])
    expect(files[0]!.text).toBe(FRONT)
    // The document keeps its own comment; the workspace header and the no-EOL marker are gone.
    expect(files[2]!.text).toBe(BACK + '\n')
  })
  it('skips documents that are only comments and numbers clashing names', () => {
    const files = filesPerPolicy(KNP + '---\n' + KNP)
    expect(files.map((f) => f.path)).toEqual(['default/networkpolicy-web.yaml', 'default/networkpolicy-web-2.yaml'])
  })
  it('keeps hostile names out of the path', () => {
    const evil = 'kind: CiliumNetworkPolicy\nmetadata:\n  name: "../../<script>"\n  namespace: ".."\n'
    const path = filesPerPolicy(evil)[0]!.path
    expect(path.split('/')).toHaveLength(2)
    expect(path.split('/').every((seg) => !seg.startsWith('.') && !/[<>]/.test(seg))).toBe(true)
  })
})

describe('documentTexts / baseName', () => {
  it('splits on document markers only at the start of a line', () => {
    expect(documentTexts('a: 1\n---\nb: "---"\n--- # c\nc: 3\n')).toEqual(['a: 1\n', 'b: "---"\n', 'c: 3\n'])
  })
  it('takes the last path segment', () => expect(baseName('shop/x.yaml')).toBe('x.yaml'))
})
