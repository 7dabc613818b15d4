/**
 * The toolbar's File menu: open files or a folder, save/download, download as one file per policy or
 * as the opened files, copy, share link, exports. One button, so the toolbar keeps its row at 1280 px.
 * Owns the hidden pickers and registers them (and the download) for the Ctrl+O / Ctrl+S actions.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { action, labelOf, registerFileCommands, shortcutText } from '../../actions/index.ts'
import type { Action, ActionContext } from '../../actions/index.ts'
import { copyYaml, downloadAsOpened, downloadPerPolicy, downloadYaml, exportCsv, exportGraph, exportMarkdown } from './file-commands.ts'
import { getSaveTarget } from '../../store/save-target.ts'
import { useFileUi } from './file-ui.ts'
import { importInventory, openPicked } from './open-picked.ts'
import { pickedFromList } from './read-files.ts'
import './files.css'

interface Item {
  readonly id: string
  readonly label: string
  readonly title: string
  readonly keys?: string
  readonly run: () => void
}

const fromAction = (a: Action, ctx: ActionContext): Item => ({
  id: a.id,
  label: labelOf(a, null),
  title: a.title,
  ...(a.shortcuts?.[0] && { keys: shortcutText(a.shortcuts[0]) }),
  run: () => a.perform(ctx, ''),
})

export function FileMenu({ ctx }: { readonly ctx: ActionContext }): React.JSX.Element {
  const [open, setOpen] = useState(false)
  const [at, setAt] = useState<{ left: number; top: number } | null>(null)
  const button = useRef<HTMLButtonElement>(null)
  const menu = useRef<HTMLDivElement>(null)
  const filesInput = useRef<HTMLInputElement>(null)
  const folderInput = useRef<HTMLInputElement>(null)
  const inventoryInput = useRef<HTMLInputElement>(null)
  const redact = useFileUi((s) => s.redact)

  useEffect(
    () =>
      registerFileCommands({
        openFiles: () => filesInput.current?.click(),
        openFolder: () => folderInput.current?.click(),
        importInventory: () => inventoryInput.current?.click(),
        download: downloadYaml,
      }),
    [],
  )
  // The toolbar clips what overflows it, so the menu is placed on the page under the button.
  useLayoutEffect(() => {
    if (!open || !button.current) return
    const r = button.current.getBoundingClientRect()
    setAt({ left: r.left, top: r.bottom + 4 })
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus()
  }, [open])
  useEffect(() => {
    if (!open) return
    const close = (e: MouseEvent): void => {
      if (!menu.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false)
    }
    window.addEventListener('mousedown', close)
    return () => window.removeEventListener('mousedown', close)
  }, [open])

  const sections: Item[][] = [
    [fromAction(action('open-files'), ctx), fromAction(action('open-folder'), ctx), fromAction(action('import-inventory'), ctx)],
    [
      fromAction(action('save-workspace'), ctx),
      // Without a SaveTarget, Save already is this download.
      ...(getSaveTarget() ? [{ id: 'download-yaml', label: 'Download as one YAML file', title: 'The whole workspace as workspace.yaml', run: downloadYaml }] : []),
      { id: 'download-per-policy', label: 'Download one file per policy (zip)', title: 'policies.zip: <namespace>/<kind>-<name>.yaml for each policy', run: downloadPerPolicy },
      { id: 'download-as-opened', label: 'Download as the files I opened', title: 'Each opened file back with its bytes (a zip when there are several)', run: downloadAsOpened },
      { id: 'copy-yaml', label: 'Copy YAML', title: 'The whole workspace to the clipboard', run: () => void copyYaml() },
    ],
    [{ id: 'share-link', label: 'Share link…', title: 'A link that carries the workspace in its address (nothing is uploaded)', run: () => useFileUi.getState().set({ shareOpen: true }) }],
    [
      { id: 'export-png', label: 'Export picture as PNG', title: 'The graph as shown, as a PNG image', run: () => void exportGraph('png') },
      { id: 'export-svg', label: 'Export picture as SVG', title: 'The graph as shown, as an SVG image', run: () => void exportGraph('svg') },
      { id: 'export-csv', label: 'Export flows as CSV', title: 'Every flow with its recorded and draft verdicts', run: () => void exportCsv() },
      { id: 'export-markdown', label: 'Export report (Markdown)', title: 'Counts, what would break or open, lint findings', run: () => void exportMarkdown() },
    ],
  ]

  const onKeyDown = (e: React.KeyboardEvent): void => {
    if (e.key === 'Escape') {
      setOpen(false)
      button.current?.focus()
      return
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return
    e.preventDefault()
    const items = Array.from(menu.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])
    const i = items.indexOf(document.activeElement as HTMLElement)
    items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus()
  }

  return (
    <>
      <button
        type="button"
        ref={button}
        data-testid="file-menu"
        aria-haspopup="menu"
        aria-expanded={open}
        title="Open, save, download, share and export the workspace"
        onClick={() => setOpen((o) => !o)}
      >
        File ▾
      </button>
      <input
        ref={filesInput}
        type="file"
        multiple
        hidden
        data-testid="open-files-input"
        accept=".yaml,.yml,.json,.jsonl,.gz,application/json,application/yaml,text/yaml"
        onChange={(e) => {
          const picked = pickedFromList(e.target.files)
          e.target.value = ''
          void openPicked(picked)
        }}
      />
      <input
        ref={folderInput}
        type="file"
        hidden
        data-testid="open-folder-input"
        // Not in React's input typings; the attribute is what makes the picker choose a folder.
        {...{ webkitdirectory: '', directory: '' }}
        onChange={(e) => {
          const picked = pickedFromList(e.target.files)
          e.target.value = ''
          void openPicked(picked)
        }}
      />
      <input
        ref={inventoryInput}
        type="file"
        multiple
        hidden
        data-testid="inventory-file"
        accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? [], (f) => ({ name: f.name, blob: f }))
          e.target.value = ''
          if (files.length > 0) void importInventory(files)
        }}
      />
      {open && (
        <div ref={menu} className="file-menu" role="menu" aria-label="File" data-testid="file-menu-list" style={at ?? { visibility: 'hidden' }} onKeyDown={onKeyDown}>
          {sections.map((items, i) => (
            <div key={i} className="file-menu__section" role="group">
              {items.map((item) => (
                <button
                  key={item.id}
                  type="button"
                  role="menuitem"
                  data-testid={`file-${item.id}`}
                  title={item.title}
                  onClick={() => {
                    setOpen(false)
                    item.run()
                  }}
                >
                  <span>{item.label}</span>
                  {item.keys && <kbd>{item.keys}</kbd>}
                </button>
              ))}
            </div>
          ))}
          <label className="file-menu__option" title="Applies to the share link and to the PNG, SVG, CSV and Markdown exports; YAML downloads stay as written">
            <input type="checkbox" role="menuitemcheckbox" aria-checked={redact} data-testid="file-redact" checked={redact} onChange={(e) => useFileUi.getState().set({ redact: e.target.checked })} />
            Redact IPs and pod names in exports and links
          </label>
        </div>
      )}
    </>
  )
}
