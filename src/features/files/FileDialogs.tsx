/**
 * Always mounted: the files feature's dialogs, and the two ways a page can be opened with content —
 * a share link (`#ws=…`, also when pasted into this tab later) and `?policy-url=`. Both are taken
 * off the address once read, so a reload or a bookmark does not ask again.
 */
import { useEffect } from 'react'
import { POLICY_URL_PARAM } from '../../domain/files/policy-url.ts'
import { OpenChoiceDialog } from './OpenChoiceDialog.tsx'
import { PolicyUrlDialog } from './PolicyUrlDialog.tsx'
import { ShareDialog } from './ShareDialog.tsx'
import { say } from './file-commands.ts'
import { useFileUi } from './file-ui.ts'
import { loadSharedWorkspace } from './share.ts'

function takePolicyUrl(): void {
  const url = new URL(window.location.href)
  const raw = url.searchParams.get(POLICY_URL_PARAM)
  if (raw === null) return
  url.searchParams.delete(POLICY_URL_PARAM)
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash)
  useFileUi.getState().set({ policyUrl: raw })
}

function takeShareLink(): void {
  loadSharedWorkspace().then(
    (problem) => problem && say(problem, 'error'),
    (err: unknown) => say(String(err), 'error'),
  )
}

export function FileDialogs(): React.JSX.Element {
  useEffect(() => {
    takePolicyUrl()
    takeShareLink()
    window.addEventListener('hashchange', takeShareLink)
    return () => window.removeEventListener('hashchange', takeShareLink)
  }, [])
  return (
    <>
      <OpenChoiceDialog />
      <ShareDialog />
      <PolicyUrlDialog />
    </>
  )
}
