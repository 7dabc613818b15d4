/**
 * Right-click menu on nodes and edges: the registry's node actions (isolate, default deny, DNS,
 * FQDN, metadata, scraping, apiserver) and edge actions (show YAML, delete) that apply to the target.
 */
import { useEffect, useRef, useState } from 'react'
import { EDGE_MENU, NODE_MENU, action, labelOf } from '../../actions/index.ts'
import type { Action, ActionContext } from '../../actions/index.ts'

export interface ContextMenuProps {
  /** Its `target` is the node or edge right-clicked. */
  readonly ctx: ActionContext
  readonly x: number
  readonly y: number
  readonly onClose: () => void
}

export function ContextMenu({ ctx, x, y, onClose }: ContextMenuProps): React.JSX.Element {
  const target = ctx.target
  const items = (target?.kind === 'edge' ? EDGE_MENU : NODE_MENU).map(action).filter((a) => a.enabled(ctx))
  const [asking, setAsking] = useState<Action | null>(null)
  const [value, setValue] = useState('')
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const close = (e: MouseEvent): void => {
      if (!ref.current?.contains(e.target as Node)) onClose()
    }
    window.addEventListener('mousedown', close)
    return () => window.removeEventListener('mousedown', close)
  }, [onClose])
  return (
    <div ref={ref} className="context-menu" role="menu" data-testid="context-menu" style={{ left: x, top: y }} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      {asking ? (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            if (value.trim() === '') return
            asking.perform(ctx, value.trim())
            onClose()
          }}
        >
          <label>
            {labelOf(asking, target).replace('…', '')}
            <input autoFocus data-testid="context-menu-input" value={value} placeholder={asking.ask?.placeholder} onChange={(e) => setValue(e.target.value)} />
          </label>
          <button type="submit" data-testid="context-menu-ok">OK</button>
        </form>
      ) : items.length === 0 ? (
        <div className="context-menu__empty">No actions for this node</div>
      ) : (
        items.map((item) => (
          <button
            key={item.id}
            type="button"
            role="menuitem"
            data-testid={`menu-${item.id}`}
            title={item.title}
            onClick={() => {
              if (item.ask) {
                setAsking(item)
                setValue(item.ask.initial)
                return
              }
              item.perform(ctx, '')
              onClose()
            }}
          >
            {labelOf(item, target)}
          </button>
        ))
      )}
    </div>
  )
}
