import { describe, expect, it } from 'vitest'
import { gzipSync, strToU8 } from 'fflate'
import { MAX_POLICY_FILE_BYTES, sortFiles } from './read-files.ts'
import type { PickedFile } from './read-files.ts'

const POLICY = 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: a, namespace: shop}\n'
const FLOW = '{"flow":{"verdict":"FORWARDED"},"node_name":"n1"}\n'
const pick = (path: string, body: BlobPart, inFolder = false): PickedFile => ({ file: new File([body], path.split('/').pop()!), path, inFolder })

describe('sortFiles', () => {
  it('sends policies to the workspace in path order and captures to the flows, by content', async () => {
    const sorted = await sortFiles([pick('b.yaml', POLICY), pick('capture.json', FLOW), pick('a.json', '{"apiVersion":"v1","kind":"List","items":[]}'), pick('c.gz', gzipSync(strToU8(FLOW)) as Uint8Array<ArrayBuffer>)])
    expect(sorted.policies.map((p) => p.path)).toEqual(['a.json', 'b.yaml'])
    expect(sorted.policies[1]!.text).toBe(POLICY)
    expect(sorted.flows.map((f) => f.name)).toEqual(['c.gz', 'capture.json'])
    expect(sorted.skipped).toEqual([])
  })
  it('skips a folder’s other files quietly, says why for a capture in it and for a lone unknown file', async () => {
    const sorted = await sortFiles([pick('dir/README.md', '# hi', true), pick('dir/p.yaml', POLICY, true), pick('dir/flows.json', FLOW, true), pick('notes.txt', 'hello')])
    expect(sorted.policies.map((p) => p.path)).toEqual(['dir/p.yaml'])
    expect(sorted.flows).toEqual([])
    expect(sorted.skipped).toEqual(['dir/flows.json: a Hubble capture (open it on its own to load the flows)', 'notes.txt: neither a policy (YAML/JSON) nor a Hubble capture'])
  })
  it('refuses a policy file too big for the editor', async () => {
    const big = 'kind: X\n' + '#'.repeat(MAX_POLICY_FILE_BYTES)
    const sorted = await sortFiles([pick('big.yaml', big)])
    expect(sorted.policies).toEqual([])
    expect(sorted.skipped[0]).toMatch(/^big\.yaml: larger than 5 MB/)
  })
})
