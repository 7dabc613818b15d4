/**
 * Files from a picker, a folder picker or a drop, sorted by what they hold: policies join the
 * workspace (read as text, path kept), Hubble captures go to the flows store, anything else in a
 * folder is skipped. A lone file that is neither is reported, not silently ignored.
 */
import { CLASSIFY_HEAD_BYTES, classifyFile, isPolicyPath } from '../../domain/files/classify-file.ts'
import { isHeaderSafePath } from '../../domain/files/workspace-files.ts'
import type { WorkspaceFile } from '../../domain/files/workspace-files.ts'
import type { SavedFile } from '../../store/flows-persistence.ts'

/** A policy file bigger than this is not a policy (and would freeze the editor). */
export const MAX_POLICY_FILE_BYTES = 5 * 1024 * 1024

export interface PickedFile {
  readonly file: File
  /** Folder-relative path for a folder, else the file name. */
  readonly path: string
  /** True when it came from a folder walk (non-policy files are then skipped quietly). */
  readonly inFolder: boolean
}

export interface SortedFiles {
  readonly policies: WorkspaceFile[]
  readonly flows: SavedFile[]
  /** Cluster inventories (`kubectl get pods,namespaces -A -o json`), imported together. */
  readonly inventories: SavedFile[]
  /** Why a file was left out, one line each. */
  readonly skipped: string[]
}

export function pickedFromList(list: FileList | null | undefined): PickedFile[] {
  return Array.from(list ?? [], (file) => {
    const rel = file.webkitRelativePath
    return { file, path: rel && rel.length > 0 ? rel : file.name, inFolder: Boolean(rel) }
  })
}

function entryFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject))
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject))
}

async function walk(entry: FileSystemEntry, prefix: string, out: PickedFile[], inFolder: boolean): Promise<void> {
  if (entry.isFile) {
    out.push({ file: await entryFile(entry as FileSystemFileEntry), path: prefix + entry.name, inFolder })
    return
  }
  if (!entry.isDirectory || entry.name.startsWith('.')) return
  const reader = (entry as FileSystemDirectoryEntry).createReader()
  // readEntries answers in batches (100 in Chromium) until it returns an empty one.
  for (let batch = await readEntries(reader); batch.length > 0; batch = await readEntries(reader)) {
    for (const child of batch) await walk(child, `${prefix}${entry.name}/`, out, true)
  }
}

/**
 * The files of a drop, folders walked. Must be called during the drop event: the browser empties
 * `dataTransfer` once the handler returns, so the entries are taken synchronously first.
 */
export function droppedFiles(dt: DataTransfer): Promise<PickedFile[]> {
  const entries = Array.from(dt.items ?? [])
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.() ?? null)
  if (entries.length === 0 || entries.some((e) => e === null)) return Promise.resolve(pickedFromList(dt.files))
  const out: PickedFile[] = []
  return (async () => {
    for (const entry of entries as FileSystemEntry[]) await walk(entry, '', out, false)
    return out
  })()
}

/** Sorts by content (the first bytes), reads the policies as text, in path order. */
export async function sortFiles(picked: readonly PickedFile[]): Promise<SortedFiles> {
  const policies: WorkspaceFile[] = []
  const flows: SavedFile[] = []
  const inventories: SavedFile[] = []
  const skipped: string[] = []
  const ordered = [...picked].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  for (const { file, path, inFolder } of ordered) {
    if (inFolder && !isPolicyPath(path)) continue
    const head = new Uint8Array(await file.slice(0, CLASSIFY_HEAD_BYTES).arrayBuffer())
    const kind = classifyFile(file.name, head)
    if (kind === 'flows' && !inFolder) flows.push({ name: file.name, blob: file })
    else if (kind === 'flows') skipped.push(`${path}: a Hubble capture (open it on its own to load the flows)`)
    else if (kind === 'inventory' && !inFolder) inventories.push({ name: file.name, blob: file })
    // A GitOps folder often holds its Namespace manifests beside the policies: not policies, not imported.
    else if (kind === 'inventory') skipped.push(`${path}: Kubernetes objects, not policies (open it on its own to import it as the cluster inventory)`)
    else if (kind === 'policy') {
      if (file.size > MAX_POLICY_FILE_BYTES) skipped.push(`${path}: larger than ${MAX_POLICY_FILE_BYTES / 1024 / 1024} MB`)
      else if (!isHeaderSafePath(path)) skipped.push(`${path}: a name with a line break cannot be kept`)
      else policies.push({ path, text: await file.text() })
    } else if (!inFolder) skipped.push(`${path}: neither a policy (YAML/JSON) nor a Hubble capture`)
  }
  return { policies, flows, inventories, skipped }
}
