/**
 * The served workspace as files: the editor text is the folder's files joined under `# file:`
 * headers (workspace-files.ts); these helpers swap one file's bytes in it (a disk change), and
 * say what a save must write (the files whose bytes differ from what the page last read).
 */
import { changedFiles, joinWorkspaceFiles, splitWorkspaceFiles } from '../domain/files/workspace-files.ts'
import type { WorkspaceFile } from '../domain/files/workspace-files.ts'
import { addWorkspaceFiles } from '../domain/files/add-files.ts'

/** What the page believes is on disk: the bytes it last read or wrote, and their version. */
export interface BaseFile {
  readonly text: string
  readonly version: string
}

/** The name an empty folder's first file gets: the page starts on its header, so typing saves there. */
export const FIRST_FILE = 'policies.yaml'

/** The editor text for the folder's files (an empty folder: one header to type under). */
export function folderText(files: readonly WorkspaceFile[]): string {
  return joinWorkspaceFiles(files.length > 0 ? files : [{ path: FIRST_FILE, text: '' }])
}

/** The text of one file as the editor holds it now, or undefined when it has no header there. */
export function fileTextIn(text: string, path: string): string | undefined {
  return splitWorkspaceFiles(text).files.find((f) => f.path === path)?.text
}

/**
 * The editor text with `path`'s bytes replaced (null: the file taken out); a file the text does
 * not hold yet is added at the end, in the header format. Other files and loose text stay as typed.
 */
export function replaceFileIn(text: string, path: string, next: string | null): string {
  if (next !== null) return addWorkspaceFiles(text, [{ path, text: next }])
  const { loose, files } = splitWorkspaceFiles(text)
  if (!files.some((f) => f.path === path)) return text
  return joinWorkspaceFiles(files.filter((f) => f.path !== path), loose)
}

export interface SaveFile {
  readonly path: string
  readonly text: string
  readonly base: string | null
}

export type SavePlan =
  | { readonly ok: true; readonly files: readonly SaveFile[]; readonly removed: readonly string[] }
  | { readonly ok: false; readonly message: string }

/**
 * What a save sends. Text above the first header belongs to no file: rather than guess a name,
 * the save refuses and says how to give it one. Files whose header was deleted are not deleted on
 * disk (a save never removes files); a new header with nothing under it writes nothing yet.
 */
export function savePlan(text: string, base: ReadonlyMap<string, BaseFile>): SavePlan {
  const { loose, files } = splitWorkspaceFiles(text)
  if (loose.trim() !== '') {
    return { ok: false, message: "Not saved: the text above the first '# file:' header belongs to no file. Put a header line '# file: <name>.yaml' above it (after a '---' line if a file comes before it)." }
  }
  const before = [...base].map(([path, b]) => ({ path, text: b.text }))
  const { changed, added, removed } = changedFiles(before, files)
  const out: SaveFile[] = [
    ...changed.map((f) => ({ path: f.path, text: f.text, base: base.get(f.path)!.version })),
    ...added.filter((f) => f.text.trim() !== '').map((f) => ({ path: f.path, text: f.text, base: null })),
  ]
  return { ok: true, files: out, removed }
}

/** True when the editor holds edits the folder does not have. */
export function hasUnsavedEdits(text: string, base: ReadonlyMap<string, BaseFile>): boolean {
  const plan = savePlan(text, base)
  return !plan.ok || plan.files.length > 0
}
