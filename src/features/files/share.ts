/**
 * Share links: the workspace (redacted when asked) in the fragment of this page's address, and the
 * load of such a link on startup: restored through requestReplace (asks when unsaved edits would
 * be lost), and the fragment cleared afterwards so a reload or a bookmark does not ask again.
 */
import { decodeShareFragment, encodeShareFragment, isShareFragment } from '../../domain/files/share-link.ts'
import { useWorkspace } from '../../store/workspace-store.ts'
import { redactorFor } from './report-rows.ts'

export function shareLink(text: string, redact: boolean): string {
  const body = redact ? redactorFor(true).text(text) : text
  const { origin, pathname } = window.location
  return origin + pathname + encodeShareFragment(body)
}

function clearFragment(): void {
  const { pathname, search } = window.location
  window.history.replaceState(window.history.state, '', pathname + search)
}

/** Restores a workspace from the page's fragment; returns a reason when the link cannot be read. */
export async function loadSharedWorkspace(): Promise<string | null> {
  const hash = window.location.hash
  if (!isShareFragment(hash)) return null
  let text: string
  try {
    text = decodeShareFragment(hash)
  } catch (err) {
    clearFragment()
    return `The share link could not be opened: ${err instanceof Error ? err.message : String(err)}.`
  }
  clearFragment()
  await useWorkspace.getState().requestReplace({
    prompt: {
      title: 'Open the shared workspace?',
      message: 'This link carries a workspace. Your unsaved edits in the current one will be replaced (Ctrl+Z in the editor brings them back).',
      confirmLabel: 'Open shared workspace',
    },
    origin: 'load',
    source: 'shared',
    load: () => text,
  })
  return null
}
