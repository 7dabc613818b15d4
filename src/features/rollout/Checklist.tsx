/** The seed's adoption checklist, ticked from the workspace where it can be. */
import type { ChecklistItem } from '../../domain/rollout/index.ts'

const MARK = { done: '✓', open: '○', manual: '·' } as const

export function Checklist({ items }: { readonly items: readonly ChecklistItem[] }): React.JSX.Element {
  return (
    <ul className="checklist" data-testid="rollout-checklist">
      {items.map((c) => (
        <li key={c.id} className={`checklist__item checklist__item--${c.state}`} data-state={c.state} data-id={c.id}>
          <span className="checklist__mark" aria-label={c.state === 'done' ? 'done' : c.state === 'open' ? 'open' : 'not checkable here'}>{MARK[c.state]}</span>
          <span className="checklist__text">{c.text}<span className="checklist__detail">{c.state === 'manual' ? 'for people to tick: ' : ''}{c.detail}</span></span>
        </li>
      ))}
    </ul>
  )
}
