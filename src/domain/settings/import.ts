/**
 * Agent settings from what users have at hand: `kubectl -n kube-system get configmap
 * cilium-config -o yaml` (or -o json, or just its `data`), `cilium config view`, or the Helm
 * values they install Cilium with. Keys Membrane models set settings (with the value used);
 * every other key is ignored and listed; unreadable values are problems with their line.
 */
import type { Node as YamlNode } from 'yaml'
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml'
import { parseYamlWithinLimits } from '../policy/index.ts'
import type { AgentSettingKey } from './model.ts'
import { SETTING_FIELDS } from './model.ts'
import type { SettingsImport } from './import-result.ts'
import { ImportBuilder } from './import-result.ts'
import { convertValue } from './values.ts'

const BY_AGENT_KEY: ReadonlyMap<string, AgentSettingKey> = new Map(SETTING_FIELDS.filter((f) => f.agentKey !== '').map((f) => [f.agentKey, f.field]))
const BY_HELM_PATH: ReadonlyMap<string, AgentSettingKey> = new Map(SETTING_FIELDS.filter((f) => f.helmPath !== null).map((f) => [f.helmPath!, f.field]))

type Raw = string | number | boolean | readonly unknown[]

interface Leaf {
  readonly key: string
  readonly raw: Raw | null
  readonly line?: number
}

function set(b: ImportBuilder, field: AgentSettingKey, leaf: Leaf): void {
  if (leaf.raw === null) {
    b.problems.push({ key: leaf.key, message: `${leaf.key} has no value`, ...(leaf.line !== undefined && { line: leaf.line }) })
    return
  }
  const r = convertValue(field, leaf.raw)
  const at = leaf.line !== undefined ? { line: leaf.line } : {}
  if (!r.ok) {
    b.problems.push({ key: leaf.key, message: `${leaf.key}: ${r.message}; the setting is left as it was`, ...at })
    return
  }
  b.settings[field] = r.value
  const raw = Array.isArray(leaf.raw) ? leaf.raw.map(String).join(' ') : String(leaf.raw)
  b.read.push({ key: leaf.key, raw, field, value: r.value, ...at, ...(r.note !== undefined && { note: r.note }) })
}

/** Agent keys (`cilium-config` data, Helm `extraConfig`, `cilium config view`). */
function readAgentKeys(b: ImportBuilder, leaves: readonly Leaf[], prefix = ''): void {
  for (const leaf of leaves) {
    const name = leaf.key.slice(prefix.length)
    const field = BY_AGENT_KEY.get(name)
    if (field !== undefined) set(b, field, leaf)
    else b.ignored.push({ key: leaf.key, ...(leaf.line !== undefined && { line: leaf.line }) })
  }
}

function scalarOf(node: unknown): Raw | null {
  if (isScalar(node)) {
    const v = node.value
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null
  }
  if (isSeq(node)) return node.items.map((i) => (isScalar(i) ? String(i.value) : ''))
  return null
}

/** Leaf values by dotted path; maps are walked, lists and scalars are leaves. */
function leavesOf(node: unknown, lines: LineCounter, prefix: string, out: Leaf[]): void {
  if (!isMap(node)) return
  for (const pair of node.items) {
    const k = isScalar(pair.key) ? String(pair.key.value) : ''
    const key = prefix === '' ? k : `${prefix}.${k}`
    const range = (pair.key as YamlNode | null)?.range
    const line = range ? lines.linePos(range[0]).line : undefined
    if (isMap(pair.value) && pair.value.items.length > 0) leavesOf(pair.value, lines, key, out)
    else out.push({ key, raw: scalarOf(pair.value), ...(line !== undefined && { line }) })
  }
}

function get(node: unknown, key: string): unknown {
  return isMap(node) ? node.get(key, true) : undefined
}

const HEADER = new Set(['apiVersion', 'kind', 'metadata', 'data', 'binaryData', 'immutable'])

/** The ConfigMap's `data` node, when the document is one (or a List holding cilium-config). */
function configMapData(root: unknown): unknown {
  const kind = isScalar(get(root, 'kind')) ? String((get(root, 'kind') as { value: unknown }).value) : undefined
  if (kind === 'ConfigMap') return get(root, 'data') ?? null
  if (kind === 'List') {
    const items = get(root, 'items')
    if (!isSeq(items)) return undefined
    const maps = items.items.filter((i) => isScalar(get(i, 'kind')) && (get(i, 'kind') as { value: unknown }).value === 'ConfigMap')
    const named = maps.find((i) => isScalar(get(get(i, 'metadata'), 'name')) && (get(get(i, 'metadata'), 'name') as { value: unknown }).value === 'cilium-config')
    const pick = named ?? maps[0]
    return pick === undefined ? undefined : (get(pick, 'data') ?? null)
  }
  // Just the object without apiVersion/kind, or only its `data` pasted.
  if (isMap(root) && isMap(get(root, 'data')) && root.items.every((p) => isScalar(p.key) && HEADER.has(String(p.key.value)))) return get(root, 'data')
  return undefined
}

/** A map of kebab-case agent keys with scalar values (the `data` section alone). */
function looksLikeAgentKeys(root: unknown): boolean {
  if (!isMap(root) || root.items.length === 0) return false
  const keys = root.items.map((p) => (isScalar(p.key) ? String(p.key.value) : ''))
  const kebab = keys.filter((k) => /^[a-z0-9]+(-[a-z0-9]+)+$/.test(k)).length
  return kebab * 2 > keys.length && root.items.every((p) => !isMap(p.value))
}

/** `cilium config view` / `cilium-dbg config`: one `key  value` per line. */
function viewLeaves(text: string): Leaf[] | null {
  const lines = text.split(/\r?\n/)
  const out: Leaf[] = []
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i].trim()
    if (l === '' || l.startsWith('#')) continue
    const m = /^([a-z][a-z0-9.-]*)(?:\s+(.*))?$/.exec(l)
    if (!m) return null
    out.push({ key: m[1], raw: (m[2] ?? '').trim(), line: i + 1 })
  }
  return out.length > 0 ? out : null
}

/** Reads agent settings from a cilium-config ConfigMap, `cilium config view` output or Helm values. */
export function importAgentConfig(text: string): SettingsImport {
  const b = new ImportBuilder()
  const lines = new LineCounter()
  // The policy parse's nesting pre-scan and alias budget (issue 8): never hand `yaml` a crasher.
  const checked = parseYamlWithinLimits(text, () => [parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false })])
  if ('problem' in checked) {
    const { line, column, message } = checked.problem
    b.problems.push({ message, line, column, fatal: true })
    return b.finish('cilium-config')
  }
  const doc = checked.docs[0]
  const root = doc.contents
  if (doc.errors.length > 0 || !isMap(root)) {
    const view = viewLeaves(text)
    if (view && !isMap(root)) {
      readAgentKeys(b, view)
      return b.finish('cilium-config-view')
    }
    for (const e of doc.errors) b.problems.push({ message: e.message.split('\n')[0], line: lines.linePos(e.pos[0]).line })
    if (doc.errors.length === 0) b.problems.push({ message: 'expected a cilium-config ConfigMap, `cilium config view` output or Helm values' })
    return b.finish('cilium-config')
  }
  const data = configMapData(root)
  if (data !== undefined || looksLikeAgentKeys(root)) {
    const leaves: Leaf[] = []
    if (data === null) b.problems.push({ message: 'the ConfigMap has no data' })
    else leavesOf(data ?? root, lines, '', leaves)
    readAgentKeys(b, leaves)
    return b.finish('cilium-config')
  }
  const leaves: Leaf[] = []
  leavesOf(root, lines, '', leaves)
  for (const leaf of leaves) {
    const field = BY_HELM_PATH.get(leaf.key)
    if (field !== undefined) set(b, field, leaf)
    else if (leaf.key.startsWith('extraConfig.')) readAgentKeys(b, [leaf], 'extraConfig.')
    else b.ignored.push({ key: leaf.key, ...(leaf.line !== undefined && { line: leaf.line }) })
  }
  return b.finish('helm-values')
}
