import { describe, expect, it } from 'vitest'
import { gzipSync, strToU8 } from 'fflate'
import { classifyFile, isPolicyPath } from './classify-file.ts'

const bytes = (s: string): Uint8Array => strToU8(s)

describe('classifyFile', () => {
  const cases: [string, string, Uint8Array, string][] = [
    ['a YAML policy', 'p.yaml', bytes('apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\n'), 'policy'],
    ['a YAML policy with a leading comment and a txt name', 'p.txt', bytes('# mine\n---\nkind: NetworkPolicy\n'), 'policy'],
    ['a JSON manifest', 'p.json', bytes('{\n  "apiVersion": "cilium.io/v2",\n  "kind": "CiliumNetworkPolicy"\n}'), 'policy'],
    ['a kubectl List in JSON', 'list.json', bytes('{"apiVersion":"v1","items":[],"kind":"List"}'), 'policy'],
    ['Hubble JSON lines', 'flows.json', bytes('{"flow":{"verdict":"FORWARDED"},"node_name":"n1","time":"2024-01-01T00:00:00Z"}\n'), 'flows'],
    ['Hubble JSON lines named .yaml', 'oops.yaml', bytes('{"flow":{"verdict":"DROPPED","source":{}}}\n'), 'flows'],
    ['a bare flow object', 'f.json', bytes('{"time":"x","verdict":"FORWARDED","IP":{"source":"10.0.0.1"}}'), 'flows'],
    ['a gzipped capture, whatever its name', 'capture.yaml', gzipSync(bytes('{"flow":{}}\n')), 'flows'],
    ['an empty .yaml file', 'empty.yaml', bytes(''), 'policy'],
    ['kubectl get pods,namespaces -A -o json', 'cluster.json',
      bytes('{\n    "apiVersion": "v1",\n    "items": [\n        {\n            "apiVersion": "v1",\n            "kind": "Namespace",\n            "metadata": {"name": "shop"}\n        },\n        {"apiVersion": "v1", "kind": "Pod", "metadata": {"ownerReferences": [{"kind": "ReplicaSet"}]}}\n    ],\n    "kind": "List"\n}'), 'inventory'],
    ['kubectl get pods -o yaml', 'pods.yaml', bytes('apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: web-1\nkind: List\n'), 'inventory'],
    ['a single Namespace manifest', 'ns.yaml', bytes('apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n'), 'inventory'],
    ['a policy file that also creates its namespace stays a policy file', 'app.yaml',
      bytes('apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\n'), 'policy'],
    ['kubectl get cnp -o json', 'cnps.json', bytes('{"apiVersion":"v1","items":[{"apiVersion":"cilium.io/v2","kind":"CiliumNetworkPolicy"}],"kind":"List"}'), 'policy'],
    ['a README', 'README.md', bytes('# Policies\nSome words.\n'), 'unknown'],
  ]
  for (const [name, file, head, kind] of cases) it(`${name} → ${kind}`, () => expect(classifyFile(file, head)).toBe(kind))
})

describe('isPolicyPath', () => {
  it('takes YAML and JSON files of a folder and leaves the rest out', () => {
    expect(['a.yaml', 'b.YML', 'c.json', 'd.md', 'e.yaml.bak', '.git/config'].filter(isPolicyPath)).toEqual(['a.yaml', 'b.YML', 'c.json'])
  })
})
