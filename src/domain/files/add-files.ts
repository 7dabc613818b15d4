/** Adding opened files to a workspace that already has text, in the `# file:` header format. */
import { joinWorkspaceFiles, splitWorkspaceFiles } from './workspace-files.ts'
import type { WorkspaceFile } from './workspace-files.ts'

/**
 * The current text with `files` appended; a file already open under the same path is swapped for
 * the new copy in its place. Text typed outside any file stays first, as it was.
 */
export function addWorkspaceFiles(current: string, files: readonly WorkspaceFile[]): string {
  const split = splitWorkspaceFiles(current)
  const incoming = new Map(files.map((f) => [f.path, f]))
  const open = new Set(split.files.map((f) => f.path))
  const kept = split.files.map((f) => incoming.get(f.path) ?? f)
  const added = files.filter((f) => !open.has(f.path))
  return joinWorkspaceFiles([...kept, ...added], split.loose)
}
