/**
 * Exports of the workspace as files: one file per policy (for a zip), or the files the user opened
 * (split back by their `# file:` headers, byte for byte). Paths are made safe to extract: no
 * absolute paths, no `..`, no characters a file system refuses.
 */
import { parse } from 'yaml'
import { NO_EOL, splitWorkspaceFiles } from './workspace-files.ts'
import type { WorkspaceFile } from './workspace-files.ts'

const DOC_START = /^---(?:[ \t].*)?$/
const HEADER = /^# file: /

/** One path segment a file system and a zip tool accept: letters, digits, `.`, `_`, `-`. */
function safeSegment(segment: string): string {
  const cleaned = segment.replace(/[^A-Za-z0-9._-]/g, '_')
  if (cleaned === '' || /^\.+$/.test(cleaned)) return '_'
  return cleaned.startsWith('.') ? '_' + cleaned.slice(1) : cleaned
}

/** A relative path that cannot escape the folder it is extracted into. */
export function safeRelativePath(path: string): string {
  const segments = path.split(/[\\/]+/).filter((s) => s !== '' && s !== '.' && s !== '..')
  return segments.length === 0 ? 'file.yaml' : segments.map(safeSegment).join('/')
}

/** Adds `-2`, `-3` … before the extension until the path is unused. */
function unique(path: string, used: Set<string>): string {
  let candidate = path
  const dot = path.lastIndexOf('.')
  const [stem, ext] = dot > path.lastIndexOf('/') ? [path.slice(0, dot), path.slice(dot)] : [path, '']
  for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${stem}-${n}${ext}`
  used.add(candidate.toLowerCase())
  return candidate
}

/** The documents of a YAML stream as their own texts (comments kept), without workspace headers. */
export function documentTexts(text: string): string[] {
  const docs: string[][] = [[]]
  for (const line of text.split('\n')) {
    const bare = line.endsWith('\r') ? line.slice(0, -1) : line
    if (DOC_START.test(bare)) {
      docs.push([])
      continue
    }
    if (HEADER.test(bare) || bare === NO_EOL) continue
    docs[docs.length - 1]!.push(line)
  }
  return docs
    .map((lines) => lines.join('\n').replace(/\n+$/, '') + '\n')
    .filter((doc) => doc.split('\n').some((l) => l.trim() !== '' && !l.trimStart().startsWith('#')))
}

function policyPath(doc: string): string {
  let value: unknown
  try {
    value = parse(doc)
  } catch {
    return 'unparsed.yaml'
  }
  const obj = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {}
  const meta = obj['metadata'] !== null && typeof obj['metadata'] === 'object' ? (obj['metadata'] as Record<string, unknown>) : {}
  const kind = typeof obj['kind'] === 'string' ? obj['kind'] : 'document'
  const name = typeof meta['name'] === 'string' ? meta['name'] : 'unnamed'
  const cluster = kind === 'CiliumClusterwideNetworkPolicy' || kind === 'CiliumClusterwideEnvoyConfig'
  const namespace = cluster ? '_cluster' : typeof meta['namespace'] === 'string' ? meta['namespace'] : 'default'
  return `${safeSegment(namespace)}/${safeSegment(kind.toLowerCase())}-${safeSegment(name)}.yaml`
}

/** One file per document, named `<namespace>/<kind>-<name>.yaml` (`_cluster/` for cluster-wide ones). */
export function filesPerPolicy(text: string): WorkspaceFile[] {
  const used = new Set<string>()
  return documentTexts(text).map((doc) => ({ path: unique(policyPath(doc), used), text: doc }))
}

/**
 * The files as opened: each header's file with its exact bytes; text outside any file (typed or
 * pasted) becomes `workspace.yaml`. A workspace with no headers is that one file.
 */
export function filesAsOpened(text: string): WorkspaceFile[] {
  const split = splitWorkspaceFiles(text)
  const used = new Set<string>()
  const files = split.files.map((f) => ({ path: unique(safeRelativePath(f.path), used), text: f.text }))
  if (split.loose.trim() !== '' || files.length === 0) files.unshift({ path: unique('workspace.yaml', used), text: split.loose })
  return files
}

/** The last segment of a path (what a lone file downloads as). */
export function baseName(path: string): string {
  return path.split('/').pop() || path
}
