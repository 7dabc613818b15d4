/**
 * Told when another tab saved a different version while this one had edits (tab-sync.ts): this
 * tab keeps its text; the other's is kept aside and can be opened (swapping, so this tab's text
 * is kept aside in turn) or downloaded.
 */
import { useOtherTab } from '../store/tab-sync.ts'
import { appStores } from '../store/app-stores.ts'

export function OtherTabBanner(): React.JSX.Element | null {
  const version = useOtherTab((s) => s.version)
  const setVersion = useOtherTab((s) => s.set)
  if (!version) return null
  const open = async (): Promise<void> => {
    const ws = appStores().workspace
    const ours = ws.getState().text
    const ok = await ws.getState().requestReplace({
      prompt: { title: "Open the other tab's version?", message: "This tab's text is kept aside and can be opened again from here.", confirmLabel: 'Open it' },
      origin: 'load',
      source: 'saved',
      load: () => version.text,
    })
    if (ok) setVersion(useOtherTab.getState().keep(ours))
  }
  const download = (): void => {
    const url = URL.createObjectURL(new Blob([version.text], { type: 'application/yaml' }))
    const a = document.createElement('a')
    a.href = url
    a.download = 'membrane-other-tab.yaml'
    a.click()
    setTimeout(() => URL.revokeObjectURL(url), 0)
  }
  return (
    <div className="other-tab-banner" role="status" data-testid="other-tab-banner">
      <span>Another tab saved a different version of this workspace. This tab keeps yours; the other version is kept too.</span>
      <button type="button" onClick={() => void open()} data-testid="other-tab-open">Open the other version</button>
      <button type="button" onClick={download}>Download it</button>
      <button type="button" onClick={() => setVersion(null)} aria-label="Dismiss">Dismiss</button>
    </div>
  )
}
