/** Files into one zip (fflate, pure JS), for the "one file per policy" and "as opened" downloads. */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import type { Zippable } from 'fflate'
import type { WorkspaceFile } from './workspace-files.ts'

export function zipFiles(files: readonly WorkspaceFile[]): Uint8Array {
  const entries: Zippable = {}
  for (const file of files) entries[file.path] = strToU8(file.text)
  return zipSync(entries, { level: 6 })
}

/** The files of a zip as text (tests, and the round trip "download as opened → open"). */
export function unzipFiles(zip: Uint8Array): WorkspaceFile[] {
  const out = unzipSync(zip)
  return Object.entries(out).map(([path, bytes]) => ({ path, text: strFromU8(bytes) }))
}
