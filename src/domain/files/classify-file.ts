/**
 * What an opened or dropped file is, judged by its content first and its name only as a fallback:
 * a capture renamed `flows.txt` still loads as flows, and `policy.json` (a JSON manifest, which is
 * YAML too) joins the workspace. Only the first bytes are looked at, so a huge capture costs nothing.
 */
import { strFromU8 } from 'fflate'

export type FileKind = 'policy' | 'flows' | 'inventory' | 'unknown'

/** How many bytes of a file `classifyFile` needs. */
export const CLASSIFY_HEAD_BYTES = 64 * 1024

const POLICY_KEY = /^[ \t]*(?:apiVersion|kind)[ \t]*:/m
const JSON_POLICY_KEY = /"(?:apiVersion|kind)"\s*:/
// Keys of Hubble's JSON output (`hubble observe -o json`, the exporter, bare flow objects).
const FLOW_KEY = /"(?:flow|verdict|event_type|node_name|lost_events|agent_event|debug_event|Type|IP|l4)"\s*:/
// `kind:` values in YAML (`kind: Pod`) or JSON (`"kind": "Pod"`), wherever they are in the head.
const KIND_VALUE = /(?:^|[\s{,])"?kind"?[ \t]*:[ \t]*["']?([A-Za-z]+)/gm
// What `kubectl get pods,namespaces,services,nodes -A -o json|yaml` holds (domain/inventory reads it).
const INVENTORY_KINDS = new Set(['Pod', 'Namespace', 'Service', 'Node', 'PodList', 'NamespaceList', 'ServiceList', 'NodeList'])
const POLICY_KINDS = /^(?:Cilium\w*Policy|NetworkPolicy|CiliumCIDRGroup)(?:List)?$/
const POLICY_EXT = /\.(?:ya?ml)$/i
const FLOWS_EXT = /\.(?:jsonl|ndjson|gz|log)$/i

/**
 * A cluster inventory names pods, namespaces, services or nodes and no policy kind. An empty
 * `kind: List` stays a policy file: `kubectl get cnp -o yaml` of an empty namespace looks the same.
 */
function isInventory(text: string): boolean {
  let inventory = false
  for (const m of text.matchAll(KIND_VALUE)) {
    if (POLICY_KINDS.test(m[1])) return false
    if (INVENTORY_KINDS.has(m[1])) inventory = true
  }
  return inventory
}

/** `head` is the start of the file (up to `CLASSIFY_HEAD_BYTES`) as bytes. */
export function classifyFile(name: string, head: Uint8Array): FileKind {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'flows'
  const text = strFromU8(head).replace(/^\uFEFF/, '')
  if (isInventory(text)) return 'inventory'
  const start = text.trimStart()
  if (start.startsWith('{') || start.startsWith('[')) {
    // JSON: the first record decides. A Kubernetes manifest names its apiVersion/kind; a flow record
    // carries Hubble's keys (and never apiVersion at the top, so check the manifest keys first).
    const firstLine = start.split('\n', 1)[0] ?? ''
    const sample = firstLine.length > 20 ? firstLine : start
    if (JSON_POLICY_KEY.test(sample) && !/"flow"\s*:/.test(sample)) return 'policy'
    if (FLOW_KEY.test(sample)) return 'flows'
    if (JSON_POLICY_KEY.test(start)) return 'policy'
  } else if (POLICY_KEY.test(text)) {
    return 'policy'
  }
  if (POLICY_EXT.test(name)) return 'policy'
  if (FLOWS_EXT.test(name)) return 'flows'
  return 'unknown'
}

/** Files a folder pick or drop opens as policies; anything else in the folder is left out. */
export function isPolicyPath(path: string): boolean {
  return /\.(?:ya?ml|json)$/i.test(path)
}
