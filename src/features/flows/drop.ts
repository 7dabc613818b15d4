/** Files from a picker or a drop, as the flows store takes them. */
import type { SavedFile } from '../../store/flows-persistence.ts'

export function filesOf(list: FileList | null | undefined): SavedFile[] {
  return list ? Array.from(list, (f) => ({ name: f.name, blob: f })) : []
}
