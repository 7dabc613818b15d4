/** Versions a conflict choice set aside (the disk's or the editor's): each can still be downloaded. */
import { useServeSession } from '../../store/serve-session.ts'

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

export function KeptAsideMenu(): React.JSX.Element | null {
  const kept = useServeSession((s) => s.keptAside)
  if (kept.length === 0) return null
  return (
    <details className="serve-kept" data-testid="serve-kept">
      <summary>Kept aside ({kept.length})</summary>
      <ul>
        {kept.map((k) => {
          const base = k.path.split('/').pop()!.replace(/(\.[^.]+)$/, `.${k.which}$1`)
          return (
            <li key={`${k.path}-${k.at}`}>
              <span>{k.path} — {k.which === 'disk' ? "the disk's version" : 'your edits'}</span>
              <button type="button" onClick={() => download(base, k.text)}>Download</button>
            </li>
          )
        })}
      </ul>
    </details>
  )
}
